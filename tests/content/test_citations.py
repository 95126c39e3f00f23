"""Every statute the site cites or quotes must be backed by legal/articles.json.

(a) every 《NAME》第N条 in docs/ and calculators/ names an instrument and article
    that are in the data;
(b) every blockquote starting with 第N条 equals the stored article text
    (whitespace aside; omissions marked ……);
(c) the data file itself is well formed.
The rules are in tests/content/citations.py.  The tests read only the project;
the shared statute folder is used solely by legal/extract_articles.py.
"""
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import citations as cz  # noqa: E402

DATA = cz.load_data()
INSTRUMENTS = cz.instruments_by_name(DATA)

# Short names the writers' conventions prescribe (CONTRIBUTING.md).
REQUIRED_NAMES = {
    "民法典", "征信业管理条例", "个人信息保护法", "刑法", "消费者权益保护法",
    "民间借贷规定", "银行卡纠纷规定", "诉讼时效规定", "失信名单规定",
    "限制高消费规定", "拒执解释", "民间借贷适用范围批复",
    "商业银行信用卡业务监督管理办法",
}

DOCS = cz.doc_files()
CALCS = cz.calculator_files()


def _rel(p: Path) -> str:
    return str(p.relative_to(cz.ROOT))


# ------------------------------------------------------------ (c) the data
def test_data_top_level():
    assert set(DATA) >= {"source", "checked", "instruments"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", DATA["checked"])
    assert "2f4c5c2" in DATA["source"]
    names = [i["name"] for i in DATA["instruments"]]
    assert len(names) == len(set(names)), "duplicate instrument names"
    missing = REQUIRED_NAMES - set(names)
    assert not missing, f"instruments missing from the data: {missing}"


@pytest.mark.parametrize("ins", DATA["instruments"], ids=lambda i: i["name"])
def test_instrument_well_formed(ins):
    assert ins["status"] in ("verified", "reported")
    assert ins["full_title"] and isinstance(ins["articles"], dict)
    for key in ins["articles"]:
        assert cz.ARTICLE_KEY_RE.match(key), f"bad article key {key!r}"
    keys = list(ins["articles"])
    assert keys == sorted(keys, key=cz.key_sort), "articles not in statute order"
    if ins["status"] == "reported":
        assert ins.get("source_note"), "a reported instrument needs its source note"
        assert all(v is None for v in ins["articles"].values()), \
            "a reported instrument must not carry article text"
        assert "text" not in ins
        return
    assert ins.get("files") and ins.get("version")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ins["effective"])
    assert ins["articles"] or ins.get("text"), "no articles and no text"
    for key, body in ins["articles"].items():
        assert isinstance(body, str) and body.startswith(key + " "), \
            f"{key}: text must start with the article number and a space"
        assert body == body.strip() and "\n\n" not in body, \
            f"{key}: paragraphs are joined by a single newline"
        # no other article of the source was swallowed into this one
        for line in body.split("\n")[1:]:
            assert not cz.QUOTE_START_RE.match(line), \
                f"{key}: contains the start of another article: {line[:20]}"


def test_numerals_round_trip():
    for n in list(range(1, 1300)):
        assert cz.cn_to_int(cz.int_to_cn(n)) == n
    assert cz.int_to_cn(203) == "二百零三"
    assert cz.int_to_cn(16) == "十六"
    assert cz.int_to_cn(110) == "一百一十"
    assert cz.cn_to_int("一百八十八") == 188


# ------------------------------------------------------------ (a) citations
@pytest.mark.parametrize("path", DOCS + CALCS, ids=_rel)
def test_citations_are_in_the_data(path):
    errors = cz.check_citations(cz.read_text(path), DATA, _rel(path))
    assert not errors, "\n".join(errors)


# ------------------------------------------------------------ (b) quotations
@pytest.mark.parametrize("path", DOCS, ids=_rel)
def test_quotations_are_verbatim(path):
    errors = cz.check_quotes(path.read_text(encoding="utf-8"), DATA, _rel(path))
    assert not errors, "\n".join(errors)


def test_law_page_quotes_every_article_it_relies_on():
    """Section 9 quotes every verified article in the data (and nothing is
    cited elsewhere without being there)."""
    page = cz.ROOT / "docs" / "law" / "index.md"
    quoted = {(q.instrument, q.key)
              for q in cz.find_quotes(page.read_text(encoding="utf-8"), DATA)}
    missing = [f"《{i['name']}》{k}" for i in DATA["instruments"]
               if i["status"] == "verified" for k in i["articles"]
               if (i["name"], k) not in quoted]
    assert not missing, "not quoted on docs/law/index.md: " + "、".join(missing)


# ------------------------------------------------------------ the checks can fail
def test_parser_finds_lists_ranges_and_suffixes():
    text = ("见《民法典》第一百八十八条、第一百九十五条第二项和《刑法》第二百九十三条之一；"
            "期间见《民法典》第二百条至第二百零三条。")
    got = [(c.name, c.key) for c in cz.find_citations(text)]
    assert got == [("民法典", "第一百八十八条"), ("民法典", "第一百九十五条"),
                   ("刑法", "第二百九十三条之一"), ("民法典", "第二百条"),
                   ("民法典", "第二百零一条"), ("民法典", "第二百零二条"),
                   ("民法典", "第二百零三条")]
    assert cz.check_citations(text, DATA) == []
    versioned = "《失信名单规定》（2013年版）第一条、第七条"
    assert [c.key for c in cz.find_citations(versioned)] == ["第一条", "第七条"]


