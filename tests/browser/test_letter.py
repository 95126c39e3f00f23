"""协商文书 in Chromium at 360×740 under the strict CSP: each kind, typed markup shown as text,
copy, download (the file's content), print (only the letter), private fields never in the URL."""

from pathlib import Path

import pytest

from calculators.tools.letter import KINDS
from records_visit import PYTHON_START_TIMEOUT, READY, new_visit

pytestmark = pytest.mark.browser
PAGE = "tools/letter/"
PRIVATE = {"name": "王小明", "id_last4": "123X", "phone": "13812345678", "account": "HT20240501"}


@pytest.fixture
def letter_page(browser, site_url):
    v = new_visit(browser, site_url)
    page = v.new_page()
    page.goto(site_url + PAGE + "#owed=32200&months=24&monthly=1341.67")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    yield v, page
    v.context.close()


def letter_text(page):
    return page.locator(".calc-document__text").text_content()


def wait_for_text(page, text):
    page.wait_for_function("t => document.querySelector('.calc-document__text')?.textContent.includes(t)", arg=text, timeout=15_000)


def test_each_kind_with_typed_markup_shown_as_text(letter_page):
    visit, page = letter_page
    payload = '<img src=x onerror="document.title=1">'
    page.fill('.calc [name="lender_name"]', payload)
    wait_for_text(page, payload)
    for kind, title in KINDS:
        page.select_option('.calc [name="kind"]', kind)
        wait_for_text(page, payload)
        page.wait_for_function("t => document.querySelector('.calc-result .calc-figures')?.innerText.includes(t)", arg=title, timeout=15_000)
        assert page.locator(".calc-document img").count() == 0
        if kind in ("repayment", "card70"):
            assert "32,200.00元" in letter_text(page) and "分24期" in letter_text(page)
    assert page.title() != "1"
    visit.assert_clean()


def test_copy_download_and_print(letter_page):
    visit, page = letter_page
    page.fill('.calc [name="hardship"]', "今年2月失业，\n目前靠打零工。")
    wait_for_text(page, "目前靠打零工。")
    text = letter_text(page)

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("[data-document-copy]")
    page.wait_for_function("() => document.querySelector('.calc-document__live').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == text

    with page.expect_download() as d:
        page.click("[data-document-download]")
    assert d.value.suggested_filename == "协商还款申请书.txt"
    data = Path(d.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == text.replace("\n", "\r\n")

    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".calc-form", ".md-footer", "[data-document-copy]", "h1"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".calc-document__text").is_visible()
    assert page.locator(".calc-document__text").evaluate("el => getComputedStyle(el).color") == "rgb(0, 0, 0)"
    shot = page.screenshot(full_page=False)
    assert len(shot) > 1000
    visit.assert_clean()


def test_private_fields_never_reach_the_url(letter_page):
    visit, page = letter_page
    for name, value in PRIVATE.items():
        page.fill(f'.calc [name="{name}"]', value)
    page.fill('.calc [name="product"]', "某某借款")
    wait_for_text(page, "王小明")
    page.wait_for_function("() => location.hash.includes('product=')")
    url = page.evaluate("decodeURIComponent(location.href)")
    for value in PRIVATE.values():
        assert value not in url
    assert "123X" in letter_text(page)
    # and a shared link carrying them is not read (opened as a new document: a change of the
    # fragment alone would keep what was typed on this page)
    page.goto("about:blank")
    page.goto(visit.site_url + PAGE + "#name=%E5%86%92%E5%90%8D&product=%E6%9F%90%E6%9F%90")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert page.locator('.calc [name="name"]').input_value() == ""
    assert page.locator('.calc [name="product"]').input_value() == "某某"  # the rest of the link is read
