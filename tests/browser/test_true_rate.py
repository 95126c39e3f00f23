"""真实年化 in Chromium at phone size, served with the strict CSP (fixtures and helpers: test_tools.py)."""

import pytest

from pages import PYTHON_START_TIMEOUT, READY, after_paint, expected_figure, figures, type_into, wait_for_figure

pytestmark = pytest.mark.browser


def test_true_rate_recomputes_as_a_person_types(visit):
    page = visit.open("tools/true-rate/")
    assert "35.07%" in figures(page)  # the worked example (case 5) before Python is ready
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)

    type_into(page, "principal", "1.2万")
    type_into(page, "received", "1.1万")
    wait_for_figure(page, expected_figure("true-rate", {"principal": "12000", "received": "11000"}))

    type_into(page, "rate", "日息万五")  # 0.05 % a day = 18 % a year
    inputs = {"principal": "12000", "received": "11000", "rate": "18%"}
    wait_for_figure(page, expected_figure("true-rate", inputs))

    type_into(page, "contract_date", "2025年3月15日")
    page.select_option('.calc [name="lender"]', "private")
    inputs.update(contract_date="2025-03-15", lender="private")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('《民间借贷规定》第二十五条')")
    assert expected_figure("true-rate", inputs) in figures(page)
    after_paint(page)
    assert "received=" in page.url and "rate=" in page.url
    visit.assert_clean()


def test_dated_payments_rows_can_be_added_and_removed(visit):
    page = visit.open("tools/true-rate/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.click(".calc-more summary")
    page.select_option('.calc [name="schedule"]', "custom")
    type_into(page, "received", "5千")
    rows = page.locator('.calc [data-rows="payments"] .calc-row')
    assert rows.count() == 3

    page.click('.calc [data-rows="payments"] [data-row-add]')
    assert rows.count() == 4
    type_into(page, "payments.4.date", "2025年8月1日")
    type_into(page, "payments.4.amount", "1000")
    defaults = {f"payments.{n}.{c}": v for n, (d, a) in enumerate((("2025-06-15", "3500"), ("2025-07-01", "3500"), ("2025-07-15", "3500")), start=1)
                for c, v in (("date", d), ("amount", a))}
    four = {"schedule": "custom", "received": "5000", "payments": "4", **defaults, "payments.4.date": "2025-08-01", "payments.4.amount": "1000"}
    wait_for_figure(page, expected_figure("true-rate", four))

    page.click('.calc [data-rows="payments"] .calc-row[data-row="1"] [data-row-remove]')
    assert rows.count() == 3
    assert page.input_value('.calc [name="payments.3.date"]') == "2025年8月1日"  # renumbered
    three = {
        "schedule": "custom", "received": "5000", "payments": "3",
        "payments.1.date": "2025-07-01", "payments.1.amount": "3500",
        "payments.2.date": "2025-07-15", "payments.2.amount": "3500",
        "payments.3.date": "2025-08-01", "payments.3.amount": "1000",
    }
    wait_for_figure(page, expected_figure("true-rate", three))
    after_paint(page)
    assert "payments.3.amount=1000" in page.url
    visit.assert_clean()


def test_case_five_opens_the_calculator_with_its_figures_and_hands_over_the_rate(visit):
    page = visit.open("cases/hidden-fee/")
    page.click('a[href*="tools/true-rate/#"]')
    page.wait_for_selector('.calc[data-calc="true-rate"]')
    assert page.input_value('.calc [name="received"]') == "10000"
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    wait_for_figure(page, "35.07%")
    assert "41.30%" in figures(page)

    page.click('.calc-next a[href*="tools/overdue-cost/#"]')
    page.wait_for_selector('.calc[data-calc="overdue-cost"]')
    page.wait_for_function("() => document.querySelector('.calc [name=\"rate\"]').value === '年化35.07%'")
    visit.assert_clean()
