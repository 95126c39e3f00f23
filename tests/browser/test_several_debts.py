"""多笔债务 in Chromium at phone size: a debt added and removed, Chinese input, case 4's link,
and the hand-over of the most urgent debt to 还款方案."""

from urllib.parse import parse_qsl

import pytest
from pages import PYTHON_START_TIMEOUT, READY, after_paint, expected_figure, type_into, wait_for_figure

from calculators import run

pytestmark = pytest.mark.browser


def form_inputs(page):
    """What the form holds now, as the flat mapping `run` takes."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.calc form [name]')]
            .filter(e => !e.closest('template')).map(e => [e.name, e.value]))"""
    )


def test_add_a_debt_type_chinese_and_remove_it(visit):
    page = visit.open("tools/several-debts/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.locator('.calc [data-rows="debts"] [data-row-add]').click()
    type_into(page, "debts.4.name", "花呗")
    type_into(page, "debts.4.balance", "1.2万")
    type_into(page, "debts.4.rate", "日息万五")
    type_into(page, "debts.4.minimum", "６００")
    type_into(page, "budget", "2.5千")
    expected = run("several-debts", form_inputs(page))
    assert expected["ok"] and expected["data"]["total"] == "35000.00"
    wait_for_figure(page, "35,000.00 元")
    after_paint(page)
    assert "debts.4.balance=" in page.url

    page.locator('.calc [data-rows="debts"] .calc-row').nth(3).locator("[data-row-remove]").click()
    assert page.locator('.calc [name="debts.4.balance"]').count() == 0
    wait_for_figure(page, "23,000.00 元")
    visit.assert_clean()


def test_bad_cell_gets_its_own_message(visit):
    page = visit.open("tools/several-debts/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "debts.2.rate", "很高")
    page.wait_for_selector('[data-error-for="debts.2.rate"]:not([hidden])')
    assert "第2笔 · 年利率" in page.inner_text('[data-error-for="debts.2.rate"]')
    visit.assert_clean()


def test_case_four_opens_its_five_debts(visit):
    page = visit.open("cases/multiple-platforms/")
    link = page.locator('.md-content a[href*="several-debts/#"]').first
    fragment = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_selector('.calc[data-calc="several-debts"][data-state="ready"]', timeout=PYTHON_START_TIMEOUT)
    assert page.locator('.calc [data-rows="debts"] .calc-row').count() == 5
    inputs = dict(parse_qsl(fragment))
    assert run("several-debts", inputs)["data"]["total"] == "34000.00"
    wait_for_figure(page, "34,000.00 元")
    assert page.input_value('.calc [name="debts.4.name"]') == "丁"
    visit.assert_clean()


def test_most_urgent_debt_goes_to_repayment_plan(visit):
    page = visit.open("tools/several-debts/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "budget", "３０００")
    wait_for_figure(page, expected_figure("several-debts", {"budget": "3000"}, 1))
    page.click('.calc-result a[href*="repayment-plan/#"]')
    page.wait_for_selector('.calc[data-calc="repayment-plan"][data-state="ready"]', timeout=PYTHON_START_TIMEOUT)
    # 甲 (40 days overdue) with what is left after the others' minimums: 3,000 − 700 = 2,300
    page.wait_for_function("() => document.querySelector('.calc [name=principal]').value === '12000.00'", timeout=10_000)
    assert page.input_value('.calc [name="budget"]') == "2300.00"
    visit.assert_clean()
