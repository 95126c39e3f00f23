"""Issue 7, the Python side: money rounded to the fen at input, 亿, no exponent notation in
`data`, an unknown calculator id and oversized or hostile input to run_json answered with a
message instead of an exception."""

import json
import re
from decimal import Decimal

import pytest

from calculators import run
from calculators.api import input_limit, run_json
from calculators.core import schedules
from calculators import get_calculator
from calculators.core.fields import AmountOrShareField, FieldError, MoneyField
from calculators.core.money import plain
from calculators.core.parsing import parse_amount

D = Decimal


# ---- money: rounded to the fen, half up, as it is read ----------------------------------------


@pytest.mark.parametrize("text, expected", [("45.725", "45.73"), ("10000.005", "10000.01"), ("10000.004", "10000.00"), ("1.2345万", "12345.00"), ("0.015", "0.02")])
def test_money_is_rounded_to_the_fen_half_up_at_input(text, expected):
    value = MoneyField("x", "金额", "").read(text)
    assert value == D(expected) and value.as_tuple().exponent == -2


def test_an_amount_that_rounds_to_zero_is_zero():
    with pytest.raises(FieldError, match="不能为 0"):
        MoneyField("x", "金额", "").read("0.004")


def test_money_messages_say_how_it_is_rounded():
    outcome = run("repayment-plan", {"principal": "abc"})
    assert "精确到分" in outcome["errors"]["principal"] and "四舍五入" in outcome["errors"]["principal"]


def test_a_fixed_fee_is_rounded_to_the_fen_too():
    assert AmountOrShareField("fee", "费用", "0").read("45.725") == D("45.73")


def test_three_decimals_make_a_consistent_interest_free_plan():
    # Issue 7 item 5: an interest-free plan used to show 0.01 元 interest for 45.725.
    data = run("repayment-plan", {"principal": "45.725", "rate": "0", "months": "3", "show": "frozen"})["data"]
    assert (data["owed"], data["chosen_principal"], data["chosen_interest"]) == ("45.73", "45.73", "0.00")


def test_three_decimals_make_rows_that_add_up():
    outcome = run("repayment-plan", {"principal": "10000.005", "interest": "45.725", "rate": "12%", "months": "12"})
    for payment, principal, interest in re.findall(r"<td>([\d,.]+) 元</td><td>([\d,.]+) 元</td><td>(-?[\d,.]+) 元</td>", outcome["html"]):
        p, q, i = (D(x.replace(",", "")) for x in (payment, principal, interest))
        assert p == q + i and i >= 0


def test_schedules_round_a_finer_principal_to_the_fen_first():
    rows = schedules.annuity(D("45.725"), D("0"), 3)
    assert [r.interest for r in rows] == [0, 0, 0]
    assert sum(r.principal for r in rows) == D("45.73")
    rows = schedules.equal_principal(D("10000.005"), D("0.01"), 12)
    assert all(r.payment == r.principal + r.interest and r.interest >= 0 for r in rows)
    assert sum(r.principal for r in rows) == D("10000.01")


@pytest.mark.parametrize("text, expected", [("1亿", "100000000"), ("1亿元", "100000000"), ("0.5亿", "50000000"), ("１亿", "100000000")])
def test_yi_is_accepted_like_wan(text, expected):
    assert parse_amount(text) == D(expected)


def test_one_yi_is_a_valid_amount_and_more_is_too_big():
    assert run("overdue-cost", {"amount": "1亿"})["ok"]
    assert "太大了" in run("overdue-cost", {"amount": "1.5亿"})["errors"]["amount"]


# ---- no exponent notation -------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [("1.140000E+7", "11400000"), ("0E+1", "0"), ("1E-7", "0.0000001"), ("-0.00", "0.00"), ("12.50", "12.50")])
def test_plain(text, expected):
    assert plain(D(text)) == expected


