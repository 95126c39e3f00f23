"""真实年化: known answers worked by hand, messages, and the IRR re-pricing property."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators.core import irr

D = Decimal


def ok(**inputs):
    outcome = run("true-rate", inputs)
    assert outcome["ok"], outcome.get("errors")
    return outcome


def pct(value: str, places: str = "0.01") -> Decimal:
    return (D(value) * 100).quantize(D(places))


def test_fixed_payments_known_answer():
    """10,000 received, 12 × 1,000 → r = 2.9229 % a month, 35.07 % simple, 41.30 % compound.

    By hand: the annuity factor (1 − 1.029229^−12) / 0.029229 = 10.0000, so 1,000 × 10 = 10,000;
    12 × 2.9229 % = 35.07 %; 1.029229^12 − 1 = 41.30 %.
    """
    data = ok(received="10000", schedule="fixed", payment="1000", periods="12")["data"]
    assert pct(data["period_irr"], "0.0001") == D("2.9229")
    assert pct(data["simple"]) == D("35.07")
    assert pct(data["compound"]) == D("41.30")
    assert data["discounted_total"] == "10000.00"


def test_monthly_fee_known_answer():
    """10,000 at 月费率 0.8 %, 12 months: 833.33 principal + 80.00 fee = 913.33 (the last
    913.37 settles the rounding of the principal) → 17.27 % simple, 18.71 % compound."""
    data = ok(received="10000", principal="10000", schedule="monthly_fee", fee_rate="0.8%", periods="12")["data"]
    assert (data["first_payment"], data["last_payment"]) == ("913.33", "913.37")
    assert pct(data["simple"]) == D("17.27")
    assert pct(data["compound"]) == D("18.71")


def test_pboc_example():
    """lpr.md: 100,000 borrowed, 1,000 fee up front (99,000 received), 12 × 8,833.30 →
    1.0670 % a month, 12.80 % simple, 13.58 % compound."""
    data = ok(received="99000", principal="100000", schedule="fixed", payment="8833.30", periods="12")["data"]
    assert pct(data["period_irr"], "0.0001") == D("1.0670")
    assert pct(data["simple"]) == D("12.80")
    assert pct(data["compound"]) == D("13.58")


def test_default_is_case_five():
    """The built-in example is case 5: contract 12,000 at "0 利息", 10,000 received."""
    outcome = ok()
    assert pct(outcome["data"]["simple"]) == D("35.07")
    assert "《民法典》第六百七十条" in outcome["html"]


def test_annuity_without_deduction_returns_the_contract_rate():
    """No fee, no deduction: the IRR of a 等额本息 loan at 12 % is 1 % a month (to rounding)."""
    data = ok(received="10000", principal="10000", schedule="annuity", rate="12%", periods="12")["data"]
    assert abs(D(data["period_irr"]) - D("0.01")) < D("0.000001")


def test_interest_only_and_equal_principal_at_the_contract_rate():
    for schedule in ("interest_only", "equal_principal"):
        data = ok(received="12000", principal="12000", schedule=schedule, rate="月息1%", periods="12")["data"]
        assert abs(D(data["period_irr"]) - D("0.01")) < D("0.00001"), schedule


def test_private_lending_is_compared_with_four_times_lpr_at_the_contract_date():
    outcome = ok(lender="private", contract_date="2024年8月1日")
    assert outcome["data"]["cap"] == "0.1340"  # LPR 3.35 % from 2024-07-22
    assert "《民间借贷规定》第二十五条" in outcome["html"] and "高出" in outcome["html"]


def test_licensed_lenders_get_reference_lines_only():
    html = ok(lender="microloan")["html"]
    assert "参考线（非上限）" in html and "《民间借贷适用范围批复》" in html


def test_payments_not_above_the_amount_received_is_a_message():
    outcome = run("true-rate", {"received": "12000"})
    assert not outcome["ok"] and "真实利率为 0" in outcome["errors"]["received"]
    outcome = run("true-rate", {"received": "2万"})
    assert not outcome["ok"] and "没有成本可算" in outcome["errors"]["received"]


def test_handover_link_carries_the_rate():
    html = ok(lender="private")["html"]
    assert "tools/overdue-cost/#rate=%E5%B9%B4%E5%8C%9635.07%25&amp;lender=private" in html


def test_irr_helper_refuses_ambiguous_and_impossible_flows():
    with pytest.raises(irr.IrrError) as exc:
        irr.solve([(D(0), D(-100)), (D(1), D(230)), (D(2), D(-132))])  # roots 10 % and 20 %
    assert exc.value.kind == "several_sign_changes"
    with pytest.raises(irr.IrrError) as exc:
        irr.solve([(D(0), D(100)), (D(1), D(100))])
    assert exc.value.kind == "no_sign_change"


def test_irr_helper_matches_numpy_financial():
    """numpy-financial's documented example: irr([-100, 39, 59, 55, 20]) = 0.28095."""
    flows = [(D(t), D(a)) for t, a in enumerate((-100, 39, 59, 55, 20))]
    assert abs(irr.solve(flows).rate - D("0.2809484211599611")) < D("1e-12")


