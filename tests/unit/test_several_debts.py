"""多笔债务: known answers worked by hand (see the module docstring), the cases the brief lists,
and the invariants of the month-by-month simulation."""

import re
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators import run
from calculators.tools.several_debts import HORIZON, Debt, simulate

D = Decimal


def debts_inputs(*rows, budget):
    inputs = {"debts": str(len(rows)), "budget": budget}
    for n, row in enumerate(rows, start=1):
        inputs.update({f"debts.{n}.{k}": v for k, v in row.items()})
    return inputs


def ok(inputs):
    outcome = run("several-debts", inputs)
    assert outcome["ok"], outcome.get("errors")
    return outcome


A = {"name": "A", "balance": "1000", "rate": "12%", "minimum": "100"}
B = {"name": "B", "balance": "500", "rate": "0", "minimum": "50"}


def test_worked_example_avalanche_and_snowball():
    """Module docstring: avalanche 4 months, interest 10.00 + 6.60 + 3.17 = 19.77, A cleared in
    month 3 with 30.23 rolling over to B, B in month 4; snowball clears B in month 2, A in
    month 4, interest 10.00 + 9.10 + 7.19 + 3.26 = 29.55."""
    data = ok(debts_inputs(A, B, budget="400"))["data"]
    assert (data["avalanche_months"], data["avalanche_interest"], data["avalanche_paid"]) == ("4", "19.77", "1519.77")
    assert data["avalanche_cleared"] == "3,4"
    assert (data["snowball_months"], data["snowball_interest"], data["snowball_paid"]) == ("4", "29.55", "1529.55")
    assert data["snowball_cleared"] == "4,2"
    assert data["avalanche_order"] == "A,B" and data["snowball_order"] == "B,A"


def test_cleared_mid_month_rolls_over_the_same_month():
    """After month 3 of the avalanche: A is 0 and B has had 50 × 3 + 30.23 = 180.23 → 319.77."""
    debts = (Debt("A", D("1000"), D("0.12"), D("100"), 0, "bank"), Debt("B", D("500"), D("0"), D("50"), 0, "bank"))
    plan = simulate(debts, D("400"), "avalanche", horizon=3)
    assert plan.remaining == (D("0.00"), D("319.77"))
    assert plan.paid == (D("1019.77"), D("180.23"))
    assert plan.cleared == (3, None) and plan.months is None and not plan.never


def test_stop_the_bleeding_takes_the_longest_overdue_first():
    rows = (
        {"name": "新", "balance": "3000", "rate": "36%", "days_overdue": "0"},
        {"name": "久", "balance": "9000", "rate": "18%", "days_overdue": "90天"},
        {"name": "中", "balance": "5000", "rate": "24%", "days_overdue": "30"},
    )
    data = ok(debts_inputs(*rows, budget="3000"))["data"]
    assert data["urgent_order"] == "久,中,新"
    assert data["avalanche_order"] == "新,中,久"
    assert data["snowball_order"] == "新,中,久"


def test_budget_below_the_minimums():
    rows = ({"name": "甲", "balance": "10000", "rate": "18%", "minimum": "800"}, {"name": "乙", "balance": "6000", "rate": "24%", "minimum": "500"})
    outcome = ok(debts_inputs(*rows, budget="1000"))
    assert outcome["data"]["shortfall"] == "300.00"
    html = run("several-debts", debts_inputs(*rows, budget="1000"), "../../")["html"]
    assert "少 300.00 元" in html and "正是该去协商的时候" in html
    assert 'href="../../tools/affordability/"' in html and 'href="../../how-to-negotiate/"' in html


def test_zero_rate_debt_costs_nothing_and_comes_last_by_rate():
    rows = ({"name": "免息", "balance": "1200", "rate": "0%", "minimum": "100"}, {"name": "贵", "balance": "5000", "rate": "日息万五", "minimum": "200"})
    outcome = ok(debts_inputs(*rows, budget="1000"))
    assert outcome["data"]["avalanche_order"] == "贵,免息"
    assert "利率是 0%" in outcome["html"]
    only_zero = ok(debts_inputs({"name": "免息", "balance": "1200", "rate": "0", "minimum": "100"}, budget="100"))["data"]
    assert (only_zero["avalanche_months"], only_zero["avalanche_interest"]) == ("12", "0.00")