@pytest.mark.parametrize("bad", [
    "《限制高消费规定》（2010年版）第十三条",                   # only 12 articles
    "征信记录保存5年（《征信业管理条例》第十八条）。",        # wrong article
    "《中华人民共和国民法典》第一百八十八条",                 # not the short name
    "《民法典》第一百九十五条第五项",                          # no such item
    "《民法典》第一百八十八条第三款",                          # no such paragraph
    "《民法典》第一百九十八条至第二百条",                      # range includes 198, 199
    "《商业银行信用卡业务监督管理办法》第七十一条",            # reported: only art. 70
    "《催收工作指引》第十条",                                   # unknown instrument
])
def test_wrong_citation_is_caught(bad):
    assert cz.check_citations(bad, DATA, "sample"), bad


def test_reported_article_counts_as_present():
    assert cz.check_citations("《商业银行信用卡业务监督管理办法》第七十条", DATA) == []


GOOD_QUOTE = """## 征信

《征信业管理条例》第十六条规定：

> 第十六条 征信机构对个人不良信息的保存期限，自不良行为或者事件终止之日起为5年；超过5年的，应当予以删除。
>
> 在不良信息保存期限内，信息主体可以对不良信息作出说明，征信机构应当予以记载。
"""


def test_correct_quotation_passes():
    assert cz.check_quotes(GOOD_QUOTE, DATA) == []
    # whitespace differences and an abridgement marked with …… are fine
    abridged = ("### 《征信业管理条例》\n\n> 第十六条 征信机构对个人不良信息的保存期限，"
                "自不良行为或者事件终止之日起为5年；……\n")
    assert cz.check_quotes(abridged, DATA) == []
    # the instrument can come from the heading hierarchy
    nested = ("## 《民法典》\n\n### 诉讼时效\n\n"
              "> 第一百九十三条 人民法院不得主动适用诉讼时效的规定。\n")
    assert cz.check_quotes(nested, DATA) == []


@pytest.mark.parametrize("bad", [
    GOOD_QUOTE.replace("为5年", "为3年"),                       # altered word
    GOOD_QUOTE.replace("《征信业管理条例》第十六条规定：", "条例规定："),  # no instrument
    GOOD_QUOTE.replace("《征信业管理条例》", "《个人信息保护法》"),      # wrong instrument
    GOOD_QUOTE.replace("第十六条 征信", "第十七条 征信"),       # wrong article number
    # cut mid-sentence without ……
    "### 《征信业管理条例》\n\n> 第十六条 征信机构对个人不良信息的保存期限\n",
    # reported instruments have no verified text to quote
    "### 《商业银行信用卡业务监督管理办法》\n\n> 第七十条 持卡人欠款\n",
    # the 批复 is stored as a whole text; a made-up passage is caught
    "### 《民间借贷适用范围批复》\n\n> 小额贷款公司不属于金融机构。\n",
])
def test_wrong_quotation_is_caught(bad):
    assert cz.check_quotes(bad, DATA, "sample"), bad


def test_quotes_in_code_blocks_and_ordinary_blockquotes_are_ignored():
    text = ("### 《民法典》\n\n```\n> 第一条 这不是引文\n```\n\n"
            "> 小提示：先联系贷款方。\n")
    assert cz.check_quotes(text, DATA) == []


# ------------------------------------------------------------ which instrument a quote belongs to
Q193 = "> 第一百九十三条 人民法院不得主动适用诉讼时效的规定。\n"


def _resolved(text):
    return [(q.instrument, q.key) for q in cz.find_quotes(text, DATA)]


def test_instrument_from_a_citation_in_the_lead_in_line():
    text = "## 时效\n\n法院不会主动适用时效（《民法典》第一百九十三条）。\n\n" + Q193
    assert _resolved(text) == [("民法典", "第一百九十三条")]
    assert cz.check_quotes(text, DATA) == []


def test_instrument_from_a_citation_line_after_the_quote():
    text = "## 时效\n\n" + Q193 + "\n（《民法典》第一百九十三条）\n"
    assert _resolved(text) == [("民法典", "第一百九十三条")]


def test_a_note_naming_another_instrument_does_not_capture_the_next_quote():
    # the line before the quote names 《诉讼时效规定》 but neither cites the same
    # article nor ends with a colon: the heading decides
    text = ("## 《民法典》\n\n" + Q193 + "\n**要点：** 另见《诉讼时效规定》第二条。\n\n"
            "> 第一百八十九条 当事人约定同一债务分期履行的，诉讼时效期间自最后一期"
            "履行期限届满之日起计算。\n")
    assert _resolved(text) == [("民法典", "第一百九十三条"), ("民法典", "第一百八十九条")]
    assert cz.check_quotes(text, DATA) == []


def test_quote_inside_an_admonition():
    text = ('!!! quote "《民法典》第一百九十三条"\n\n'
            "    > 第一百九十三条 人民法院不得主动适用诉讼时效的规定。\n")
    assert _resolved(text) == [("民法典", "第一百九十三条")]
    assert cz.check_quotes(text, DATA) == []


# ------------------------------------------------------------ the extraction tool
def test_extraction_parser_on_a_small_file(tmp_path):
    """legal/extract_articles.py splits articles the way the data expects
    (exercised on a made-up file: the shared sources are not needed)."""
    sys.path.insert(0, str(cz.ROOT / "legal"))
    import extract_articles as ea

    src = tmp_path / "law.md"
    src.write_text("# 某法\n\n2020年 通过\n\n<!-- INFO END -->\n\n前言不属于任何条文。\n\n"
                   "## 第一章 总则\n\n第一条 第一款。\n\n第二款：\n\n（一）甲；\n\n（二）乙。\n\n"
                   "第二条之一 之一条。\n\n## 附件\n\n不属于第二条之一。\n", encoding="utf-8")
    got = ea.parse_law(src)
    assert got == {"第一条": "第一条 第一款。\n第二款：\n（一）甲；\n（二）乙。",
                   "第二条之一": "第二条之一 之一条。"}
