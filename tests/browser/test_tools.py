"""The tool pages in Chromium at phone size (360×740), served with the strict CSP.

Each test records every request and console message of its page and checks at the end that
nothing went to another origin and nothing was logged as an error.
"""

import pytest

from pages import PYTHON_START_TIMEOUT, READY, after_paint, ax_properties, expected_figure, figures, type_into, wait_for_figure


pytestmark = pytest.mark.browser


def test_built_in_result_is_there_before_python_is_ready(visit):
    # Hold the runtime back: the page must already show the worked example.
    held = []
    visit.page.route("**/pyodide/**", lambda route: held.append(route))
    page = visit.open("tools/overdue-cost/")
    assert page.get_attribute(".calc", "data-state") == "loading"
    assert page.is_visible(".calc-progress")
    assert expected_figure("overdue-cost", {}) in figures(page)
    for route in held:
        route.continue_()
    visit.page.unroute("**/pyodide/**")


def test_overdue_cost_recomputes_as_a_person_types(visit):
    page = visit.open("tools/overdue-cost/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)

    type_into(page, "amount", "5万")
    wait_for_figure(page, expected_figure("overdue-cost", {"amount": "50000"}))

    type_into(page, "amount", "１２，０００")
    wait_for_figure(page, expected_figure("overdue-cost", {"amount": "12000"}))

    type_into(page, "rate", "12%")
    wait_for_figure(page, expected_figure("overdue-cost", {"amount": "12000", "rate": "12%"}))
    type_into(page, "rate", "日息万五")  # 0.05 % a day = 18 % a year
    wait_for_figure(page, expected_figure("overdue-cost", {"amount": "12000", "rate": "18%"}))

    after_paint(page)
    assert "amount=" in page.url and "rate=" in page.url  # mirrored in the fragment
    assert "已按你填的数字重新计算" in page.inner_text(".calc-status")  # announced to screen readers
    visit.assert_clean()


def test_repayment_plan_known_answer_and_button(visit):
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "principal", "１２，０００")
    page.select_option('.calc [name="show"]', "equal_principal")
    page.click(".calc button[type=submit]")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('1,120.00')")
    schedule = page.inner_text(".calc-result")
    assert "1,010.00" in schedule and "780.00" in schedule
    visit.assert_clean()


def test_bad_input_shows_the_fields_message_and_no_garbage(visit):
    page = visit.open("tools/overdue-cost/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "amount", "五千块")
    page.wait_for_selector('[data-error-for="amount"]:not([hidden])')
    message = page.inner_text('[data-error-for="amount"]')
    assert "「逾期金额」" in message and "可以这样填" in message
    # aria-invalid="" reads as false: it must be "true", and the message must be announced
    assert page.get_attribute('.calc [name="amount"]', "aria-invalid") == "true"
    assert page.evaluate("""() => Boolean(document.querySelector('[data-error-for="amount"]')
        .closest('[role=alert], [aria-live=assertive], [aria-live=polite]'))""")
    assert ax_properties(page, '.calc [name="amount"]').get("invalid") == "true"
    # the status line no longer announces the old result as if it were the answer
    status = page.inner_text(".calc-status")
    assert "已按你填的数字重新计算" not in status and "有输入需要修改" in status
    text = page.inner_text("body")
    for garbage in ("NaN", "undefined", "Traceback", "Infinity", "null"):
        assert garbage not in text
    # fixing it clears the message
    type_into(page, "amount", "5000")
    page.wait_for_selector('[data-error-for="amount"]', state="hidden")
    assert page.get_attribute('.calc [name="amount"]', "aria-invalid") is None
    visit.assert_clean()


def test_prefilled_fragment_opens_with_those_inputs(visit):
    page = visit.open("tools/repayment-plan/#principal=30000&months=24&rate=0%25&show=frozen&budget=1500")
    assert page.input_value('.calc [name="principal"]') == "30000"
    assert page.input_value('.calc [name="show"]') == "frozen"
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    inputs = {"principal": "30000", "months": "24", "rate": "0%", "show": "frozen", "budget": "1500"}
    wait_for_figure(page, expected_figure("repayment-plan", inputs, 1))
    assert "1,250.00" in figures(page)
    visit.assert_clean()


def test_a_link_from_one_tool_to_another_and_back_leaves_both_working(visit):
    page = visit.open("tools/overdue-cost/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    # Follow the in-page link to the other tool (a plain link: each page starts its own Python).
    page.click('.md-content a[href$="repayment-plan/"]')
    page.wait_for_selector('.calc[data-calc="repayment-plan"]')
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "principal", "2万")
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "20000"}))
    # ... and back again (from the browser's back/forward cache or loaded again: either works)
    page.go_back()
    page.wait_for_selector('.calc[data-calc="overdue-cost"][data-state="ready"]', timeout=PYTHON_START_TIMEOUT)
    type_into(page, "days", "90")
    wait_for_figure(page, expected_figure("overdue-cost", {"days": "90"}))
    visit.assert_clean()


def test_a_case_links_to_its_calculator_filled_in(visit):
    page = visit.open("cases/call-early/")
    link = page.locator('.md-content a[href*="repayment-plan/#"]').first
    fragment = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_selector('.calc[data-calc="repayment-plan"][data-state="ready"]', timeout=PYTHON_START_TIMEOUT)
    from urllib.parse import parse_qsl

    inputs = dict(parse_qsl(fragment))
    for name, value in inputs.items():
        assert page.input_value(f'.calc [name="{name}"]') == value
    wait_for_figure(page, expected_figure("repayment-plan", inputs, 1))
    visit.assert_clean()


def test_when_python_cannot_load_the_example_stays_with_a_clear_message(visit):
    visit.page.route("**/pyodide/*/pyodide.asm.wasm", lambda route: route.abort())
    page = visit.open("tools/overdue-cost/#amount=5000")
    page.wait_for_selector('.calc[data-state="error"]', timeout=PYTHON_START_TIMEOUT)
    assert "无法运行计算器" in page.inner_text(".calc-status")
    assert expected_figure("overdue-cost", {}) in figures(page)
    # the inputs go back to the numbers the example was computed with
    assert page.input_value('.calc [name="amount"]') == "10000"
    assert not visit.foreign


def test_summary_can_be_copied(visit):
    visit.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = visit.open("tools/repayment-plan/")
    page.click("[data-calc-copy]")
    page.wait_for_selector("[data-calc-copy]:has-text('已复制')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.input_value(".calc-summary__text")
    assert copied.startswith("您好") and "888.49" in copied


@pytest.mark.parametrize("term", ["征信", "协商还款", "罚息"])
def test_search_understands_chinese(visit, term):
    page = visit.open("")
    # The index and the worker are fetched only once search is opened (theme/search.mjs).
    assert visit.count("search_index.json") == 0 and not [u for u in visit.requests if "/workers/search." in u]
    page.click("label[for=__search]")
    page.fill("input[data-md-component=search-query]", term)
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    assert page.locator(".md-search-result__item").count() > 0
    assert term in page.inner_text(".md-search-result")
    visit.assert_clean()


def test_home_page_loads_no_python_and_nothing_foreign(visit):
    page = visit.open("")
    page.wait_for_load_state("networkidle")
    assert visit.count("pyodide.asm.wasm") == 0 and visit.count("calculator-worker.mjs") == 0
    assert page.locator('a[href$="tools/overdue-cost/"]').count() > 0
    visit.assert_clean()
