"""Help for a reader in crisis, and every help number from ONE data file (issue 6).

(a) calculators/data/channels.json is complete: every channel has what it is for, its source (据报道
    where it is only reported) and the date it was checked;
(b) no page types a number that the data file lists — pages write {{ tel:KEY }} and
    hooks/channels.py renders it, so a changed number is changed once;
(c) every page that touches despair (自杀 / 想不开 / 撑不下去 …) or carries the crisis box shows
    the 12356 line, and the pages a frightened reader lands on carry the box;
(d) the same, checked again on the built site.
Each check is also run on a sample it must reject, so it can fail.
"""
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FRAGMENTS = DOCS / "_fragments"

_spec = importlib.util.spec_from_file_location("channels_hook", ROOT / "hooks" / "channels.py")
channels = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(channels)

DATA = channels.load()
NUMBERS = channels.numbers(DATA)
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_fragments" not in p.parts)
# Pages a frightened reader is most likely to open: they carry the box whatever they say.
MUST_CARRY_BOX = ["index.md", "faq.md", "help.md", "precautions/index.md", "precautions/collection.md",
                  "consequences/collection-and-court.md"]
CRISIS_WORDS = re.compile(r"自杀|轻生|想不开|撑不下去|活不下去|走投无路|不想活")
PSYCH = NUMBERS["psych"]
# A unit after a number means an amount or a count (逾期120天), not a phone number.
UNIT = r"(?!\s*(?:天|元|个|期|万|倍|日|月|年|次|人|岁|分|条|页|号|%|％))"


def typed_numbers(text: str) -> list[str]:
    """Numbers from the data file written out by hand in `text` (link targets excepted)."""
    text = re.sub(r"\]\([^)]*\)", "]()", text)  # URLs: days=120 is not a phone number
    found = []
    for number in NUMBERS.values():
        pattern = rf"(?<![\d.,，=/#&０-９]){re.escape(number)}(?![\d.,０-９]){UNIT}"
        found += [m.group(0) for m in re.finditer(pattern, text)]
    return found


def with_fragments(text: str) -> str:
    return re.sub(r"\{!\s*([\w.-]+)\s*!\}", lambda m: (FRAGMENTS / m.group(1)).read_text(encoding="utf-8"), text)


def crisis_problem(text: str, src: str) -> str | None:
    """None if the page is fine: no crisis words, or the 12356 line is rendered on it."""
    rendered = channels.expand(with_fragments(text), src, DATA)
    if (CRISIS_WORDS.search(rendered) or channels.CRISIS_MARKER in text) and PSYCH not in rendered:
        return f"{src}: speaks of despair but does not show {PSYCH}; put {channels.CRISIS_MARKER} on it"
    return None


def _rel(p: Path) -> str:
    return p.relative_to(DOCS).as_posix()


# ------------------------------------------------------------ (a) the data file
@pytest.mark.parametrize("entry", DATA["channels"], ids=lambda e: e["key"])
def test_every_channel_says_what_it_is_for_where_it_comes_from_and_when_checked(entry):
    assert entry["for"] and entry["source"] and entry["by"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["checked"])
    if entry["status"] == "reported":
        assert "据报道" in entry["source"]


def test_the_brief_s_channels_are_all_there():
    assert set(NUMBERS.values()) >= {"12356", "110", "120", "12378", "12363", "12348", "12368", "12315"}
    names = " ".join(e["name"] for e in DATA["channels"])
    assert "中国执行信息公开网" in names and "调解" in names


def test_a_reported_source_without_据报道_is_refused(tmp_path):
    bad = tmp_path / "channels.json"
    bad.write_text('{"channels": [{"key": "x", "group": "legal", "number": "1", "name": "n", "by": "b", "for": "f",'
                   ' "status": "reported", "source": "某报纸", "checked": "2026-11-29"}]}', encoding="utf-8")
    with pytest.raises(Exception, match="据报道"):
        channels.load(bad)


# ------------------------------------------------------------ (b) numbers come from the data file
@pytest.mark.parametrize("path", PAGES + sorted(FRAGMENTS.glob("*.md")), ids=_rel)
def test_no_page_types_a_help_number_by_hand(path):
    typed = typed_numbers(path.read_text(encoding="utf-8"))
    assert not typed, f"{_rel(path)} types {typed}: write {{{{ tel:KEY }}}} (keys in calculators/data/channels.json)"


def test_calculators_type_no_hotline_number():
    hotlines = [n for n in NUMBERS.values() if len(n) == 5]
    for path in (ROOT / "calculators").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not [n for n in hotlines if n in text], path


@pytest.mark.parametrize("sample, typed", [
    ("有问题拨打12378投诉。", ["12378"]),
    ("遇到威胁，直接拨打110。", ["110"]),
    ("遇到威胁，直接拨打 {{ tel:police }}。", []),
    ("逾期120天，共1,120.00元，[示例](../tools/x.md#days=120)。", []),
])
def test_the_number_check_can_fail(sample, typed):
    assert typed_numbers(sample) == typed


def test_every_placeholder_names_a_channel_with_a_number():
    for path in PAGES:
        for key in channels.TEL.findall(path.read_text(encoding="utf-8")):
            assert key in NUMBERS, f"{_rel(path)}: {{{{ tel:{key} }}}}"


def test_a_changed_number_changes_everywhere():
    data = {"channels": [dict(e) for e in DATA["channels"]]}
    next(e for e in data["channels"] if e["key"] == "nfra")["number"] = "99999"
    page = channels.expand("投诉请拨打 {{ tel:nfra }}。\n\n<!-- crisis -->\n", "faq.md", data)
    assert "99999" in page and NUMBERS["nfra"] not in page


# ------------------------------------------------------------ (c) the crisis box
@pytest.mark.parametrize("path", PAGES, ids=_rel)
def test_pages_that_touch_despair_show_the_12356_line(path):
    assert crisis_problem(path.read_text(encoding="utf-8"), _rel(path)) is None


@pytest.mark.parametrize("page", MUST_CARRY_BOX)
def test_the_pages_a_frightened_reader_opens_carry_the_box(page):
    assert channels.CRISIS_MARKER in (DOCS / page).read_text(encoding="utf-8")


def test_the_crisis_check_can_fail():
    assert crisis_problem("# 页\n\n有时候真的觉得撑不下去。\n", "x.md")
    assert crisis_problem("# 页\n\n有时候真的觉得撑不下去。\n\n<!-- crisis -->\n", "x.md") is None


def test_the_box_is_calm_and_complete():
    box = channels.crisis_box(DATA, "precautions/collection.md")
    for number in (PSYCH, NUMBERS["police"], NUMBERS["ambulance"]):
        assert number in box
    assert "../help.md" in box and "../index.md#first-steps" in box
    body = box.split("\n", 1)[1]  # after the admonition's own "!!!" syntax
    assert not re.search(r"[!！]|千万|赶紧", body)  # no shouting


# ------------------------------------------------------------ (d) the built site
def test_built_pages_render_the_numbers_and_the_box(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "{{ tel:" not in html and channels.CRISIS_MARKER not in html, page
        text = re.sub(r"<[^>]+>", "", html)
        if CRISIS_WORDS.search(text):
            assert PSYCH in text, f"{page.relative_to(built_site)} speaks of despair without {PSYCH}"
    help_page = (built_site / "help" / "index.html").read_text(encoding="utf-8")
    for entry in DATA["channels"]:
        assert entry["name"] in help_page and entry["checked"] in help_page
