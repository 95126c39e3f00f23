"""The way from a request to a result on a tool page (the latency itself is the bench's):
计算 and Enter compute without submitting the form; the address (URL fragment) is written
after the result, yet is there whenever it can be read or left.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest

from pages import PYTHON_START_TIMEOUT, READY, after_paint, expected_figure, type_into, wait_for_figure

pytestmark = pytest.mark.browser

TOOL = "tools/repayment-plan/"


def fragment(page):
    return dict(parse_qsl(urlsplit(page.url).fragment))


def test_calculate_and_enter_compute_without_submitting_the_form(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.evaluate("""() => {
      window.__submits = 0;
      document.querySelector('.calc form').addEventListener('submit', () => window.__submits++);
    }""")
    set_quietly = "([name, value]) => { document.querySelector(`.calc [name=${name}]`).value = value; }"

    page.evaluate(set_quietly, ["principal", "20000"])  # no input event: only 计算 computes
    page.click(".calc button[type=submit]")
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "20000"}, 1))

    page.focus('.calc [name="principal"]')
    page.evaluate(set_quietly, ["principal", "30000"])
    page.keyboard.press("Enter")
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "30000"}, 1))
    assert page.evaluate("window.__submits") == 0

    # A form submitted any other way still computes.
    page.evaluate(set_quietly, ["principal", "40000"])
    page.evaluate("() => document.querySelector('.calc form').requestSubmit()")
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "40000"}, 1))
    assert page.evaluate("window.__submits") == 1
    visit.assert_clean()


def test_the_address_holds_the_inputs_once_the_result_is_painted_and_a_reload_keeps_them(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "principal", "2万")
    type_into(page, "months", "24")
    inputs = {"principal": "20000", "months": "24"}
    wait_for_figure(page, expected_figure("repayment-plan", inputs, 1))
    after_paint(page)  # the frame that shows the result, and the task after it: nothing more
    assert fragment(page) == {"principal": "2万", "months": "24"}

    page.reload()
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert page.input_value('.calc [name="principal"]') == "2万"
    assert page.input_value('.calc [name="months"]') == "24"
    wait_for_figure(page, expected_figure("repayment-plan", inputs, 1))
    visit.assert_clean()


def test_a_link_followed_as_the_result_arrives_leaves_the_inputs_for_the_back_button(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.evaluate("window.__sameDocument = true")
    # The link is clicked in the same task as the result arrives, before any frame: the
    # address has not been written yet, and the click must write it before the theme's instant
    # navigation leaves the page.
    hash_at_click = page.evaluate("""() => new Promise((resolve) => {
      const block = document.querySelector('.calc');
      const link = document.querySelector('.md-content a[href$="/how-to-negotiate/"]:not(.calc *)');
      const seen = new MutationObserver(() => {
        seen.disconnect();
        const before = location.hash;
        // What the address is as the click reaches the link (the theme then leaves the page).
        link.addEventListener('click', () => resolve([before, location.hash]), {once: true});
        link.click();
      });
      seen.observe(block.querySelector('.calc-result'), {childList: true, characterData: true, attributes: true, subtree: true});
      block.querySelector('[name="principal"]').value = '35000';
      block.querySelector('button[type=submit]').click();
    })""")
    assert hash_at_click == ["", "#principal=35000"]
    page.wait_for_url("**/how-to-negotiate/")
    page.go_back()
    page.wait_for_selector('.calc[data-calc="repayment-plan"]')
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded"
    assert page.input_value('.calc [name="principal"]') == "35000"
    page.wait_for_selector(READY, timeout=10_000)
    wait_for_figure(page, expected_figure("repayment-plan", {"principal": "35000"}, 1))
    visit.assert_clean()


def test_a_hidden_page_has_its_address_written(visit):
    page = visit.open(TOOL)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    # As the result arrives, before any frame, the page is hidden (another app, the tab switcher).
    hashes = page.evaluate("""() => new Promise((resolve) => {
      const block = document.querySelector('.calc');
      const seen = new MutationObserver(() => {
        seen.disconnect();
        const before = location.hash;
        document.dispatchEvent(new Event('visibilitychange'));
        resolve([before, location.hash]);
      });
      seen.observe(block.querySelector('.calc-result'), {childList: true, characterData: true, attributes: true, subtree: true});
      block.querySelector('[name="budget"]').value = '1500';
      block.querySelector('button[type=submit]').click();
    })""")
    assert hashes == ["", "#budget=1500"]
    visit.assert_clean()
