"""沟通记录 — the contact log (tool 8 of calculators.md).

The entries are kept by the browser (calculators/core/records.py, docs/assets/js/calc/records.mjs)
and live only on the reader's device; they are declared here, once, as the columns of a row
group. When Python runs, compute() adds summaries over the saved entries (the most recent
MAX_ROWS of them):
- contacts per calendar week (Monday to Sunday);
- contacts between 22:00 and 08:00 — reported to be outside the hours the banking association's
  collection guideline allows without the debtor's consent (facts.md §6, S); flagged for a
  complaint, never called unlawful;
- contacts that reached third parties (family, colleagues), relevant to 《个人信息保护法》第十条.
An entry given a date without a time is counted per week but not judged on the hour.
"""

import datetime as _dt

from calculators.core.fields import Calculator, ChoiceField, DateTimeField, RowsField, TextField
from calculators.core.records import Handover, RecordStore
from calculators.core.result import Figure, Link, Notice, Result, Table

CHANNELS = (
    ("phone", "电话"),
    ("sms", "短信"),
    ("app", "App 消息"),
    ("wechat", "微信"),
    ("visit", "上门"),
    ("letter", "信件"),
    ("other", "其他"),
)
CHANNEL_NAMES = dict(CHANNELS)
MAX_ROWS = 200
QUIET_START, QUIET_END = 22, 8  # 22:00 to 08:00

ENTRY = (
    DateTimeField("when", "时间", "", help="对方联系你的日期和时间。", example="2025-03-15 14:30"),
    ChoiceField("channel", "方式", "phone", options=CHANNELS),
    TextField("who", "对方是谁", "", max_length=100, help="贷款方、催收公司、对方姓名或工号、来电号码。"),
    TextField("said", "对方说了什么", "", max_length=1000, multiline=True, help="尽量记原话，尤其是威胁、辱骂和承诺。"),
    TextField("promises", "双方承诺了什么", "", max_length=500, multiline=True, help="例如：对方答应三天内回电；你答应 15 日前还 500 元。"),
    TextField("third_parties", "联系了哪些第三人", "", max_length=200, help="对方联系过你的家人、同事、朋友时写明是谁；没有就空着。"),
    TextField("evidence", "保留的证据", "", max_length=200, help="录音、截图、文件名，例如“录音 0315-1430.m4a”。"),
    TextField("note", "备注", "", max_length=500, multiline=True),
)

FIELDS = (
    RowsField(
        "entries",
        "沟通记录",
        columns=ENTRY,
        default_rows=(),
        min_rows=0,
        max_rows=MAX_ROWS,
        row_label="第{n}条",
        add_label="再记一条",
    ),
)

STORE = RecordStore(
    key="contact-log",
    version=1,
    rows="entries",
    title="沟通记录",
    handover=Handover("把选中的记录带到催收投诉信", "tools/letter/", "incidents", "kind=complaint&third_party=yes"),
    privacy="记录只保存在这个浏览器里（本机存储），不会上传到任何地方；换手机、清理浏览器数据或卸载浏览器前，请先导出备份。",
)


def _line(row: dict) -> str:
    when = row["when"]
    stamp = when.strftime("%Y-%m-%d %H:%M") if isinstance(when, _dt.datetime) else when.isoformat()
    parts = [stamp, CHANNEL_NAMES[row["channel"]]]
    if row["who"]:
        parts.append(row["who"])
    text = "，".join(parts)
    if row["said"]:
        text += f"：{row['said']}"
    if row["third_parties"]:
        text += f"（联系了第三人：{row['third_parties']}）"
    return text


def _quiet(when) -> bool:
    return isinstance(when, _dt.datetime) and (when.hour >= QUIET_START or when.hour < QUIET_END)


def _sort_key(row: dict):
    when = row["when"]
    return when if isinstance(when, _dt.datetime) else _dt.datetime.combine(when, _dt.time())


def compute(v: dict) -> Result:
    rows = sorted(v["entries"], key=_sort_key)
    quiet = [r for r in rows if _quiet(r["when"])]
    third = [r for r in rows if r["third_parties"]]
    result = Result()
    result.figures = [
        Figure("记录条数", f"{len(rows)} 条"),
        Figure("22:00 至次日 8:00 的联系", f"{len(quiet)} 次", "只统计写了时间的记录", tone="bad" if quiet else ""),
        Figure("联系了第三人", f"{len(third)} 次", tone="bad" if third else ""),
    ]
    if not rows:
        result.notices = [Notice("info", "保存记录后，这里会按周统计联系次数，并标出深夜、清晨的联系和联系第三人的情况，方便投诉时引用。")]
        result.assumptions = "统计只用这个浏览器里保存的记录，在你的设备上完成。"
        result.guide = Link("遇到暴力催收怎么办", "precautions/collection/")
        result.data = {"entries": "0", "quiet": "0", "third_party": "0"}
        return result

    weeks: dict[_dt.date, list[int]] = {}
    for r in rows:
        day = r["when"].date() if isinstance(r["when"], _dt.datetime) else r["when"]
        monday = day - _dt.timedelta(days=day.weekday())
        counts = weeks.setdefault(monday, [0, 0, 0])
        counts[0] += 1
        counts[1] += _quiet(r["when"])
        counts[2] += bool(r["third_parties"])
    notices = []
    if quiet:
        notices.append(
            Notice(
                "warning",
                f"有 {len(quiet)} 次联系发生在 22:00 至次日 8:00 之间。据报道，中国银行业协会 2026 年 1 月 30 日发布的催收工作指引（行业自律规范）"
                "要求未经债务人同意不在这段时间催收：投诉时可以列出这些记录。",
            )
        )
    if third:
        notices.append(
            Notice(
                "warning",
                f"有 {len(third)} 次记录写明对方联系了第三人。任何组织、个人不得非法公开他人个人信息（《个人信息保护法》第十条）：可以书面要求贷款方停止联系第三人。",
            )
        )
    result.notices = notices
    result.blocks = [
        Table(
            "每周联系次数",
            ("那一周（周一起）", "联系次数", "其中 22:00–8:00", "其中联系第三人"),
            tuple((monday.isoformat(), str(c[0]), str(c[1]), str(c[2])) for monday, c in sorted(weeks.items())),
        )
    ]
    flagged = [r for r in rows if _quiet(r["when"]) or r["third_parties"]]
    if flagged:
        result.blocks.append(
            Table(
                "需要留意的联系（可用于投诉）",
                ("时间", "方式", "对方", "为什么标出"),
                tuple(
                    (
                        _line(r).split("，")[0],
                        CHANNEL_NAMES[r["channel"]],
                        r["who"] or "—",
                        "、".join(x for x, on in (("深夜或清晨", _quiet(r["when"])), ("联系了第三人", bool(r["third_parties"]))) if on),
                    )
                    for r in flagged
                ),
            )
        )
    result.summary = "\n".join(["【沟通记录摘要】"] + [_line(r) for r in (flagged or rows)])
    result.assumptions = "统计只用这个浏览器里保存的记录（最近 200 条），在你的设备上完成；一周从周一算起。"
    result.guide = Link("遇到暴力催收怎么办", "precautions/collection/")
    result.data = {"entries": str(len(rows)), "quiet": str(len(quiet)), "third_party": str(len(third)), "weeks": str(len(weeks))}
    return result


CALCULATOR = Calculator(
    id="contact-log",
    title="沟通记录",
    fields=FIELDS,
    compute=compute,
    store=STORE,
)
