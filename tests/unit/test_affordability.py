"""还款能力: known answers worked by hand, the warnings, and the hand-over to repayment-plan."""

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run

D = Decimal
ZERO_SPENDING = {k: "0" for k in ("housing", "food", "transport", "utilities", "children", "medical", "parents", "other")}


def ok(**inputs):
    outcome = run("affordability", inputs)
    assert outcome["ok"], outcome.get("errors")
    return outcome


def test_defaults_are_case_four():
    """6,000 + 500 = 6,500 in; 1,500 + 1,300 + 300 + 250 + 0 + 150 + 500 + 500 = 4,500 out;
    left 2,000; 10 % margin = 200; offer 1,800; DTI 1,800 / 6,500 = 0.276923… → 27.69 %."""
    data = ok()["data"]
    assert (data["income"], data["spending"], data["left"], data["margin"], data["offer"]) == ("6500.00", "4500.00", "2000.00", "200.00", "1800")
    assert data["dti"] == "0.2769"


def test_worked_example_with_minimums_and_odd_amounts():
    """I = 4,000 + 1,234.56 = 5,234.56; S = 3,000; M = 800; L = 1,434.56;
    m = 15 % × 1,434.56 = 215.184 → 215.18; L − m = 1,219.38 → offer 1,219 (rounded down);
    DTI = (800 + 1,219) / 5,234.56 = 2,019 / 5,234.56 = 0.38570… → 38.57 %."""
    inputs = dict(ZERO_SPENDING, housing="3000", debt_minimums="800", margin="15%")
    inputs.update({"incomes": "2", "incomes.1.name": "工资", "incomes.1.amount": "4000", "incomes.2.name": "兼职", "incomes.2.amount": "1234.56"})
    outcome = ok(**inputs)
    data = outcome["data"]
    assert (data["left"], data["margin"], data["offer"], data["dti"]) == ("1434.56", "215.18", "1219", "0.3857")
    assert "38.57%" in outcome["html"]


def test_fixed_margin_and_chinese_input():
    """1.2万 in; 8,000 out; margin 500 元 → 12,000 − 8,000 − 500 = 3,500."""
    inputs = dict(ZERO_SPENDING, housing="５０００", food="3000", margin="500")
    inputs.update({"incomes": "1", "incomes.1.amount": "1.2万"})
    data = ok(**inputs)["data"]
    assert (data["income"], data["offer"], data["margin"]) == ("12000.00", "3500", "500.00")


def test_spending_above_income_warns_and_offers_nothing():
    inputs = dict(ZERO_SPENDING, housing="2000", food="1500")
    inputs.update({"incomes": "1", "incomes.1.amount": "3000"})
    outcome = ok(**inputs)
    assert outcome["data"]["offer"] == "0"
    assert outcome["data"]["spending_exceeds_income"] == "yes"
    assert "就比收入" in outcome["html"] and "多 500.00 元" in outcome["html"]
    assert "how-to-negotiate/options/" in outcome["html"]
    assert "tools/repayment-plan/#" not in outcome["html"]


def test_minimums_eat_what_is_left():
    inputs = dict(ZERO_SPENDING, housing="2000", debt_minimums="1500")
    inputs.update({"incomes": "1", "incomes.1.amount": "3000"})
    outcome = ok(**inputs)
    assert outcome["data"]["offer"] == "0" and outcome["data"]["left"] == "-500.00"
    assert "每月还差 500.00 元" in outcome["html"]


def test_no_income_has_no_ratio():
    inputs = dict(ZERO_SPENDING, food="500")
    inputs.update({"incomes": "1", "incomes.1.name": "失业", "incomes.1.amount": "0"})
    outcome = ok(**inputs)
    assert outcome["data"]["dti"] == ""
    assert outcome["data"]["spending_exceeds_income"] == "yes"


def test_hand_over_link_carries_the_offer():
    html = run("affordability", {}, "../../")["html"]
    assert re.search(r'href="\.\./\.\./tools/repayment-plan/#budget=1800"', html)
    # The link opens repayment-plan with that budget: the same numbers arrive.
    assert run("repayment-plan", {"budget": "1800"})["ok"]


def test_messages_for_bad_rows():
    outcome = run("affordability", {"incomes": "2", "incomes.1.amount": "abc", "incomes.2.amount": "-5"})
    assert not outcome["ok"]
    assert "第1项收入 · 金额" in outcome["errors"]["incomes.1.amount"]
    assert "不能是负数" in outcome["errors"]["incomes.2.amount"]
    too_many = {"incomes": "11", **{f"incomes.{n}.amount": "100" for n in range(1, 12)}}
    assert "incomes" in run("affordability", too_many)["errors"]


amounts = st.integers(min_value=0, max_value=5_000_000).map(lambda fen: str(D(fen) / 100))


@settings(max_examples=150, deadline=None)
@given(income=amounts, second=amounts, spend=amounts, minimums=amounts, share=st.integers(0, 100))
def test_invariants(income, second, spend, minimums, share):
    """offer ≤ left − margin < offer + 1 when anything is left; never negative; 0 otherwise."""
    inputs = dict(ZERO_SPENDING, other=spend, debt_minimums=minimums, margin=f"{share}%")
    inputs.update({"incomes": "2", "incomes.1.amount": income, "incomes.2.amount": second})
    data = ok(**inputs)["data"]
    left, margin, offer = D(data["left"]), D(data["margin"]), D(data["offer"])
    assert left == D(income) + D(second) - D(spend) - D(minimums)
    assert offer >= 0 and margin >= 0
    if left > 0:
        assert offer <= left - margin < offer + 1
    else:
        assert offer == 0 and margin == 0
