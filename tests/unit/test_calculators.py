"""The two calculators through the one entry point, `calculators.run`."""

from decimal import Decimal

import pytest

from calculators import all_calculators, run
from calculators.__main__ import main as cli
from calculators.core.fields import TextField

D = Decimal


def ok(calc, **inputs):
    outcome = run(calc, inputs)
    assert outcome["ok"], outcome.get("errors")
    return outcome


# ---- 还款方案 -----------------------------------------------------------------------------


def test_repayment_known_answers():
    data = ok("repayment-plan", principal="10000", rate="12%", months="12")["data"]
    assert data["annuity_payment"] == "888.49"
    assert data["annuity_interest"] == "661.85"
    data = ok("repayment-plan", principal="12000", rate="12%", months="12")["data"]
    assert (data["equal_principal_first"], data["equal_principal_last"], data["equal_principal_interest"]) == ("1120.00", "1010.00", "780.00")


def test_repayment_owed_is_the_sum_of_its_parts():
    data = ok("repayment-plan", principal="3万", interest="1200", penalty="800", fees="200", rate="0", months="24", show="frozen")["data"]
    assert D(data["owed"]) == D("32200")
    assert data["chosen_principal"] == "32200.00"
    assert data["chosen_interest"] == "0.00"


def test_repayment_budget_flag():
    assert ok("repayment-plan", principal="12000", rate="0", months="12", budget="1000")["data"]["fits_budget"] == "yes"
    assert ok("repayment-plan", principal="12000", rate="0", months="12", budget="999")["data"]["fits_budget"] == "no"


def test_card_plan_is_limited_to_60_months():
    outcome = run("repayment-plan", {"card": "yes", "card_months": "61", "show": "card70"})
    assert not outcome["ok"]
    assert "个性化分期期数" in outcome["errors"]["card_months"]


def test_card_plan_needs_the_card_box():
    outcome = run("repayment-plan", {"card": "no", "show": "card70"})
    assert "请先勾选" in outcome["errors"]["show"]


def test_settlement():
    data = ok("repayment-plan", principal="30000", settle_pct="70%", show="settle")["data"]
    assert data["chosen_total"] == "21000.00"


def test_summary_is_plain_text_for_a_message():
    summary = ok("repayment-plan", principal="10000", rate="12%", months="12")["summary"]
    assert "分 12 期偿还" in summary and "888.49" in summary and "<" not in summary


# ---- 逾期成本 -----------------------------------------------------------------------------


def test_overdue_cost_components():
    # 10,000 at 18 %, penalty 1.5× → 27 %: 30 days = 150.00 interest + 75.00 penalty.
    data = ok("overdue-cost", amount="10000", rate="18%", penalty_rate="1.5倍", days="30", fee="0")["data"]
    assert data["interest_now"] == "150.00"
    assert data["penalty_now"] == "75.00"
    assert data["total_now"] == "10225.00"
    assert D(data["annualized_now"]) == D("0.27")


def test_overdue_fees_once_and_monthly():
    once = ok("overdue-cost", amount="10000", fee="5%", fee_mode="once", days="45")["data"]
    monthly = ok("overdue-cost", amount="10000", fee="5%", fee_mode="monthly", days="45")["data"]
    assert once["fees_now"] == "500.00"
    assert monthly["fees_now"] == "1000.00"  # two started months


def test_compound_interest_adds_to_the_penalty():
    simple = ok("overdue-cost", days="90")["data"]
    compound = ok("overdue-cost", days="90", compound="yes")["data"]
    assert D(compound["compound_now"]) > 0 == D(simple["compound_now"])
    # 10,000 at 27 % accrues 225.00 every 30 days; at each 30-day mark everything accrued so
    # far (compound interest included) starts bearing 27 % too.
    first = D("225") * D("0.27") * 30 / 360
    second = (D("450") + first) * D("0.27") * 30 / 360
    assert compound["compound_now"] == str((first + second).quantize(D("0.01")))


def test_private_lending_cap_uses_the_lpr_of_the_contract_date():
    data = ok("overdue-cost", amount="10000", lender="private", rate="18%", contract_date="2025-06-01", days="30")["data"]
    assert D(data["cap"]) == D("0.12")  # 4 × 3.00 %
    # charges 225.00 vs the cap for 30 days: 10,000 × 12 % × 30 / 360 = 100.00
    assert data["excess_now"] == "125.00"


def test_user_typed_lpr_overrides_the_table():
    data = ok("overdue-cost", lender="private", lpr="3.5%")["data"]
    assert D(data["cap"]) == D("0.14")


def test_contract_before_the_lpr_existed_says_so_instead_of_inventing_a_cap():
    outcome = ok("overdue-cost", lender="private", contract_date="2018-01-01")
    assert outcome["data"]["cap"] == ""
    assert "第三十一条" in outcome["html"]


def test_licensed_lenders_get_reference_lines_not_a_cap():
    outcome = ok("overdue-cost", lender="microloan", rate="24%", days="90")
    assert outcome["data"]["cap"] == ""
    assert "不是法定上限" in outcome["html"]


def test_contract_date_in_the_future_is_a_field_error():
    outcome = run("overdue-cost", {"contract_date": "2099-01-01"})
    assert list(outcome["errors"]) == ["contract_date"]


# ---- every calculator, any input: tests/unit/test_properties.py (the generic harness) ----


@pytest.mark.parametrize("calc_id", sorted(all_calculators()))
def test_every_field_error_names_the_field_and_shows_an_example(calc_id):
    calc = all_calculators()[calc_id]
    for f in calc.fields:
        if f.control != "text" or isinstance(f, TextField):  # free text accepts anything
            continue
        outcome = run(calc_id, {f.name: "？？"})
        message = outcome["errors"][f.name]
        assert f"「{f.label}」" in message
        assert "可以这样填" in message


def test_command_line_prints_the_summary(capsys):
    assert cli(["repayment-plan", "--principal", "10000", "--rate", "12%", "--months", "12"]) == 0
    assert "888.49" in capsys.readouterr().out


def test_command_line_reports_field_errors(capsys):
    assert cli(["overdue-cost", "--amount", "abc"]) == 1
    assert "「逾期金额」" in capsys.readouterr().err
