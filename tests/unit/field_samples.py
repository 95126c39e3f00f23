"""Two small calculators that exist only for the tests of the field kinds: a row group with
every kind of column, and a form with private, free-text and date-time fields. They are
registered by the `samples` fixture (tests/unit/conftest.py), never shipped."""

import datetime as dt
from decimal import Decimal

from calculators.core.fields import (
    BoolField,
    Calculator,
    ChoiceField,
    CountField,
    DateTimeField,
    FieldError,
    MoneyField,
    RateField,
    RowsField,
    TextField,
)
from calculators.core.money import ZERO, yuan
from calculators.core.result import Figure, Result

DEBTS = RowsField(
    name="debts",
    label="你的债务",
    columns=(
        TextField("name", "名称", ""),
        MoneyField("balance", "余额", ""),
        RateField("rate", "年利率", "", required=False, example="18%"),
        MoneyField("minimum", "最低还款", "0", minimum=ZERO),
        CountField("days_overdue", "逾期天数", "0", unit="天"),
        ChoiceField("kind", "借款来源", "consumer_finance", options=(("consumer_finance", "消费金融"), ("bank", "银行"))),
        BoolField("card", "信用卡", "no"),
    ),
    default_rows=(
        {"name": "花呗", "balance": "5000", "rate": "18%"},
        {"name": "借呗", "balance": "8000", "rate": "日息万五", "days_overdue": "30"},
    ),
    min_rows=1,
    max_rows=5,
    row_label="第{n}笔",
    add_label="再加一笔",
    help="每笔一行。",
)


def _rows_compute(v: dict) -> Result:
    total = sum((row["balance"] for row in v["debts"]), ZERO)
    for row in v["debts"]:
        if row["name"] == "坏":
            raise FieldError(DEBTS.cell_key(row.number, "name"), "「名称」不能叫“坏”。")
    result = Result(figures=[Figure("合计", yuan(total))], summary=f"共 {len(v['debts'])} 笔，合计 {yuan(total)}")
    result.data = {
        "total": total,  # a Decimal: run() writes it out in plain notation
        "rows": str(len(v["debts"])),
        "numbers": ",".join(str(r.number) for r in v["debts"]),
        # what str(Decimal) gives for some results, and run() must never pass on
        "big": str(Decimal("1.140000E+7")),
        "zero": str(Decimal("0E+1")),
        "tiny": Decimal("1E-7"),
        "ratio": 0.25,
    }
    return result


ROWS_SAMPLE = Calculator(id="sample-rows", title="测试：多笔债务", fields=(DEBTS, MoneyField("budget", "每月预算", "1000")), compute=_rows_compute)


def _letter_compute(v: dict) -> Result:
    when = v["when"]
    timed = isinstance(when, dt.datetime)
    result = Result(figures=[Figure("姓名", v["name"] or "（未填）")], summary=f"{v['name']}\n{v['note']}")
    result.data = {"timed": "yes" if timed else "no", "when": when.isoformat(), "note_length": str(len(v["note"]))}
    return result


LETTER_SAMPLE = Calculator(
    id="sample-letter",
    title="测试：文书",
    fields=(
        TextField("name", "姓名", "", private=True, max_length=20),
        TextField("note", "说明", "", multiline=True, max_length=300),
        DateTimeField("when", "时间", "2025-03-15 14:30"),
        ChoiceField("kind", "类型", "a", options=(("a", "甲"), ("b", "乙")), private=True),
        BoolField("agree", "同意", "no", private=True),
    ),
    compute=_letter_compute,
)

SAMPLES = (ROWS_SAMPLE, LETTER_SAMPLE)
