"""What the guide says about enforcement stays right (issue 6, items 1 and 10, and the versions).

(a) No summary of the 失信被执行人名单 rule says that a specific bad act (evading enforcement,
    breaching the asset report…) is REQUIRED: 2013 第一条第六项 is a catch-all — having the
    ability to pay and not paying is enough. A line that cites 第一条 as a whole must mention
    the sixth item (or lead into the full quotation).
(b) legal/articles.json records the version of each instrument, and for the two whose text is
    older than the rule in force (2013 失信, 2010 限高) the later version; every page citing them
    labels the version it cites and says that a later amendment exists.
Both checks are run on the wrong sentences the review found, so they can fail.
"""
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import citations as cz  # noqa: E402

DATA = cz.load_data()
DOCS = cz.doc_files()
LATER = {i["name"]: i for i in DATA["instruments"] if i.get("later_versions")}

# "…and (also) has one of the specific acts" — the narrowing the review found.
NARROWING = [
    re.compile(r"(并且|并|同时|而且|还要|还得)(要|需要|必须)?(具)?有[^。；|\n]{0,40}(规避|妨碍|抗拒|特定|违反财产报告|违反限制)"),
    re.compile(r"同时满足"),
    re.compile(r"(有|具有)(规避执行|妨碍执行)等(特定)?(情形|行为)的[，,]?\s*(才|才会)"),
]
LIST_WORDS = re.compile(r"失信|老赖")
WHOLE_ARTICLE_ONE = re.compile(r"《失信名单规定》(?:[（(][^）)]*[）)])?第一条(?!第[一二三四五六]项)")
CATCH_ALL = re.compile(r"第六项|（六）|兜底")


def _prose_lines(text: str):
    """(line number, line) outside code fences and statute quotations."""
    fenced = False
    lines = text.splitlines()
    for n, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or re.match(r"^\s*>", line):
            continue
        yield n, line, lines[n:]


def narrowing_problems(text: str, where: str = "") -> list[str]:
    problems = []
    for n, line, rest in _prose_lines(text):
        if not LIST_WORDS.search(line):
            continue
        for pattern in NARROWING:
            if pattern.search(line):
                problems.append(f"{where}:{n}: says a specific act is required for the 失信 list: "
                                f"…{pattern.search(line).group(0)}…")
        if WHOLE_ARTICLE_ONE.search(line) and not CATCH_ALL.search(line):
            following = next((r for r in rest if r.strip()), "")
            if not (line.rstrip().endswith(("：", ":")) and following.lstrip().startswith("> 第一条")):
                problems.append(f"{where}:{n}: cites 第一条 without its 第六项 (the catch-all)")
    return problems


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(cz.ROOT)))
def test_no_page_narrows_the_dishonest_list(path):
    problems = narrowing_problems(path.read_text(encoding="utf-8"), str(path.relative_to(cz.ROOT)))
    assert not problems, "\n".join(problems)


# The sentences the review found wrong (faq, myths, consequences, glossary, case 2).
WRONG = [
    "有履行能力却拒不履行，并且有规避执行、违反财产报告制度等情形的，会被纳入失信被执行人名单（《失信名单规定》第一条，2013年版）。",
    "被起诉本身不会让你进入失信被执行人名单。那需要判决生效后，你有履行能力而不履行，并且有规避执行等情形（《失信名单规定》第一条，2013年版）。",
    "只是逾期，不会。按 2013 年版的规定，要同时满足：已经有生效的判决等法律文书；你有履行能力却不履行；"
    "并且有妨碍执行、规避执行、违反财产报告制度等情形（《失信名单规定》第一条，2013年版）。",
    "| \"逾期就进黑名单（失信名单）\" | 只有在判决生效、进入执行后，有履行能力而不履行，并有规避执行等特定情形时，才会被纳入 | 《失信名单规定》第一条（2013年版） |",
    "有能力履行而不履行、并有规避执行等情形的，**才会**被纳入失信被执行人名单",
    "*[失信被执行人]: 俗称老赖，指有履行能力而不履行生效法律文书确定的义务，并且有妨碍或抗拒执行、规避执行等情形，被法院纳入名单的被执行人。",
    "按2013年版的规定，法院把人纳入失信被执行人名单，要求**同时**满足两点（《失信名单规定》第一条，2013年版）。",
]


@pytest.mark.parametrize("sentence", WRONG)
def test_the_narrowing_check_can_fail(sentence):
    assert narrowing_problems(sentence)


def test_the_right_summary_and_the_full_quotation_pass():
    right = ("有履行能力却不履行的，法院应当把被执行人纳入失信被执行人名单，不需要另外有规避执行之类的行为"
             "（《失信名单规定》（2013年版）第一条第六项）。")
    assert narrowing_problems(right) == []
    quoted = "《失信名单规定》（2013年版）第一条原文：\n\n> 第一条 被执行人具有履行能力而不履行……并具有下列情形之一的\n"
    assert narrowing_problems(quoted) == []


# ------------------------------------------------------------ (b) versions and later amendments
@pytest.mark.parametrize("ins", [i for i in DATA["instruments"] if i["status"] == "verified"], ids=lambda i: i["name"])
def test_every_quoted_instrument_records_its_version(ins):
    assert ins["version"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ins["effective"])


def test_the_old_texts_record_the_later_version():
    assert set(LATER) >= {"失信名单规定", "限制高消费规定"}
    for ins in LATER.values():
        assert re.search(r"\d{4}年版", ins["version"]), ins["name"]
        for later in ins["later_versions"]:
            assert later["year"] > int(ins["effective"][:4])
            assert later["document"] and later["note"] and later["status"] in ("reported", "verified")


def version_problems(text: str, where: str = "") -> list[str]:
    problems = []
    for name, ins in LATER.items():
        label = re.search(r"\d{4}年版", ins["version"]).group(0)
        cited = [c for c in cz.find_citations(text) if c.name == name]
        if not cited:
            continue
        lines = text.splitlines()
        for c in cited:
            if label not in lines[c.line - 1]:
                problems.append(f"{where}:{c.line}: 《{name}》 cited without saying it is the {label}")
        for later in ins["later_versions"]:
            if not re.search(rf"{later['year']}\s*年[^。\n]{{0,12}}修订|修订[^。\n]{{0,12}}{later['year']}", text):
                problems.append(f"{where}: cites 《{name}》 ({label}) but never says it was amended in {later['year']}")
    return sorted(set(problems))


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(cz.ROOT)))
def test_pages_citing_an_old_text_label_it_and_name_the_amendment(path):
    problems = version_problems(path.read_text(encoding="utf-8"), str(path.relative_to(cz.ROOT)))
    assert not problems, "\n".join(problems)


def test_the_version_check_can_fail():
    assert version_problems("限高见《限制高消费规定》第一条。")
    assert version_problems("限高见《限制高消费规定》第一条（2010年版）。")  # no word of 2015
    assert version_problems("限高见《限制高消费规定》第一条（2010年版；2015年修订过）。") == []


# ------------------------------------------------------------ item 10: the high-speed train
def test_the_faq_answers_the_high_speed_train_question_with_the_2015_text():
    faq = (cz.ROOT / "docs" / "faq.md").read_text(encoding="utf-8")
    assert "G字头" in faq and "2015" in faq and "据报道" in faq