def test_never_paid_off():
    """12,000 at 日息万五 (18 % a year): 180.00 interest a month, budget 100 → stuck at once."""
    outcome = ok(debts_inputs({"name": "x", "balance": "1.2万", "rate": "日息万五"}, budget="100"))
    assert outcome["data"]["never"] == "yes"
    assert "按这个预算永远还不完" in outcome["html"] and "600 个月" in outcome["html"]


def test_slow_plan_is_cut_at_the_horizon():
    """100,000 at 1 % a month with 1,001 a month needs ln(1001)/ln(1.01) ≈ 694 months > 600."""
    outcome = ok(debts_inputs({"name": "x", "balance": "10万", "rate": "月息1%"}, budget="1001"))
    assert outcome["data"]["avalanche_months"] == "" and outcome["data"]["never"] == "no"
    assert f"{HORIZON} 个月内还不完" in outcome["html"]


def test_hand_over_to_repayment_plan_for_the_most_urgent_debt():
    """Defaults: 甲 (40 days) is the most urgent; others' minimums 400 + 300 → 2,000 − 700 = 1,300."""
    html = run("several-debts", {}, "../../")["html"]
    m = re.search(r'href="\.\./\.\./tools/repayment-plan/#([^"]+)"', html)
    assert m
    fragment = m.group(1).replace("&amp;", "&")
    assert fragment == "principal=12000.00&rate=18.00%25&budget=1300.00"
    from urllib.parse import parse_qsl

    landed = run("repayment-plan", dict(parse_qsl(fragment)))
    assert landed["ok"] and landed["values"]["budget"] == "1300.00"


def test_typed_as_people_type_and_messages():
    inputs = debts_inputs({"name": "花呗", "balance": "１２，０００", "rate": "年化18%", "minimum": "¥600", "days_overdue": "十天"}, budget="２０００")
    assert ok(inputs)["data"]["total"] == "12000.00"
    bad = run("several-debts", debts_inputs({"balance": "0", "rate": "abc"}, budget="0"))
    assert set(bad["errors"]) == {"debts.1.balance", "debts.1.rate", "budget"}
    assert "第1笔 · 年利率" in bad["errors"]["debts.1.rate"]
    too_many = {"debts": "31", **{f"debts.{n}.balance": "100" for n in range(1, 32)}, **{f"debts.{n}.rate": "1%" for n in range(1, 32)}}
    assert "最多 30" in run("several-debts", too_many)["errors"]["debts"]


# ---- invariants ------------------------------------------------------------------------

fen = st.integers(min_value=1, max_value=5_000_000).map(lambda f: D(f) / 100)
debt = st.builds(
    Debt,
    name=st.just("x"),
    balance=fen,
    annual_rate=st.sampled_from([D("0"), D("0.036"), D("0.12"), D("0.15"), D("0.18"), D("0.24"), D("0.36"), D("0.365"), D("1.2")]),
    minimum=st.integers(min_value=0, max_value=300_000).map(lambda f: D(f) / 100),
    days_overdue=st.integers(0, 400),
    kind=st.just("bank"),
)


@settings(max_examples=200, deadline=None)
@given(debts=st.lists(debt, min_size=1, max_size=8).map(tuple), budget=fen, strategy=st.sampled_from(["avalanche", "snowball", "urgent"]))
def test_payments_add_up_and_nothing_goes_negative(debts, budget, strategy):
    plan = simulate(debts, budget, strategy)
    for d, paid, interest, left in zip(debts, plan.paid, plan.interest, plan.remaining):
        assert left >= 0 and paid >= 0 and interest >= 0
        assert paid + left == d.balance + interest  # exactly, to the fen
    assert plan.total_paid <= budget * max(1, plan.months or HORIZON)
    if plan.months is not None:
        assert all(r == 0 for r in plan.remaining)
        assert plan.total_paid == sum(d.balance for d in debts) + plan.total_interest


