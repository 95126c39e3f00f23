"""The light/dark palette (assets/js/theme/palette.js, in place of the theme's palette script):
applied before the first paint, switched by the header's toggle with a tap or the keyboard,
kept across pages and visits."""

import pytest

from pages import Visit, new_phone_context

pytestmark = pytest.mark.browser

SCHEME = "document.body.getAttribute('data-md-color-scheme')"
# The palette as the page's content starts to arrive: palette.js runs from the header, so by
# the time the parser inserts the content after it (.md-container), the palette must be set;
# nothing of the page can have been painted in another palette.
AT_FIRST_CONTENT = """window.__firstContent = new Promise((resolve) => {
  new MutationObserver((records, observer) => {
    if (!document.querySelector('.md-container')) return;
    observer.disconnect();
    resolve(document.body.getAttribute('data-md-color-scheme'));
  }).observe(document, {childList: true, subtree: true});
});"""


def visible_toggle(page):
    return page.locator("form[data-palette] label:not([hidden])")


@pytest.fixture
def phone(browser, site_url):
    def open_phone(**options):
        v = Visit(new_phone_context(browser, **options), site_url)
        opened.append(v)
        return v
    opened = []
    yield open_phone
    for v in opened:
        v.context.close()


def test_a_tap_switches_the_palette_and_every_page_and_visit_keeps_it(phone):
    v = phone()
    page = v.open("")
    assert page.evaluate(SCHEME) == "default"
    assert visible_toggle(page).count() == 1
    visible_toggle(page).click()
    assert page.evaluate(SCHEME) == "slate"
    # The toggle shown is the dark option's, which leads back to light (the theme moves its
    # title into a tooltip, so the label is told by what it points at).
    assert visible_toggle(page).get_attribute("for") == "__palette_0"
    assert page.is_checked("#__palette_1")
    # Another page from the menu, then the same page loaded again: dark from the first content.
    page.add_init_script(AT_FIRST_CONTENT)
    page.evaluate("() => document.querySelector('a[href$=\"law/\"]').click()")
    page.wait_for_url("**/law/")
    assert page.evaluate(SCHEME) == "slate"
    assert page.evaluate("window.__firstContent") == "slate"
    page.reload()
    assert page.evaluate("window.__firstContent") == "slate"
    visible_toggle(page).click()
    assert page.evaluate(SCHEME) == "default"
    v.assert_clean()


def test_the_keyboard_reaches_the_toggle_and_enter_switches(phone):
    v = phone()
    page = v.open("")
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "slate"
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "default"
    v.assert_clean()


def test_a_dark_phone_with_no_saved_choice_is_dark_before_its_content_arrives(phone):
    v = phone(color_scheme="dark")
    v.page.add_init_script(AT_FIRST_CONTENT)
    page = v.open("tools/overdue-cost/")
    assert page.evaluate("window.__firstContent") == "slate"
    assert visible_toggle(page).get_attribute("for") == "__palette_0"
    v.assert_clean()


def test_a_garbled_saved_choice_falls_back_to_the_device_preference(phone):
    v = phone()
    page = v.open("")
    # Where the theme's storage helpers keep it (storage-helpers.js: the site's path + key).
    page.evaluate("() => localStorage.setItem(window.__md_scope.pathname + '.__palette', '{nope')")
    page.reload()
    assert page.evaluate(SCHEME) == "default"
    visible_toggle(page).click()  # the switch still works (the script did not stop at the bad value)
    assert page.evaluate(SCHEME) == "slate"
    v.assert_clean()  # and nothing was thrown
