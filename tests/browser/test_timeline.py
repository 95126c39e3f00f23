"""关键日期 in Chromium at phone size, served with the strict CSP (fixtures and helpers: test_tools.py)."""

import datetime as dt

import pytest

from pages import PYTHON_START_TIMEOUT, READY, after_paint, expected_figure, figures, type_into, wait_for_figure

pytestmark = pytest.mark.browser


def test_timeline_uses_the_readers_today_and_chinese_dates(visit):
    page = visit.open("tools/timeline/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)

    type_into(page, "due_date", "2025年3月15日")
    type_into(page, "last_payment", "")
    type_into(page, "last_demand", "")
    wait_for_figure(page, "2028年3月15日")  # three years, nothing since (《民法典》第一百八十八条)

    type_into(page, "last_demand", "2025/9/1")
    inputs = {"due_date": "2025-03-15", "last_payment": "", "last_demand": "2025-09-01"}
    wait_for_figure(page, expected_figure("timeline", inputs))
    today = dt.date.today()
    assert f"截至 {today.year}年{today.month}月{today.day}日" in figures(page)  # the browser's today
    after_paint(page)
    assert "last_demand=" in page.url
    visit.assert_clean()


def test_impossible_dates_get_messages(visit):
    page = visit.open("tools/timeline/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "due_date", "2025年2月30日")
    page.wait_for_selector('[data-error-for="due_date"]:not([hidden])')
    assert "没有这一天" in page.inner_text('[data-error-for="due_date"]')

    type_into(page, "due_date", "2099年1月1日")
    page.wait_for_function("() => document.querySelector('[data-error-for=\"due_date\"]').innerText.includes('将来的日期')")

    type_into(page, "due_date", "2024-03-15")
    type_into(page, "settled", "2024年1月1日")
    page.wait_for_selector('[data-error-for="settled"]:not([hidden])')
    assert "早于到期日" in page.inner_text('[data-error-for="settled"]')
    for garbage in ("NaN", "undefined", "Traceback"):
        assert garbage not in page.inner_text("body")
    visit.assert_clean()


def test_the_example_is_recomputed_for_the_readers_today_without_typing(visit):
    """The built-in example was computed on the build date; the calculator declares
    depends_on_today, so the glue asks Python again as soon as it is ready."""
    page = visit.open("tools/timeline/")
    assert page.get_attribute(".calc", "data-result") is None  # the build-time example
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.wait_for_selector('.calc[data-result="ok"]', timeout=PYTHON_START_TIMEOUT)
    today = dt.date.today()
    assert f"截至 {today.year}年{today.month}月{today.day}日" in figures(page)
    after_paint(page)
    assert "#" not in page.url  # nothing typed, nothing mirrored
    visit.assert_clean()