@settings(max_examples=500, deadline=None)
@given(debts=st.lists(debt, min_size=2, max_size=6).map(tuple), budget=fen)
def test_avalanche_never_pays_more_interest_than_snowball(debts, budget):
    """The claim, stated precisely: when the budget covers every minimum (Σ minimums ≤ budget),
    every order pays the same minimums and differs only in where the rest goes, and the rest on
    the highest rate saves the most — in exact arithmetic. With each month's interest rounded to
    the fen the avalanche can come out a fen or so higher (test_rounding_can_cost_a_fen), so
    the test allows 1 fen per month of the longer plan. When the budget is short it does NOT
    hold (test_avalanche_can_cost_more_when_the_budget_is_short)."""
    assume(sum(d.minimum for d in debts) <= budget)
    avalanche, snowball = simulate(debts, budget, "avalanche"), simulate(debts, budget, "snowball")
    assume(avalanche.months is not None and snowball.months is not None)
    assert avalanche.total_interest <= snowball.total_interest + D("0.01") * max(avalanche.months, snowball.months)


def test_rounding_can_cost_a_fen():
    """Found by a long hypothesis run: 0.58 at 36 % and 2.32 at 36.5 %, budget 0.29 — the
    avalanche pays 0.62 interest, the snowball 0.61, only because of rounding to the fen."""
    debts = (Debt("A", D("0.58"), D("0.36"), D("0.22"), 0, "bank"), Debt("B", D("2.32"), D("0.365"), D("0.06"), 66, "bank"))
    avalanche, snowball = simulate(debts, D("0.29"), "avalanche"), simulate(debts, D("0.29"), "snowball")
    assert (avalanche.total_interest, snowball.total_interest) == (D("0.62"), D("0.61"))


def test_avalanche_can_cost_more_when_the_budget_is_short():
    """Found by hypothesis. Budget 144.87 < minimums 144.92: the avalanche gives the short
    minimum money to C (12 %) before B (3.6 %), so B needs more of the budget in the month it is
    cleared, which leaves A (24 %) a little longer; C, barely amortizing (interest ≈ 143 a
    month), then magnifies the few fen over 500 months."""
    debts = (
        Debt("A", D("766.13"), D("0.24"), D("0"), 0, "bank"),
        Debt("B", D("1475.62"), D("0.036"), D("144.67"), 0, "bank"),
        Debt("C", D("12093.04"), D("0.12"), D("0.25"), 0, "bank"),
    )
    avalanche, snowball = simulate(debts, D("144.87"), "avalanche"), simulate(debts, D("144.87"), "snowball")
    assert avalanche.months == snowball.months == 508
    assert (avalanche.total_interest, snowball.total_interest) == (D("59212.48"), D("59197.20"))


def test_worst_case_is_bounded():
    """30 debts that take hundreds of months: the loop stops at the horizon at the latest."""
    rows = [{"name": f"第{n}家", "balance": str(10000 + n * 10), "rate": f"{n % 7 + 1}%", "minimum": "50", "days_overdue": str((n * 7) % 30)} for n in range(1, 31)]
    data = ok(debts_inputs(*rows, budget="1400"))["data"]
    for key in ("avalanche", "snowball", "urgent"):
        assert data[f"{key}_months"] == "" or int(data[f"{key}_months"]) <= HORIZON


def test_budget_exactly_clearing_a_debt_in_the_extra_pass():
    """A 300 at 0 %, minimum 100; budget 300: minimum 100, then the remaining 200 clears it
    exactly in month 1 (the pool is used up by the same payment that clears the debt)."""
    plan = simulate((Debt("A", D("300"), D("0"), D("100"), 0, "bank"),), D("300"), "avalanche")
    assert plan.cleared == (1,) and plan.months == 1 and plan.paid == (D("300.00"),)
