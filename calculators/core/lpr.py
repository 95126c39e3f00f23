"""The one-year LPR by date, from data/lpr.json (the single place it is kept).

Caps under the private-lending rules use the LPR in force when the CONTRACT was made
(《民间借贷规定》第二十五条). Every calculator that uses it shows the value and date it used,
and lets the reader type another value, because the table can be out of date.
"""

import datetime as _dt
from decimal import Decimal

from calculators.core.money import HUNDRED
from calculators.core.valueclass import valueclass
from calculators.data import read_json


@valueclass
class LprLookup:
    """The LPR in force on a date, the date it took effect, and a note to show beside it."""

    rate: Decimal | None  # fraction (0.03 = 3 %), None when the contract predates the LPR
    effective_from: _dt.date | None
    note: str


TABLE = read_json("lpr.json")
FIRST_DATE = _dt.date.fromisoformat(TABLE["first_date"])
CONFIRMED_THROUGH = _dt.date.fromisoformat(TABLE["confirmed_through"])
VALUES = tuple((_dt.date.fromisoformat(d), Decimal(v) / HUNDRED) for d, v in TABLE["values"])


def lpr_on(day: _dt.date) -> LprLookup:
    """The one-year LPR in force on `day` according to the table."""
    if day < FIRST_DATE:
        return LprLookup(
            None,
            None,
            "合同订立于 2019年8月20日 LPR 首次发布之前，没有对应的 LPR；"
            "这类合同 2020年8月19日 前的利息适用旧规则（《民间借贷规定》第三十一条）。如需比较，请在“LPR”一栏自行填写。",
        )
    start, rate = max((row for row in VALUES if row[0] <= day), key=lambda row: row[0])
    note = f"一年期 LPR {rate * HUNDRED:.2f}%（自 {start.isoformat()} 起执行）"
    if day > CONFIRMED_THROUGH:
        note += f"；本站数据核实到 {CONFIRMED_THROUGH.isoformat()}，之后如有调整请在“LPR”一栏填写新值"
    return LprLookup(rate, start, note)
