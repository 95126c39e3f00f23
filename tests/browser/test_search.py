"""The site's search (assets/js/theme/search.mjs) in Chromium at phone size, served with the
strict CSP: the theme's search dialog and worker, driven without the theme's script.

Each test records its page's requests and console; tests that break the network on purpose
do not ask for a clean console (the browser logs the failed request).
"""

import re
from urllib.parse import urlsplit

import pytest

from pages import ROOT, Visit, new_phone_context

pytestmark = pytest.mark.browser

OPENER = "header label[for=__search]"
QUERY = "input[data-md-component=search-query]"
META = ".md-search-result__meta"
ITEM = ".md-search-result__item"
LINK = ".md-search-result__list > li > a"
INDEX = "search/search_index.json"
WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
FAILED = "搜索暂时不可用"
# The theme's Chinese texts (its translations, in the page's __config).
PLACEHOLDER = "键入以开始搜索"
NONE = "没有找到符合条件的结果"

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def worker_requests(visit):
    return [u for u in visit.requests if WORKER.search(urlsplit(u).path)]


def is_open(page):
    return page.evaluate("document.getElementById('__search').checked")


def search(page, term):
    page.click(OPENER)
    page.fill(QUERY, term)
    page.wait_for_selector(ITEM, timeout=20_000)


def link_paths(page):
    return page.eval_on_selector_all(LINK, "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)")


def test_nothing_is_fetched_until_search_is_opened(visit):
    page = visit.open("")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert visit.count(INDEX) == 0 and worker_requests(visit) == []
    page.click(OPENER)
    assert is_open(page)
    assert page.evaluate("document.activeElement.matches('input[data-md-component=search-query]')")
    page.wait_for_function(f"() => document.querySelector('{META}').textContent.includes('{PLACEHOLDER}')", timeout=20_000)
    assert visit.count(INDEX) == 1 and len(worker_requests(visit)) == 1
    visit.assert_clean()


def test_focusing_the_field_on_a_wide_screen_opens_search(browser, site_url):
    # At 60em and wider the field is in the header itself (no search button).
    context = new_phone_context(browser, viewport={"width": 1280, "height": 800}, is_mobile=False, has_touch=False)
    try:
        visit = Visit(context, site_url)
        page = visit.open("")
        page.wait_for_load_state("networkidle")
        assert visit.count(INDEX) == 0
        page.focus(QUERY)
        assert is_open(page)
        page.keyboard.type("罚息")
        page.wait_for_selector(ITEM, timeout=20_000)
        assert visit.count(INDEX) == 1
        visit.assert_clean()
    finally:
        context.close()


def test_results_for_a_chinese_term_link_to_the_right_page(visit):
    page = visit.open("")
    search(page, "征信修复")
    paths = link_paths(page)
    assert paths[0] == "/precautions/scams/", paths
    first = page.locator(LINK).first
    assert "征信修复" in first.locator("mark").first.inner_text()
    assert re.fullmatch(r"\d+ 个符合条件的结果", page.inner_text(META).strip())
    first.click()
    page.wait_for_url(re.compile(r"/precautions/scams/$"))
    assert page.inner_text("h1").startswith("警惕")
    visit.assert_clean()


def test_a_result_on_the_same_page_closes_search(visit):
    page = visit.open("precautions/scams/")
    search(page, "征信修复")
    section = page.locator(f'{ITEM} a[href^="/precautions/scams/#"]').first
    href = section.get_attribute("href")
    section.click()
    page.wait_for_function("h => location.hash === h", arg=href[href.index("#"):])
    assert not is_open(page)
    assert not page.evaluate("document.body.hasAttribute('data-md-scrolllock')")
    visit.assert_clean()


