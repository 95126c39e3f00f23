"""Each calculator's invariants, for the generic property harness (test_properties.py).

An invariant is a function `check(inputs, outcome)` that asserts something true of every
successful outcome (`outcome["ok"]` is True when it is called): `inputs` is the raw mapping
that was run, `outcome` what `calculators.run` returned. It may call `run` again (to compare
with a neighbouring input). Register it here under the calculator's id with @invariant(...),
or, for a new tool, expose `INVARIANTS = (check, …)` in its own module
(calculators/tools/<name>.py); the harness collects both. No other per-tool code is needed.

Helpers below read what the reader sees: figures and tables of the result's HTML.
"""

import re
from collections import defaultdict
from decimal import Decimal
from html import unescape
from typing import Callable

from calculators import run

REGISTRY: dict[str, list[Callable]] = defaultdict(list)


def invariant(calc_id: str):
    def register(check: Callable) -> Callable:
        REGISTRY[calc_id].append(check)
        return check

    return register


# ---- reading a result ---------------------------------------------------------------------

_TABLE = re.compile(r"<table><caption>(.*?)</caption>.*?<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def tables(html: str) -> dict[str, list[list[str]]]:
    """{caption: rows of cell texts} for every result table."""
    out = {}
    for caption, body in _TABLE.findall(html):
        out[unescape(caption)] = [[unescape(c) for c in _CELL.findall(row)] for row in _ROW.findall(body)]
    return out


def money(text: str) -> Decimal:
    """'1,234.56 元' → Decimal('1234.56')."""
    m = re.fullmatch(r"\s*(-?[\d,]+\.\d{2}) 元\s*", text)
    assert m, f"not an amount in yuan: {text!r}"
    return Decimal(m.group(1).replace(",", ""))


# ---- 还款方案 -------------------------------------------------------------------------------


@invariant("repayment-plan")
def schedule_rows_add_up(inputs, outcome):
    """The schedule shown: every row's principal + interest = payment, no negative part or
    balance, balances fall to 0, and the principal column sums to the amount owed."""
    data = outcome["data"]
    schedule = next(rows for caption, rows in tables(outcome["html"]).items() if caption.endswith("的还款计划"))
    principal_sum = Decimal(0)
    for cells in schedule:
        payment, principal, interest, balance = (money(c) for c in cells[1:5])
        assert payment == principal + interest, cells
        # (a payment may be 0.00: an interest-free grace month)
        assert payment >= 0 and principal >= 0 and interest >= 0 and balance >= 0, cells
        principal_sum += principal
    assert money(schedule[-1][4]) == 0
    assert Decimal(data["chosen_total"]) == Decimal(data["chosen_principal"]) + Decimal(data["chosen_interest"])
    assert principal_sum == Decimal(data["chosen_principal"])
    if inputs.get("show", "annuity") != "settle":
        assert principal_sum == Decimal(data["owed"])


@invariant("repayment-plan")
def interest_free_plan_charges_no_interest(inputs, outcome):
    if inputs.get("show") == "frozen":
        assert Decimal(outcome["data"]["chosen_interest"]) == 0


@invariant("repayment-plan")
def no_plan_has_negative_interest(inputs, outcome):
    data = outcome["data"]
    assert Decimal(data["annuity_interest"]) >= 0 and Decimal(data["equal_principal_interest"]) >= 0


# ---- 逾期成本 -------------------------------------------------------------------------------


@invariant("overdue-cost")
def cost_is_monotone_in_days(inputs, outcome):
    """Waiting never makes it cheaper: the total now grows (weakly) with the days overdue,
    and the 90-days-later figure is never below today's."""
    data = outcome["data"]
    assert Decimal(data["total_90"]) >= Decimal(data["total_now"])
    for key in ("interest_now", "penalty_now", "compound_now", "fees_now", "excess_now"):
        assert Decimal(data[key]) >= 0, key
    days = int(outcome["values"]["days"]) if outcome["values"]["days"].strip().isdigit() else None
    if days is None:
        return
    for later in (days + 1, days + 30):
        other = run("overdue-cost", {**inputs, "days": str(later)})
        if other["ok"]:
            assert Decimal(other["data"]["total_now"]) >= Decimal(data["total_now"]), (days, later)
