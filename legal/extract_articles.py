#!/usr/bin/env python3
"""Regenerate legal/articles.json from the shared statute texts.

Maintenance tool, not used by the tests.  The tests read only legal/articles.json,
because readers' copies of the project do not have the shared sources folder.

Usage (from the project root):

    python legal/extract_articles.py /work/shared/sources/laws            # rewrite the data
    python legal/extract_articles.py /work/shared/sources/laws --scan-docs
        # also add every 《NAME》第N条 cited in docs/ and calculators/
    python legal/extract_articles.py /work/shared/sources/laws --add 民法典:第五百八十五条
    python legal/extract_articles.py /work/shared/sources/laws --check
        # compare the stored data with the sources; exit 1 on any difference
    python legal/extract_articles.py /work/shared/sources/laws --show 刑法:第一百九十六条

The list of wanted articles is WANTED below, plus (unless --fresh) every article
already present in legal/articles.json, plus --add and --scan-docs results.
Article texts are copied exactly as they are in the source file: the article
number, one space, the text; paragraphs (and item lines) joined with a single
"\\n" (the blank lines between paragraphs in the source are dropped).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "legal" / "articles.json"
sys.path.insert(0, str(ROOT / "tests" / "content"))
import citations  # noqa: E402  (shared parser: numerals and citation regex)

SOURCE = ("LawRefBook/Laws (public Markdown mirror of the national law database), "
          "commit 2f4c5c2 of 2025-04-19, as copied into the project's shared sources "
          "folder (sources/laws/README.md)")
CHECKED = "2026-11-29"

# ---------------------------------------------------------------------------
# Instruments: short name (as written on the site) -> metadata.
# `files`: source file(s) in the shared laws folder; articles are looked up in
# them in order.  `version` / `effective` describe the text in those files.
INSTRUMENTS = [
    dict(name="民法典", full_title="中华人民共和国民法典",
         files=["总则.md", "合同编.md"],
         version="2020年5月28日第十三届全国人民代表大会第三次会议通过",
         effective="2021-01-01",
         note="总则编（第一条至第二百零四条）与合同编（第四百六十三条至第九百八十八条）。"),
    dict(name="征信业管理条例", full_title="征信业管理条例",
         files=["征信业管理条例(2013-01-21).md"],
         version="2013年1月21日中华人民共和国国务院令第631号公布",
         effective="2013-03-15"),
    dict(name="个人信息保护法", full_title="中华人民共和国个人信息保护法",
         files=["个人信息保护法(2021-08-20).md"],
         version="2021年8月20日第十三届全国人民代表大会常务委员会第三十次会议通过",
         effective="2021-11-01"),
    dict(name="刑法", full_title="中华人民共和国刑法",
         files=["刑法.md"],
         version="1997年修订，经历次修正案修正，收录至2023年12月29日通过的刑法修正案（十二）",
         effective="1997-10-01",
         note="第二百九十三条之一由刑法修正案（十一）增加，2021年3月1日起施行。"),
    dict(name="消费者权益保护法", full_title="中华人民共和国消费者权益保护法",
         files=["消费者权益保护法(2013-10-25).md"],
         version="2013年10月25日第十二届全国人民代表大会常务委员会第五次会议第二次修正",
         effective="2014-03-15"),
    dict(name="民间借贷规定",
         full_title="最高人民法院关于审理民间借贷案件适用法律若干问题的规定",
         files=["最高人民法院关于审理民间借贷案件适用法律若干问题的规定(2020-12-29).md"],
         version="2020年12月23日最高人民法院审判委员会第1823次会议通过的修正文本（2020-12-29公布）",
         effective="2021-01-01"),
    dict(name="银行卡纠纷规定",
         full_title="最高人民法院关于审理银行卡民事纠纷案件若干问题的规定",
         files=["最高人民法院关于审理银行卡民事纠纷案件若干问题的规定(2021-05-24).md"],
         version="2019年12月2日最高人民法院审判委员会第1785次会议通过（2021-05-24公布）",
         effective="2021-05-25"),
    dict(name="诉讼时效规定",
         full_title="最高人民法院关于审理民事案件适用诉讼时效制度若干问题的规定",
         files=["最高人民法院关于审理民事案件适用诉讼时效制度若干问题的规定(2020-12-29).md"],
         version="2020年12月23日最高人民法院审判委员会第1823次会议通过的修正文本（2020-12-29公布）",
         effective="2021-01-01"),
    dict(name="失信名单规定",
         full_title="最高人民法院关于公布失信被执行人名单信息的若干规定",
         files=["最高人民法院关于公布失信被执行人名单信息的若干规定(2013-07-16).md"],
         version="2013年版：2013年7月16日最高人民法院公告公布",
         effective="2013-10-01",
         note="2013年版。该规定已于2017年修订，修订后的文本不在本站的资料中；"
              "只引用修订未改变的要点，并注明“2013年版”。",
         later_versions=[dict(
             year=2017, document="法释〔2017〕7号", status="reported",
             note="据法院执行通知书所附风险告知中印出的文本：第一条仍列六项，"
                  "“有履行能力而拒不履行生效法律文书确定义务的”改列为第（一）项，"
                  "这一点的实质与2013年版相同（项目简报 facts.md 第7节，标记 S）。")]),
    dict(name="限制高消费规定",
         full_title="最高人民法院关于限制被执行人高消费的若干规定",
         files=["最高人民法院关于限制被执行人高消费的若干规定(2010-07-01).md"],
         version="2010年版：2010年7月1日最高人民法院公告公布",
         effective="2010-10-01",
         note="2010年版。该规定已于2015年修订（标题改为《最高人民法院关于限制被执行人"
              "高消费及有关消费的若干规定》），修订后的文本不在本站的资料中；"
              "只引用修订未改变的要点，并注明“2010年版”。",
         later_versions=[dict(
             year=2015, document="法释〔2015〕17号", status="reported",
             title="最高人民法院关于限制被执行人高消费及有关消费的若干规定",
             note="据法院限制消费令中印出的文本：第三条增加第（九）项“乘坐G字头动车组列车全部座位、"
                  "其他动车组列车一等以上座位等其他非生活和工作必需的消费行为”"
                  "（项目简报 facts.md 第7节，标记 S）。")]),
    dict(name="拒执解释",
         full_title="最高人民法院、最高人民检察院关于办理拒不执行判决、裁定刑事案件适用法律若干问题的解释",
         files=["最高人民法院、最高人民检察院关于办理拒不执行判决、裁定刑事案件适用法律若干问题的解释(2024-10-30).md"],
         version="法释〔2024〕13号，2024年10月30日公布",
         effective="2024-12-01"),
    dict(name="民间借贷适用范围批复",
         full_title="最高人民法院关于新民间借贷司法解释适用范围问题的批复",
         files=["最高人民法院关于新民间借贷司法解释适用范围问题的批复.md"],
         version="2020年11月9日最高人民法院审判委员会第1815次会议通过",
         effective="2021-01-01",
         whole_text=True,
         note="批复没有条文编号：引用时不写条号；全文见 text。"),
]

# Regulator documents that are NOT in the shared laws folder (facts.md label S).
# Kept here so the site can name them; their text has not been verified, so no
# article text is stored and they must not be quoted verbatim.
REPORTED = [
    dict(name="商业银行信用卡业务监督管理办法",
         full_title="商业银行信用卡业务监督管理办法",
         status="reported",
         source_note="商业银行信用卡业务的部门规章。第七十条（个性化分期还款协议，最长5年，"
                     "银行“可以”与持卡人协商）的原文未在本项目资料中核对；内容据多个二手来源"
                     "逐字引述（项目简报 facts.md 第5节，标记 S）。网站上只能写作“据报道”，不得直接引用原文。",
         articles={"第七十条": None}),
]

def _keys(*numbers) -> list[str]:
    """_keys(188, "293之一") -> ["第一百八十八条", "第二百九十三条之一"]"""
    out = []
    for n in numbers:
        if isinstance(n, str):
            base, zhi = n.split("之")
            out.append(citations.article_key(int(base), "之" + zhi))
        else:
            out.append(citations.article_key(n))
    return out


# The articles the site relies on (section 9 quotes them).  Articles cited in the
# pages are added with --scan-docs; articles already in articles.json are kept.
WANTED = {
    "民法典": _keys(188, 189, 192, 193, 195, 200, 201, 202, 203,
                 543, 585, 670, 676, 677, 678, 680),
    "征信业管理条例": _keys(15, 16, 17, 25, 26, 29, 32),
    "个人信息保护法": _keys(10, 13, 25, 44),
    "刑法": _keys(196, 238, "293之一", 313),
    "消费者权益保护法": _keys(14, 29),
    "民间借贷规定": _keys(1, 25, 26, 27, 28, 29, 30, 31),
    "银行卡纠纷规定": _keys(2, 3),
    "诉讼时效规定": _keys(2, 8, 14, 17, 19),
    "失信名单规定": _keys(1, 3, 7),
    "限制高消费规定": _keys(1, 2, 3, 9),
    "拒执解释": _keys(1, 5, 11),
    "民间借贷适用范围批复": [],
}

ART_LINE_RE = re.compile(
    rf"^(第[{citations.CN_NUM}]+条(?:之[{citations.CN_NUM}]+)?)[ \u3000](.*)$")


def parse_law(path: Path) -> dict[str, str]:
    """All articles of one source file: key -> verbatim text (paragraphs joined by \\n).

    An article starts at a line "第N条 …" and runs until the next article, the
    next heading, or an appendix heading.  The preamble is ignored.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        start = next(i for i, ln in enumerate(lines) if "<!-- INFO END -->" in ln) + 1
    except StopIteration:
        start = 0
    articles: dict[str, list[str]] = {}
    current = None
    for ln in lines[start:]:
        s = ln.strip()
        if s.startswith("#"):
            current = None
            continue
        m = ART_LINE_RE.match(s)
        if m:
            current = m.group(1)
            if current in articles:
                raise SystemExit(f"{path.name}: article {current} appears twice")
            articles[current] = [s]
        elif s and current is not None:
            articles[current].append(s)
    return {k: "\n".join(v) for k, v in articles.items()}