@settings(max_examples=150, deadline=None)
@given(
    received=st.integers(min_value=100, max_value=5_000_000),
    markup=st.integers(min_value=1, max_value=400),  # total repaid = received × (1 + markup %)
    periods=st.integers(min_value=1, max_value=120),
)
def test_irr_reprices_the_schedule_to_the_amount_received(received, markup, periods):
    """Property: the payments discounted at the solved rate add up to what was received,
    within 0.01 元 (in Decimal, not only as rounded for display)."""
    payment = (D(received) * (100 + markup) / 100 / periods).quantize(D("0.01"))
    if payment * periods <= received:
        return
    outcome = run("true-rate", {"received": str(received), "schedule": "fixed", "payment": str(payment), "periods": str(periods)})
    assert outcome["ok"], outcome["errors"]
    rate = D(outcome["data"]["period_irr"])
    flows = [(D(0), -D(received))] + [(D(k), payment) for k in range(1, periods + 1)]
    assert abs(irr.npv(rate, flows)) <= D("0.01")
    assert D(outcome["data"]["discounted_total"]) == D(received)


def test_dated_payments_use_xirr_on_actual_days():
    """10,000 received 2025-06-01, 10,300 repaid 2025-07-01 (30 days):
    x = 1.03^(365/30) − 1 = 43.28 % compound; monthly equivalent × 12 = 36.51 % simple."""
    data = ok(schedule="custom", contract_date="2025-06-01", payments="1", **{"payments.1.date": "2025年7月1日", "payments.1.amount": "1.03万"})["data"]
    assert pct(data["compound"]) == D("43.28")
    assert pct(data["simple"]) == D("36.51")
    assert data["discounted_total"] == "10000.00"


def test_dated_payment_before_the_money_arrived_is_a_cell_message():
    outcome = run("true-rate", {"schedule": "custom", "payments": "1", "payments.1.date": "2025-05-01", "payments.1.amount": "10300"})
    assert "「第1笔 · 还款日期」" in outcome["errors"]["payments.1.date"]


def test_custom_schedule_with_no_rows_is_a_message():
    outcome = run("true-rate", {"schedule": "custom", "payments": "0"})
    assert "至少填一笔" in outcome["errors"]["payments"]


def test_thirty_dated_payments_in_any_order():
    inputs = {"schedule": "custom", "received": "10000", "payments": "30"}
    for k in range(1, 31):
        day = 31 - k  # typed newest first
        inputs[f"payments.{k}.date"] = f"2025-07-{day:02d}"
        inputs[f"payments.{k}.amount"] = "400"
    data = ok(**inputs)["data"]
    assert data["discounted_total"] == "10000.00"
    assert D(data["total_paid"]) == D("12000")


def test_unlicensed_lender_is_told_the_contract_is_void_not_capped():
    html = ok(lender="unlicensed")["html"]
    assert "《民间借贷规定》第十三条第三项" in html and "仅作对照" in html


def test_case_five_link_reproduces_its_figures():
    """docs/cases/hidden-fee.md links here with 小何's numbers: 35.07 % / 41.30 %."""
    import re
    from pathlib import Path
    from urllib.parse import parse_qsl

    text = (Path(__file__).resolve().parents[2] / "docs" / "cases" / "hidden-fee.md").read_text(encoding="utf-8")
    fragment = re.search(r"tools/true-rate\.md#([^)\s]+)", text).group(1)
    outcome = ok(**dict(parse_qsl(fragment)))
    assert (pct(outcome["data"]["simple"]), pct(outcome["data"]["compound"])) == (D("35.07"), D("41.30"))
    assert "《民法典》第六百七十条" in outcome["html"]


def test_a_contract_amount_left_at_its_default_is_not_read_as_a_deduction_for_fixed_payments():
    html = ok(received="5000", schedule="fixed", payment="600", periods="10")["html"]
    assert "放款时就被扣掉" not in html
