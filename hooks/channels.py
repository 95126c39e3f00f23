"""MkDocs hook: help channels and the crisis box from ONE file, calculators/data/channels.json.

The file lives in the calculators package because the letters (calculators/tools/letter.py,
run in the browser too) name some of the same numbers: pages and letters read the same file.

A phone number typed into twenty pages is wrong in some of them the day it changes. Pages
therefore name a channel by its key and this hook writes the number in (site.md: "every phone
number or official channel comes from one data file with its source and the date it was
checked"):

  {{ tel:KEY }}       the channel's number (an unknown key fails the build)
  <!-- crisis -->     on a line of its own: the crisis box — 12356, 110 / 120, the first step
  <!-- channels -->   on a line of its own: every channel, grouped, with what it is for, its
                      source (据报道 where reported) and the date it was checked

It runs on the Markdown before it is converted, so the numbers are in the search index too.
tests/content/test_help.py checks that no page types a listed number by hand.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import json
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "calculators" / "data" / "channels.json"
TEL = re.compile(r"\{\{\s*tel:([a-z_]+)\s*\}\}")
CRISIS_MARKER = "<!-- crisis -->"
CHANNELS_MARKER = "<!-- channels -->"
GROUPS = (
    ("crisis", "现在就需要帮助"),
    ("complaint", "投诉：贷款方不处理的时候"),
    ("legal", "法律咨询和法院"),
    ("mediation", "调解"),
)
STATUSES = ("reported", "well_known")
REQUIRED = ("key", "group", "name", "by", "for", "status", "source", "checked")
# Where the box and the list send the reader (paths inside docs/).
HELP_PAGE = "help.md"
FIRST_STEPS = "index.md#first-steps"


def load(path: Path = DATA_FILE) -> dict:
    """The data file, checked: every entry complete, keys unique, reported sources say so."""
    data = json.loads(path.read_text(encoding="utf-8"))
    seen = set()
    for entry in data["channels"]:
        missing = [f for f in REQUIRED if not entry.get(f)]
        if missing:
            raise PluginError(f"{path}: channel {entry.get('key', '?')} lacks {', '.join(missing)}")
        if entry["key"] in seen:
            raise PluginError(f"{path}: channel key {entry['key']} appears twice")
        seen.add(entry["key"])
        if entry["group"] not in dict(GROUPS):
            raise PluginError(f"{path}: channel {entry['key']}: unknown group {entry['group']}")
        if entry["status"] not in STATUSES:
            raise PluginError(f"{path}: channel {entry['key']}: status must be one of {STATUSES}")
        if entry["status"] == "reported" and "据报道" not in entry["source"]:
            raise PluginError(f"{path}: channel {entry['key']} is reported: its source must say 据报道")
        entry["checked"] = str(entry["checked"])
        if "number" in entry:
            entry["number"] = str(entry["number"])
    return data


def numbers(data: dict) -> dict[str, str]:
    return {c["key"]: c["number"] for c in data["channels"] if c.get("number")}


def _link(target: str, page_src: str) -> str:
    """A link from the page `page_src` to `target` (both relative to docs/), as Markdown wants it."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(page_src) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def _tel(text: str, data: dict, where: str) -> str:
    known = numbers(data)

    def number(match):
        key = match.group(1)
        if key not in known:
            raise PluginError(f"{where}: {{{{ tel:{key} }}}} names no channel with a number in {DATA_FILE.relative_to(ROOT)}")
        return known[key]

    return TEL.sub(number, text)


def _call(number: str) -> str:
    """The number in bold, as a tel: link so a phone dials it with one tap."""
    return f"[**{number}**](tel:{number})"


def crisis_box(data: dict, page_src: str) -> str:
    n = numbers(data)
    body = (
        f"被债务压得喘不过气、觉得自己撑不下去，很多人都有过这样的时候。请先照顾好自己：现在就可以拨打 "
        f"{_call(n['psych'])}（全国统一心理援助热线，据报道可以不报姓名），和人说一说。"
        f"如果你或身边的人有危险，请马上拨打 {_call(n['police'])} 或 {_call(n['ambulance'])}。\n\n"
        f"欠款是可以一步一步处理的事，不需要今天就全部解决。等你平静一些，只做第一件事："
        f"[把欠款列出来，再看下一步]({_link(FIRST_STEPS, page_src)})。"
        f"每个求助电话是做什么的，见[求助渠道]({_link(HELP_PAGE, page_src)})。"
    )
    return '!!! crisis "如果你觉得撑不下去"\n\n' + "\n".join(f"    {line}" if line else "" for line in body.split("\n")) + "\n"


def channel_list(data: dict, page_src: str) -> str:
    out = []
    for group, title in GROUPS:
        entries = [c for c in data["channels"] if c["group"] == group]
        if not entries:
            continue
        out.append(f"## {title}\n")
        for c in entries:
            heading = f"{c['number']} {c['name']}" if c.get("number") else c["name"]
            out.append(f"### {heading} {{ #{c['key'].replace('_', '-')} }}\n")
            if c.get("number"):
                out.append(f"- **拨打：** {_call(c['number'])}")
            out.append(f"- **谁设立的：** {c['by']}")
            out.append(f"- **什么时候找它：** {c['for']}")
            if c.get("not_for"):
                out.append(f"- **要知道：** {c['not_for']}")
            out.append(f"- **来源：** {c['source']}（本站核对于 {c['checked']}）\n")
    return _tel("\n".join(out), data, str(DATA_FILE.relative_to(ROOT)))


def expand(markdown: str, page_src: str, data: dict) -> str:
    """The page's Markdown with every marker and {{ tel:KEY }} rendered from `data`."""
    lines = []
    for line in markdown.split("\n"):
        if line.strip() == CRISIS_MARKER:
            lines.append(crisis_box(data, page_src))
        elif line.strip() == CHANNELS_MARKER:
            lines.append(channel_list(data, page_src))
        else:
            lines.append(line)
    return _tel("\n".join(lines), data, page_src)


_data: dict = {}


def on_config(config):
    _data.clear()
    _data.update(load(DATA_FILE))
    return config


def on_page_markdown(markdown, page, config, files):
    return expand(markdown, page.file.src_uri, _data)