def whole_text(path: Path) -> str:
    """Body of a document without article numbers (the 批复)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if "<!-- INFO END -->" in ln) + 1
    body = [ln.strip() for ln in lines[start:] if ln.strip()]
    # In the mirror the end of the header ("第1815次会议通过，自2021年1月1日起施行）")
    # spills below the INFO END marker; it is metadata, not the text of the reply.
    if body and body[0].endswith("施行）") and not body[0].startswith("（"):
        body = body[1:]
    return "\n".join(body)


def parse_instrument(folder: Path, ins: dict) -> dict[str, str]:
    merged: dict[str, str] = {}
    for f in ins["files"]:
        for k, v in parse_law(folder / f).items():
            if k in merged:
                raise SystemExit(f"{ins['name']}: {k} in two files")
            merged[k] = v
    return merged


def build(folder: Path, wanted: dict[str, set[str]]) -> dict:
    out = {
        "source": SOURCE,
        "checked": CHECKED,
        "format": ("Each verified instrument: articles maps the article key as written on "
                   "the site (第N条 / 第N条之一) to the text exactly as in the source file, "
                   "beginning with the article number and one space; paragraphs and item "
                   "lines are joined by a single newline. Reported instruments: text not "
                   "verified, article values are null. Regenerate with "
                   "legal/extract_articles.py."),
        "instruments": [],
    }
    for meta in INSTRUMENTS:
        name = meta["name"]
        parsed = parse_instrument(folder, meta)
        keys = sorted(wanted.get(name, set()), key=citations.key_sort)
        missing = [k for k in keys if k not in parsed]
        if missing:
            print(f"WARNING: {name}: not in the source, skipped: {', '.join(missing)}",
                  file=sys.stderr)
            keys = [k for k in keys if k in parsed]
        entry = {
            "name": name,
            "full_title": meta["full_title"],
            "status": "verified",
            "files": meta["files"],
            "version": meta["version"],
            "effective": meta["effective"],
        }
        if meta.get("note"):
            entry["note"] = meta["note"]
        if meta.get("later_versions"):
            # the text stored here is an older version: the pages must say so (tests/content)
            entry["later_versions"] = meta["later_versions"]
        entry["articles"] = {k: parsed[k] for k in keys}
        if meta.get("whole_text"):
            entry["text"] = whole_text(folder / meta["files"][0])
        out["instruments"].append(entry)
    for rep in REPORTED:
        out["instruments"].append(dict(rep))
    return out


def scan_docs() -> dict[str, set[str]]:
    """Articles cited (《NAME》第N条) or quoted (> 第N条 …) in the pages."""
    found: dict[str, set[str]] = {}
    data = json.loads(DATA.read_text(encoding="utf-8")) if DATA.exists() else None
    for p in citations.doc_files() + citations.calculator_files():
        text = citations.read_text(p)
        for c in citations.find_citations(text):
            found.setdefault(c.name, set()).add(c.key)
        if data and p.suffix == ".md":
            for q in citations.find_quotes(text, data):
                if q.instrument and q.key:
                    found.setdefault(q.instrument, set()).add(q.key)
    return found


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("laws", type=Path, help="the shared laws folder (…/sources/laws)")
    ap.add_argument("--add", action="append", default=[], metavar="NAME:第N条")
    ap.add_argument("--scan-docs", action="store_true",
                    help="add every article cited in docs/ and calculators/")
    ap.add_argument("--fresh", action="store_true",
                    help="do not keep the articles already in articles.json")
    ap.add_argument("--check", action="store_true",
                    help="only compare articles.json with the sources")
    ap.add_argument("--show", metavar="NAME:第N条", help="print one article and exit")
    ap.add_argument("-o", "--output", type=Path, default=DATA)
    args = ap.parse_args(argv)
    metas = {m["name"]: m for m in INSTRUMENTS}

    if args.show:
        name, key = args.show.split(":")
        print(parse_instrument(args.laws, metas[name]).get(key, "(not found)"))
        return 0

    if args.check:
        data = json.loads(DATA.read_text(encoding="utf-8"))
        bad = 0
        for ins in data["instruments"]:
            if ins["status"] != "verified":
                continue
            parsed = parse_instrument(args.laws, metas[ins["name"]])
            for k, v in ins["articles"].items():
                if parsed.get(k) != v:
                    print(f"DIFFERS: {ins['name']} {k}")
                    bad += 1
            if "text" in ins and ins["text"] != whole_text(args.laws / ins["files"][0]):
                print(f"DIFFERS: {ins['name']} text")
                bad += 1
        print("ok" if not bad else f"{bad} difference(s)")
        return 1 if bad else 0

    wanted: dict[str, set[str]] = {k: set(v) for k, v in WANTED.items()}
    if not args.fresh and DATA.exists():
        for ins in json.loads(DATA.read_text(encoding="utf-8"))["instruments"]:
            if ins.get("status") == "verified":
                wanted.setdefault(ins["name"], set()).update(ins["articles"])
    for spec in args.add:
        name, key = spec.split(":")
        wanted.setdefault(name, set()).add(key)
    if args.scan_docs:
        reported = {r["name"] for r in REPORTED}
        for name, keys in scan_docs().items():
            if name in metas:
                wanted.setdefault(name, set()).update(keys)
            elif name not in reported:
                print(f"note: 《{name}》 cited in docs is not a known instrument", file=sys.stderr)
    unknown = set(wanted) - set(metas)
    if unknown:
        raise SystemExit(f"unknown instrument(s): {', '.join(sorted(unknown))}")

    data = build(args.laws, wanted)
    args.output.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
    n = sum(len(i["articles"]) for i in data["instruments"])
    print(f"wrote {args.output} ({len(data['instruments'])} instruments, {n} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
