"""还款能力 in Chromium at phone size: typed as people type, rows added and removed, and the
offer handed over to 还款方案 through the link in the result."""


import pytest
from pages import PYTHON_START_TIMEOUT, READY, after_paint, expected_figure, figures, type_into, wait_for_figure

pytestmark = pytest.mark.browser

DEFAULT_ROWS = {"incomes": "2", "incomes.1.name": "工资", "incomes.1.amount": "6000", "incomes.2.name": "兼职", "incomes.2.amount": "500"}


def test_offer_follows_typing_and_arrives_in_repayment_plan(visit):
    page = visit.open("tools/affordability/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "incomes.1.amount", "1.2万")
    # 12,000 + 500 − 4,500 = 8,000; 10 % margin 800 → offer 7,200
    inputs = dict(DEFAULT_ROWS, **{"incomes.1.amount": "12000"})
    wait_for_figure(page, expected_figure("affordability", inputs, 1))
    assert "7,200.00 元" in figures(page)
    after_paint(page)
    assert "incomes.1.amount=" in page.url  # mirrored in the fragment

    page.click('.calc-result a[href*="repayment-plan/#budget=7200"]')
    page.wait_for_selector('.calc[data-calc="repayment-plan"][data-state="ready"]', timeout=PYTHON_START_TIMEOUT)
    page.wait_for_function("() => document.querySelector('.calc [name=budget]').value === '7200'", timeout=10_000)
    wait_for_figure(page, "每月预算 7,200.00 元")
    visit.assert_clean()


def test_rows_are_added_and_removed(visit):
    page = visit.open("tools/affordability/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    group = page.locator('.calc [data-rows="incomes"]')
    group.locator("[data-row-add]").click()
    assert page.locator('.calc [name="incomes.3.amount"]').count() == 1
    type_into(page, "incomes.3.name", "家人支持")
    type_into(page, "incomes.3.amount", "１０００")
    three = dict(DEFAULT_ROWS, **{"incomes": "3", "incomes.3.name": "家人支持", "incomes.3.amount": "1000"})
    wait_for_figure(page, expected_figure("affordability", three, 1))

    # Remove the first row: the others move up and keep what was typed.
    group.locator(".calc-row").first.locator("[data-row-remove]").click()
    assert page.input_value('.calc [name="incomes.1.name"]') == "兼职"
    assert page.input_value('.calc [name="incomes.2.amount"]') == "１０００"
    assert page.locator('.calc [name="incomes.3.amount"]').count() == 0
    two = {"incomes": "2", "incomes.1.name": "兼职", "incomes.1.amount": "500", "incomes.2.name": "家人支持", "incomes.2.amount": "1000"}
    wait_for_figure(page, expected_figure("affordability", two, 0))
    visit.assert_clean()


def test_spending_above_income_says_so(visit):
    page = visit.open("tools/affordability/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "housing", "8千")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('就比收入')")
    assert page.locator('.calc-result a[href*="how-to-negotiate/options/"]').count() == 1
    assert page.locator('.calc-result a[href*="repayment-plan/#"]').count() == 0
    visit.assert_clean()
