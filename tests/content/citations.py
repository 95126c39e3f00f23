"""Parse and check statute citations and quotations in the site's pages.

Used by tests/content/test_citations.py and by legal/extract_articles.py.
Depends only on the standard library and on legal/articles.json (never on
/work/shared, which readers' copies of the project do not have).

Conventions checked (documented in the README):

* Citation: 《NAME》第N条 — NAME is a short name from legal/articles.json,
  N in Chinese numerals, optionally followed by 之一/之二…, 第M款, 第K项;
  a short label in brackets may stand between name and article: 《失信名单规定》（2013年版）第一条.
  Lists and ranges after one name are followed: 《民法典》第一百八十八条、第一百九十五条,
  《民法典》第二百条至第二百零三条 (every article of a range must exist in the data).
* Quotation: a blockquote whose first text starts with 第N条 followed by a space
  is a verbatim statute quotation.  Its instrument is
    1. the instrument cited as 《NAME》第N条, with the same article number, on the
       nearest non-blank line above the blockquote (the lead-in; an admonition
       title !!! quote "…" counts) — or, failing that, on the line right after
       the blockquote if that line holds nothing but the citation, e.g.
       （《银行卡纠纷规定》第二条）;
    2. else, if the lead-in ends with a colon (：or :), the only instrument it
       names as 《NAME》;
    3. otherwise the instrument named as 《NAME》 (or by its full title) in the
       nearest enclosing heading (###, then its parent ##, …) or in a line that is
       bold as a whole (**…**) between that heading and the quote.
  The quotation must equal the stored article text after removing all whitespace.
  Omissions are marked with …… (or …); every piece between omission marks must
  occur, in order, in the article; the first piece starts at the article number.
  A quotation that stops before the end of the article without an omission mark
  must stop at the end of a sentence or clause (after 。；：).
* Instruments stored as one text without article numbers (the 批复, key "text"):
  any blockquote whose instrument resolves to it (same rules) must be a verbatim
  passage of that text (omissions marked with ……).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_PATH = ROOT / "legal" / "articles.json"

# ---------------------------------------------------------------- numerals
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "零〇一二两三四五六七八九十百千"


def cn_to_int(s: str) -> int:
    """'一百八十八' -> 188, '十六' -> 16, '二百零三' -> 203."""
    if not s or any(c not in CN_DIGITS and c not in CN_UNITS for c in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    total, digit = 0, None
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * CN_UNITS[c]
            digit = None
    if digit is not None:
        total += digit
    return total


def int_to_cn(n: int) -> str:
    """188 -> '一百八十八', 16 -> '十六', 203 -> '二百零三' (as statutes write them)."""
    if not 0 < n < 10000:
        raise ValueError(n)
    digits = "零一二三四五六七八九"
    out, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            if out:
                zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        if not (unit == 10 and d == 1 and not out):
            out.append(digits[d])
        out.append(name)
    return "".join(out)


def article_key(n: int, suffix: str = "") -> str:
    return f"第{int_to_cn(n)}条{suffix}"


ARTICLE_KEY_RE = re.compile(rf"^第([{CN_NUM}]+)条((?:之[{CN_NUM}]+)?)$")


def key_sort(key: str) -> tuple[int, int]:
    m = ARTICLE_KEY_RE.match(key)
    if not m:
        return (10**6, 0)
    return (cn_to_int(m.group(1)), cn_to_int(m.group(2)[1:]) if m.group(2) else 0)


# ---------------------------------------------------------------- data
def load_data(path: Path | str = DATA_PATH) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def instruments_by_name(data: dict) -> dict[str, dict]:
    return {ins["name"]: ins for ins in data["instruments"]}


# ---------------------------------------------------------------- citations
_N = rf"[{CN_NUM}]+"
_SUB = rf"(?:第(?P<kuan>{_N})款)?(?:第(?P<xiang>{_N})项)?"
_ART = rf"第(?P<num>{_N})条(?P<zhi>之{_N})?"
# separators that continue a list of articles after one instrument name
_SEP = r"(?P<sep>以及|或者|、|和|及|与|或|至|到|—|－|-|～|~)"
# a version label may stand between the name and the article: 《失信名单规定》（2013年版）第一条
CITE_HEAD_RE = re.compile(r"《(?P<name>[^《》\n]{1,80})》(?:[（(][^（）()《》\n]{1,16}[）)])?" + _ART + _SUB)
CITE_NEXT_RE = re.compile(_SEP + _ART + _SUB)
NAMED_RE = re.compile(r"《([^《》\n]{1,80})》")


@dataclass
class Citation:
    name: str
    key: str            # e.g. 第一百八十八条, 第二百九十三条之一
    kuan: int | None    # paragraph (款) number, if given
    xiang: int | None   # item (项) number, if given
    line: int           # 1-based
    raw: str
    in_range: bool = False   # filled in from a 至-range


def _cite_from_match(name, m, line, raw, in_range=False):
    return Citation(
        name=name,
        key=f"第{m.group('num')}条{m.group('zhi') or ''}",
        kuan=cn_to_int(m.group("kuan")) if m.group("kuan") else None,
        xiang=cn_to_int(m.group("xiang")) if m.group("xiang") else None,
        line=line, raw=raw, in_range=in_range)


def find_citations(text: str) -> list[Citation]:
    """Every 《NAME》第N条 citation (and the articles listed after it)."""
    out: list[Citation] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        for m in CITE_HEAD_RE.finditer(line):
            name = m.group("name")
            first = _cite_from_match(name, m, lineno, m.group(0))
            out.append(first)
            prev_num, prev_zhi = cn_to_int(m.group("num")), m.group("zhi")
            pos = m.end()
            while True:
                n = CITE_NEXT_RE.match(line, pos)
                if not n:
                    break
                raw = line[m.start():n.end()]
                num = cn_to_int(n.group("num"))
                if n.group("sep") in ("至", "到", "—", "－", "-", "～", "~") \
                        and not prev_zhi and not n.group("zhi"):
                    for k in range(prev_num + 1, num):
                        out.append(Citation(name, article_key(k), None, None,
                                            lineno, raw, in_range=True))
                out.append(_cite_from_match(name, n, lineno, raw))
                prev_num, prev_zhi = num, n.group("zhi")
                pos = n.end()
    return out


def _paragraphs(article_text: str) -> list[list[str]]:
    """Split an article into 款 (paragraphs), each a list of lines; item lines
    （一）… belong to the paragraph before them."""
    kuan: list[list[str]] = []
    for ln in article_text.split("\n"):
        if re.match(rf"^[（(][{CN_NUM}]+[）)]", ln) and kuan:
            kuan[-1].append(ln)
        else:
            kuan.append([ln])
    return kuan


def _has_item(lines: list[str], k: int) -> bool:
    cn = int_to_cn(k)
    return any(re.match(rf"^[（(]{cn}[）)]", ln) for ln in lines)


def check_citation(c: Citation, instruments: dict[str, dict]) -> str | None:
    """None if the citation is backed by the data, else an error message."""
    ins = instruments.get(c.name)
    if ins is None:
        return (f"《{c.name}》 is not an instrument in legal/articles.json "
                f"(use the short names listed there)")
    arts = ins.get("articles") or {}
    if c.key not in arts:
        what = "in the range " + c.raw if c.in_range else c.raw
        return f"{c.key} of 《{c.name}》 ({what}) is not in legal/articles.json"
    body = arts[c.key]
    if body is None:            # reported instrument: the article is listed, text unseen
        return None
    if c.kuan is not None or c.xiang is not None:
        paras = _paragraphs(body)
        lines = [ln for p in paras for ln in p]
        if c.kuan is not None:
            if not 1 <= c.kuan <= len(paras):
                return (f"{c.raw}: 《{c.name}》{c.key} has {len(paras)} 款, "
                        f"not 第{int_to_cn(c.kuan)}款")
            lines = paras[c.kuan - 1]
        if c.xiang is not None and not _has_item(lines, c.xiang):
            return f"{c.raw}: 《{c.name}》{c.key} has no 第{int_to_cn(c.xiang)}项 there"
    return None


def check_citations(text: str, data: dict, where: str = "") -> list[str]:
    instruments = instruments_by_name(data)
    errors = []
    for c in find_citations(text):
        err = check_citation(c, instruments)
        if err:
            errors.append(f"{where}:{c.line}: {err}")
    return errors


# ---------------------------------------------------------------- quotations
QUOTE_START_RE = re.compile(rf"^(第{_N}条(?:之{_N})?)[ \u3000\t]")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BQ_RE = re.compile(r"^\s*>\s?(.*)$")
BOLD_LINE_RE = re.compile(r"^\s*\*\*(.+)\*\*\s*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
ADMONITION_RE = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s+"(.*)"\s*$')
# a line holding nothing but a citation, e.g. （《银行卡纠纷规定》第二条） or ——《刑法》第三百一十三条
TRAILER_RE = re.compile(r"^\s*(?:[（(]\s*|[—－-]{1,2}\s*)?《[^《》]+》第[^《》]*?[）)]?[。.]?\s*$")
ELLIPSIS_RE = re.compile(r"…+|\.\.\.+")


@dataclass
class Quote:
    line: int                 # 1-based line of the blockquote's first line
    key: str | None           # article key the quote starts with (None: whole-text quote)
    text: str                 # the quote, blockquote markers removed
    instrument: str | None    # resolved instrument short name
    why: str = ""             # how the instrument was resolved / why not
    candidates: list = field(default_factory=list)  # set when the lead-in is ambiguous


def names_in(line: str, instruments: dict[str, dict]) -> list[str]:
    """Known instruments named in a line as 《short name》 or by full title."""
    found = []
    for m in NAMED_RE.finditer(line):
        inner = m.group(1)
        for name, ins in instruments.items():
            if inner in (name, ins.get("full_title")) and name not in found:
                found.append(name)
    for name, ins in instruments.items():
        ft = ins.get("full_title")
        if ft and ft in line and name not in found:
            found.append(name)
    return found


def find_quotes(text: str, data: dict) -> list[Quote]:
    instruments = instruments_by_name(data)
    lines = text.splitlines()
    # mark fenced code
    in_fence, fenced = False, []
    for ln in lines:
        if FENCE_RE.match(ln):
            fenced.append(True)
            in_fence = not in_fence
            continue
        fenced.append(in_fence)

    # collect blockquote blocks: consecutive '>' lines
    blocks, i = [], 0
    while i < len(lines):
        if not fenced[i] and BQ_RE.match(lines[i]):
            j = i
            while j < len(lines) and not fenced[j] and BQ_RE.match(lines[j]):
                j += 1
            blocks.append((i, j))
            i = j
        else:
            i += 1

    quotes = []
    for start, end in blocks:
        content = [BQ_RE.match(lines[k]).group(1) for k in range(start, end)]
        first = next((c.strip() for c in content if c.strip()), "")
        m = QUOTE_START_RE.match(first)
        key = m.group(1) if m else None
        q = Quote(line=start + 1, key=key, text="\n".join(content), instrument=None)
        # rules 1-2: the lead-in line, and a bare citation line right after the quote
        k = start - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        lead = tail = None
        if k >= 0 and not fenced[k] and not HEADING_RE.match(lines[k]) \
                and not BQ_RE.match(lines[k]):
            t = ADMONITION_RE.match(lines[k])
            lead = t.group(1) if t else lines[k]
        t = end
        while t < len(lines) and not lines[t].strip():
            t += 1
        if t < len(lines) and not fenced[t] and TRAILER_RE.match(lines[t]):
            tail = lines[t]

        def cited_same(line):
            return [c.name for c in find_citations(line or "")
                    if c.key == key and c.name in instruments]

        if key and cited_same(lead):
            q.instrument, q.why = cited_same(lead)[-1], "lead-in citation"
        elif key and cited_same(tail):
            q.instrument, q.why = cited_same(tail)[-1], "citation after the quote"
        elif lead is not None and (lead.rstrip().endswith(("：", ":"))
                                   or ADMONITION_RE.match(lines[k])):
            named = names_in(lead, instruments)
            if len(named) == 1:
                q.instrument, q.why = named[0], "lead-in names it"
            elif len(named) > 1:
                q.why = f"lead-in line {k + 1} names several instruments {named}"
                q.candidates = named
        # rule 3: enclosing headings (and whole-line bold labels under the nearest one)
        if q.instrument is None and not q.candidates:
            limit = 7
            for k in range(start - 1, -1, -1):
                if fenced[k]:
                    continue
                h = HEADING_RE.match(lines[k])
                b = BOLD_LINE_RE.match(lines[k]) if limit == 7 else None
                if h:
                    level = len(h.group(1))
                    if level >= limit:
                        continue
                    limit = level
                    named = names_in(h.group(2), instruments)
                elif b:
                    named = names_in(b.group(1), instruments)
                    if not named:
                        continue
                else:
                    continue
                if len(named) == 1:
                    q.instrument, q.why = named[0], f"heading/label on line {k + 1}"
                    break
                if len(named) > 1:
                    q.why = f"line {k + 1} names several instruments {named}"
                    break
                if limit == 1:
                    break
        if key is None:
            # not a statute quotation unless it sits under an instrument that is
            # stored as one whole text (the 批复)
            if q.instrument and "text" in instruments[q.instrument]:
                quotes.append(q)
            continue
        if q.instrument is None and not q.why:
            q.why = "no instrument named in the lead-in line or in an enclosing heading"
        quotes.append(q)
    return quotes


def normalise(s: str) -> str:
    """Remove all whitespace (the only normalisation allowed)."""
    return re.sub(r"\s+", "", s)


def match_quote(quote: str, article: str, anchored: bool = True) -> str | None:
    """None if `quote` is a faithful verbatim (possibly abridged) quotation of
    `article`, else a short description of the first difference.

    anchored: the quotation must start at the beginning of the article (article
    quotations start with the article number); whole-text quotations need not.
    """
    q, a = normalise(quote), normalise(article)
    pieces = ELLIPSIS_RE.split(q)
    ends_open = bool(pieces) and pieces[-1] == ""
    pieces = [p for p in pieces if p]
    if not pieces:
        return "empty quotation"
    if not anchored:
        first = a.find(pieces[0])
        if first < 0:
            return f"the passage “{pieces[0][:30]}” does not occur in the text"
        a = a[first:]
    if not a.startswith(pieces[0]):
        n = next((i for i, (x, y) in enumerate(zip(pieces[0], a)) if x != y),
                 min(len(pieces[0]), len(a)))
        return (f"differs from the stored text at character {n}: "
                f"quote has …{pieces[0][max(0, n - 8):n + 12]}… , "
                f"law has …{a[max(0, n - 8):n + 12]}…")
    pos = len(pieces[0])
    for p in pieces[1:]:
        idx = a.find(p, pos)
        if idx < 0:
            return f"the passage “{p[:30]}” does not occur (in this order) in the article"
        pos = idx + len(p)
    if pos < len(a) and not ends_open:
        last = pieces[-1]
        ok = a[pos - 1] in "。；：！？"
        if not ok and len(pieces) > 1:   # a later occurrence of the last piece may fit
            start = a.find(last, pos - len(last) + 1)
            while start >= 0 and not ok:
                e = start + len(last)
                ok = e == len(a) or a[e - 1] in "。；：！？"
                start = a.find(last, start + 1)
        if not ok:
            return ("the quotation stops in the middle of a sentence without an "
                    "omission mark (……)")
    return None


def check_quotes(text: str, data: dict, where: str = "") -> list[str]:
    instruments = instruments_by_name(data)
    errors = []
    for q in find_quotes(text, data):
        loc = f"{where}:{q.line}"
        if q.key is None:
            err = match_quote(q.text, instruments[q.instrument]["text"], anchored=False)
            if err:
                errors.append(f"{loc}: quotation of 《{q.instrument}》 ({q.why}): {err}")
            continue
        if q.instrument is None:
            errors.append(f"{loc}: quotation of {q.key}: cannot tell which instrument "
                          f"({q.why}); name it as 《NAME》{q.key} on the line before "
                          f"the quote or in the heading above it")
            continue
        ins = instruments[q.instrument]
        arts = ins.get("articles") or {}
        if q.key not in arts:
            errors.append(f"{loc}: quotation of 《{q.instrument}》{q.key}: article "
                          f"not in legal/articles.json")
            continue
        if arts[q.key] is None:
            errors.append(f"{loc}: 《{q.instrument}》 is only reported (text not "
                          f"verified); do not quote it verbatim")
            continue
        err = match_quote(q.text, arts[q.key])
        if err:
            errors.append(f"{loc}: quotation of 《{q.instrument}》{q.key} ({q.why}): {err}")
    return errors


# ---------------------------------------------------------------- files
DOC_GLOBS = ("docs/**/*.md",)
CALC_SUFFIXES = {".py", ".json", ".toml", ".yml", ".yaml", ".md", ".txt", ".html", ".js", ".mjs"}


def doc_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for g in DOC_GLOBS for p in root.glob(g) if p.is_file())


def calculator_files(root: Path = ROOT) -> list[Path]:
    base = root / "calculators"
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*")
                  if p.is_file() and p.suffix in CALC_SUFFIXES
                  and "__pycache__" not in p.parts)


def read_text(p: Path) -> str:
    text = p.read_text(encoding="utf-8")
    if p.suffix == ".json" and "\\u" in text:
        # catch \uXXXX-escaped Chinese as well
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False, indent=0)
        except ValueError:
            pass
    return text