def test_enter_follows_the_first_result(visit):
    page = visit.open("")
    search(page, "罚息")
    first = link_paths(page)[0]
    page.press(QUERY, "Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == first.split("#")[0])
    visit.assert_clean()


def test_escape_closes_search_and_gives_the_focus_back(visit):
    page = visit.open("law/")
    # A keyboard user on a link of the page: the field is reached by Tab (on a phone it is
    # zero-sized in the header, and opens search when it gets the focus).
    page.evaluate("document.querySelectorAll('.md-content a[href]')[5].dataset.testFrom = ''")
    page.focus("[data-test-from]")
    page.evaluate("scrollTo(0, 600)")
    y = page.evaluate("scrollY")
    assert y > 0
    page.focus(QUERY)
    assert is_open(page)
    page.keyboard.type("征信")
    page.wait_for_selector(ITEM, timeout=20_000)
    assert page.evaluate("document.body.hasAttribute('data-md-scrolllock')")  # the page stays put under the dialog
    page.keyboard.press("ArrowDown")  # from a result too
    page.keyboard.press("Escape")
    assert not is_open(page)
    assert page.evaluate("document.activeElement.matches('[data-test-from]')")
    assert page.evaluate("scrollY") == y
    # Tapped open: back to no focus in particular, and never left in the hidden dialog.
    page.click(OPENER)
    assert is_open(page)
    page.keyboard.press("Escape")
    assert not is_open(page)
    assert page.evaluate("document.activeElement === document.body")
    visit.assert_clean()


def test_arrow_keys_move_through_the_results(visit):
    page = visit.open("")
    search(page, "征信")
    links = page.locator(LINK)
    focused = "() => document.activeElement.getAttribute('href')"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(0).get_attribute("href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(1).get_attribute("href")  # a section under the first page
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('input[data-md-component=search-query]')")
    page.keyboard.press("ArrowUp")  # round to the last one
    assert page.evaluate("document.activeElement.closest('.md-search-result__list') !== null")
    visit.assert_clean()


def test_many_results_are_rendered_a_few_at_a_time(visit):
    page = visit.open("")
    search(page, "逾期")
    total = int(re.match(r"\d+", page.inner_text(META).strip()).group())
    assert total > 10
    assert page.locator(ITEM).count() == 10
    page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTop = el.scrollHeight")
    page.wait_for_function(f"() => document.querySelectorAll('{ITEM}').length > 10")
    visit.assert_clean()


def test_a_query_without_results_says_so(visit):
    page = visit.open("")
    page.click(OPENER)
    page.wait_for_function(f"() => document.querySelector('{META}').textContent.includes('{PLACEHOLDER}')", timeout=20_000)
    page.fill(QUERY, "魑魅魍魉")
    page.wait_for_function(f"() => document.querySelector('{META}').textContent.includes('{NONE}')", timeout=20_000)
    assert page.locator(ITEM).count() == 0
    page.fill(QUERY, "")
    page.wait_for_function(f"() => document.querySelector('{META}').textContent.includes('{PLACEHOLDER}')")
    visit.assert_clean()


@pytest.mark.parametrize("broken", ["index", "worker"])
def test_a_failed_download_says_so_and_reopening_retries(visit, broken):
    page = visit.page
    pattern = "**/" + INDEX if broken == "index" else re.compile(r".*/workers/search\.[0-9a-f]+\.min\.js$")
    page.route(pattern, lambda route: route.fulfill(status=404, body="not found"))
    visit.open("")
    page.click(OPENER)
    page.fill(QUERY, "征信")
    page.wait_for_function(f"() => document.querySelector('{META}').textContent.includes('{FAILED}')", timeout=20_000)
    assert page.locator(ITEM).count() == 0
    page.unroute(pattern)
    page.keyboard.press("Escape")
    page.click(OPENER)
    page.wait_for_selector(ITEM, timeout=20_000)  # the query typed before is answered now
    assert FAILED not in page.inner_text(META)


def test_every_committed_query_is_answered_not_an_older_one(visit):
    # Typed faster than the worker answers: what is on screen is for the last query.
    page = visit.open("")
    page.click(OPENER)
    page.wait_for_function(f"() => document.querySelector('{META}').textContent.includes('{PLACEHOLDER}')", timeout=20_000)
    page.locator(QUERY).press_sequentially("罚息", delay=0)
    page.fill(QUERY, "高铁")
    page.wait_for_function(
        """() => { const marks = [...document.querySelectorAll('.md-search-result mark')];
                   return marks.length > 0 && marks.every(m => /[高铁]/.test(m.textContent)); }""",
        timeout=20_000,
    )
    visit.assert_clean()


def test_open_search_keeps_the_page_narrow_and_has_no_axe_violations(visit, site_url):
    page = visit.page
    page.route("**/__test__/axe.min.js", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    visit.open("")
    search(page, "征信")
    page.wait_for_timeout(500)  # the opening animation (a circle scaled 45 times) is over
    assert page.evaluate("[document.documentElement.scrollWidth, innerWidth]") == [360, 360]
    page.locator(f"{ITEM} summary").first.click()  # a fold of more sections, open
    page.add_script_tag(url=site_url + "__test__/axe.min.js")
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in results["violations"]] == []
    visit.assert_clean()
