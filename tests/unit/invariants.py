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


# ---- 真实年化 -------------------------------------------------------------------------------


@invariant("true-rate")
def irr_reprices_the_payments_to_the_amount_received(inputs, outcome):
    """The payments of the verification table, discounted at the solved rate (in Decimal, not
    as rounded for display), add up to the amount received within 0.01 元; the shown
    discounted column adds up to it exactly; compound ≥ simple > 0."""
    from calculators.core import irr

    data = outcome["data"]
    received = Decimal(outcome["values"]["received"]) if re.fullmatch(r"\d+(\.\d+)?", outcome["values"]["received"].strip()) else None
    table = next(rows for caption, rows in tables(outcome["html"]).items() if caption.startswith("验算"))
    payments = [money(cells[2]) for cells in table]
    assert sum(payments, Decimal(0)) == Decimal(data["total_paid"])
    assert sum((money(cells[4]) for cells in table), Decimal(0)) == Decimal(data["discounted_total"])
    if received is not None:  # amounts are rounded to the fen, half up, when read
        assert Decimal(data["discounted_total"]) == received.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    if outcome["values"]["schedule"] != "custom":
        flows = [(Decimal(0), -Decimal(data["discounted_total"]))] + [(Decimal(k), p) for k, p in enumerate(payments, start=1)]
        assert abs(irr.npv(Decimal(data["period_irr"]), flows)) <= Decimal("0.01")
    assert Decimal(data["compound"]) >= Decimal(data["simple"]) > 0


# ---- 关键日期 -------------------------------------------------------------------------------


@invariant("timeline")
def dates_move_monotonically_with_their_inputs(inputs, outcome):
    """Moving any entered date later never moves the limitation end or the deletion date
    earlier; the period ends three years after the day it runs from."""
    import datetime as dt

    data = outcome["data"]
    start, end = (dt.date.fromisoformat(data[k]) for k in ("limitation_start", "limitation_end"))
    assert end.year == start.year + 3 and (end.month, end.day) <= (start.month, start.day)
    for name in ("due_date", "last_payment", "last_acknowledgement", "last_demand", "settled"):
        text = outcome["values"].get(name, "").strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            continue
        later = (dt.date.fromisoformat(text) + dt.timedelta(days=40)).isoformat()
        other = run("timeline", {**inputs, name: later})
        if other["ok"]:
            for key in ("limitation_end", "credit_delete"):
                assert other["data"][key] >= data[key], (name, key)


# ---- the newer tools: what always holds of their published figures (`data`) -----------------
# (Each tool's own tests go further; these run on the harness's generated input.)


def _d(text: str) -> Decimal:
    return Decimal(text)


@invariant("several-debts")
def every_finished_plan_pays_balances_plus_interest(inputs, outcome):
    data = outcome["data"]
    assert _d(data["shortfall"]) >= 0
    for key in ("avalanche", "snowball", "urgent"):
        if f"{key}_interest" not in data:
            continue
        assert _d(data[f"{key}_interest"]) >= 0, key
        months = data.get(f"{key}_months", "")
        if data.get(f"{key}_never") == "no" and months.isdigit():
            assert 1 <= int(months) <= 600, key
            assert _d(data[f"{key}_paid"]) == _d(data["total"]) + _d(data[f"{key}_interest"]), key


@invariant("affordability")
def what_is_left_is_income_less_spending(inputs, outcome):
    data = outcome["data"]
    income, spending, minimums, left = (_d(data[k]) for k in ("income", "spending", "minimums", "left"))
    assert left == income - spending - minimums
    offer = _d(data["offer"])
    assert 0 <= offer <= max(left, Decimal(0))
    assert data["spending_exceeds_income"] == ("yes" if spending > income else "no")


@invariant("true-rate")
def the_rate_reprices_the_payments_to_the_amount_received(inputs, outcome):
    from calculators import get_calculator

    data = outcome["data"]
    received = get_calculator("true-rate").field("received").read(outcome["values"]["received"])
    assert abs(_d(data["discounted_total"]) - received) <= Decimal("0.01")
    assert _d(data["cost"]) == _d(data["total_paid"]) - received
    if _d(data["period_irr"]) >= 0:
        assert _d(data["compound"]) >= _d(data["simple"])


@invariant("timeline")
def the_limitation_period_ends_after_it_starts(inputs, outcome):
    data = outcome["data"]
    if data.get("limitation_start") and data.get("limitation_end"):
        assert data["limitation_end"] > data["limitation_start"]  # ISO dates compare as text


@invariant("contact-log")
def flagged_entries_are_among_the_entries(inputs, outcome):
    data = outcome["data"]
    assert 0 <= int(data["quiet"]) <= int(data["entries"]) and 0 <= int(data["third_party"]) <= int(data["entries"])
