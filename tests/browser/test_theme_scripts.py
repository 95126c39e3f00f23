"""What the site does in place of the theme's script (not loaded: overrides/main.html):
glossary terms explained on a tap, wide tables scrolling inside the page, the sidebar visible."""

import pytest

from pages import visit  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def test_no_page_loads_the_theme_script(visit):
    page = visit.open("law/")
    page.wait_for_load_state("load")
    assert not [u for u in visit.requests if "/assets/javascripts/bundle." in u]
    assert page.evaluate("typeof window.document$") == "undefined"
    visit.assert_clean()


def test_a_tapped_glossary_term_shows_its_definition_on_screen(visit):
    page = visit.open("consequences/charges/")
    term = page.locator(".md-typeset abbr").first  # not [title]: the title goes while the tip shows
    definition = term.get_attribute("title")
    assert definition
    term.scroll_into_view_if_needed()
    term.tap()
    tip = page.locator("#glossary-tip")
    tip.wait_for(state="visible")
    assert tip.inner_text() == definition
    assert term.get_attribute("aria-describedby") == "glossary-tip"
    assert term.get_attribute("title") is None  # not shown a second time by the browser
    box, width = tip.bounding_box(), page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box  # inside a 360 px screen
    term_box = term.bounding_box()
    assert box["y"] >= term_box["y"] + term_box["height"] - 1  # under the term
    # A tap elsewhere hides it and gives the term its title back.
    page.locator(".md-content h1").tap()
    tip.wait_for(state="hidden")
    assert term.get_attribute("title") == definition
    assert term.get_attribute("aria-describedby") is None
    # Tapped again: shown; tapped a second time: hidden; Escape hides it too.
    term.tap()
    tip.wait_for(state="visible")
    term.tap()
    tip.wait_for(state="hidden")
    term.tap()
    tip.wait_for(state="visible")
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    visit.assert_clean()


def test_another_term_moves_the_tip(visit):
    page = visit.open("law/")
    terms = page.locator(".md-typeset abbr")
    first, second = terms.nth(0), terms.nth(3)
    second_definition = second.get_attribute("title")
    first.scroll_into_view_if_needed()
    first.tap()
    page.locator("#glossary-tip").wait_for(state="visible")
    first_title = first.get_attribute("data-glossary-title")
    second.scroll_into_view_if_needed()
    second.tap()
    assert page.locator("#glossary-tip").inner_text() == second_definition
    assert first.get_attribute("title") == first_title  # the first term got its title back
    assert page.locator(".glossary-tip").count() == 1


def test_a_wide_guide_table_scrolls_inside_the_page(visit):
    page = visit.open("how-to-negotiate/prepare/")
    page.wait_for_load_state("load")
    wraps = page.locator(".md-typeset__scrollwrap > .md-typeset__table > table")
    assert wraps.count() >= 1
    # The page itself never scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_on_a_wide_screen_the_sidebars_scroll_on_their_own(browser, site_url):
    # site.css sizes them to the screen (the theme's script did): the end of a long navigation
    # or table of contents is reachable without scrolling to the end of the page.
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(site_url + "law/")
        for sidebar in (".md-sidebar--primary", ".md-sidebar--secondary"):
            wrap = page.locator(f"{sidebar} .md-sidebar__scrollwrap")
            height, scrolls = wrap.evaluate("w => [w.clientHeight, w.scrollHeight]")
            assert height <= 800 and scrolls > height, (sidebar, height, scrolls)
            wrap.evaluate("w => { w.scrollTop = w.scrollHeight; }")
            last = page.locator(f"{sidebar} .md-nav__link").last
            assert last.is_visible()
            box = last.bounding_box()
            assert box["y"] + box["height"] <= 800, (sidebar, box)
    finally:
        page.close()