@pytest.mark.usefixtures("samples")
def test_data_is_never_in_exponent_notation():
    data = run("sample-rows", {})["data"]
    assert data["big"] == "11400000" and data["zero"] == "0" and data["tiny"] == "0.0000001"
    assert data["total"] == "13000.00" and data["ratio"] == "0.25"


def test_overdue_cost_data_with_a_zero_rate_is_plain():
    # Before: annualized_now came out as '0E+1'.
    data = run("overdue-cost", {"amount": "10000.005", "rate": "0", "penalty_rate": "1倍", "days": "1", "lender": "private"})["data"]
    assert not any(re.search(r"\dE[-+]?\d", v, re.I) for v in data.values()), data


# ---- unknown calculator ----------------------------------------------------------------------


@pytest.mark.parametrize("calc_id", ["nope", "", "../../etc", None, 42])
def test_an_unknown_calculator_is_a_message_not_an_exception(calc_id):
    outcome = run(calc_id, {"amount": "1"})
    assert outcome["ok"] is False and "没有这个计算器" in outcome["errors"][""]
    assert json.loads(run_json(calc_id, "{}"))["errors"][""].startswith("没有这个计算器")


# ---- run_json reads only what is declared, and not too much ------------------------------------


def test_run_json_reads_only_declared_keys():
    raw = {"amount": "5000", "__proto__": "x", "constructor": "y", "amount.1.x": "1", "zzz": "9" * 1000}
    outcome = json.loads(run_json("overdue-cost", json.dumps(raw)))
    assert outcome["ok"] and outcome["values"]["amount"] == "5000"
    assert set(outcome["values"]) == {f.name for f in get_calculator("overdue-cost").fields}


def test_run_json_refuses_a_huge_input_with_a_message():
    raw = {f"p{i}": "1" for i in range(20000)}
    outcome = json.loads(run_json("overdue-cost", json.dumps(raw)))
    assert outcome["ok"] is False and "太长" in outcome["errors"][""]
    two_mb = json.dumps({"amount": "1" * 2_000_000})
    assert "太长" in json.loads(run_json("overdue-cost", two_mb))["errors"][""]


def test_run_json_limit_leaves_room_for_a_full_form():
    limit = input_limit(get_calculator("overdue-cost"))
    assert 20_000 <= limit <= 100_000


@pytest.mark.usefixtures("samples")
def test_run_json_reads_row_cells_and_reports_rows_beyond_the_maximum():
    raw = {"debts": "1", "debts.1.name": "A", "debts.1.balance": "100", "debts.1.evil": "x", "debts.x.name": "y"}
    outcome = json.loads(run_json("sample-rows", json.dumps(raw)))
    assert outcome["ok"] and outcome["data"]["total"] == "100.00"
    raw = {"debts.1.name": "A", "debts.1.balance": "100", "debts.99.balance": "5"}
    outcome = json.loads(run_json("sample-rows", json.dumps(raw)))
    assert "最多 5 行" in outcome["errors"]["debts"]  # reported, not dropped without a word
    assert "debts.99.balance" not in outcome["values"]


@pytest.mark.parametrize("text", ["", "null", "[]", '"x"', "{", '{"amount": 5000}', '{"amount": null}', '{"amount": {"a": 1}}', "[" * 100000])
def test_run_json_survives_any_text(text):
    outcome = json.loads(run_json("overdue-cost", text))
    assert outcome["id"] == "overdue-cost"


# ---- links in a result stay on this site -----------------------------------------------------


@pytest.mark.parametrize("base", ["", "../", "../../", "/", "/guide/", "/a-b/c_d/"])
def test_link_base_of_this_site_is_used(base):
    assert f'href="{base}how-to-negotiate/"' in run("repayment-plan", {}, base)["html"]


@pytest.mark.parametrize("base", ["//evil.example/", "https://evil.example/", "javascript:alert(1)//", '"><script>', "/../../x/", "../x/../", "/a//", None, 5])
def test_a_foreign_link_base_is_ignored(base):
    html = run("repayment-plan", {}, base)["html"]
    assert 'href="how-to-negotiate/"' in html and "evil" not in html and "javascript" not in html
