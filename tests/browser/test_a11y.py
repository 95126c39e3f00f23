"""Accessibility in the suite: axe-core over every page at 360×740 (tool pages also after
Python is ready and after an error), and a keyboard-only pass over every calculator.

axe-core is pinned in package.json (devDependencies) and handed to the page by the test on
this site's origin, so the strict CSP allows it; the site itself never serves it.
"""

import pytest

from pages import (
    BREAK_INPUTS_JS,
    PYTHON_START_TIMEOUT,
    READY,
    ROOT,
    Visit,
    ax_properties,
    new_phone_context,
    site_pages,
    tool_pages,
)

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "__test__/axe.min.js"


@pytest.fixture(scope="module")
def axe_context(browser, site_url):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make setup` (npm ci)")
    context = new_phone_context(browser)
    context.route(f"**/{AXE_PATH}", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    yield context, site_url
    context.close()


# Rules that may fail on a page, with the reason; none at present: every page must be clean.
KNOWN: set[tuple[str, str]] = set()


def axe_violations(page, site_url):
    page.add_script_tag(url=site_url + AXE_PATH)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    path = page.url.split("#")[0][len(site_url):]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + " | ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:4])
        for v in results["violations"]
        if (path, v["id"]) not in KNOWN
    ]


def test_every_page_has_no_axe_violations(axe_context, built_site):
    context, site_url = axe_context
    visit = Visit(context, site_url)
    found = {}
    for path in site_pages(built_site):
        page = visit.open(path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)  # the theme's and our page fixes run after the first frame
        violations = axe_violations(page, site_url)
        if violations:
            found[path or "/"] = violations
    assert not found, "\n".join(f"{p}: {v}" for p, vs in found.items() for v in vs)


@pytest.mark.parametrize("path", tool_pages())
def test_tool_page_has_no_axe_violations_when_ready_and_after_an_error(axe_context, path):
    context, site_url = axe_context
    visit = Visit(context, site_url)
    page = visit.open(path)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert axe_violations(page, site_url) == []
    page.evaluate(BREAK_INPUTS_JS)
    # field messages shown (a page whose fields all accept free text just computes)
    page.wait_for_function("() => { const b = document.querySelector('.calc'); return !b.dataset.busy && b.dataset.result; }", timeout=10_000)
    assert axe_violations(page, site_url) == []
    visit.assert_clean()


FOCUSABLE_JS = """() => [...document.querySelectorAll('.calc :is(input, select, textarea, button, summary, a[href], [tabindex])')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && el.type !== 'hidden' && el.getClientRects().length)
  .map((el, i) => { el.dataset.kbd = i; return i; })"""


@pytest.mark.parametrize("path", tool_pages())
def test_keyboard_only(visit, path):
    page = visit.open(path)
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    # 1. Tab reaches every control of the block, in order (folded options opened first).
    page.evaluate("() => document.querySelectorAll('.calc details').forEach(d => d.open = true)")
    expected = page.evaluate(FOCUSABLE_JS)
    page.evaluate("() => { const a = document.querySelector('.calc [data-kbd=\"0\"]'); a.focus(); }")
    reached = [0]
    # A native date/time input takes one Tab per part (year, month, day, hour, minute), so one
    # control may hold focus for several presses; a control that never lets go still fails,
    # because the presses run out before the rest are reached.
    for _ in range(3 * len(expected) + 10):
        page.keyboard.press("Tab")
        index = page.evaluate("() => document.activeElement?.closest('.calc') ? document.activeElement.dataset.kbd ?? 'x' : null")
        if index is None:
            break
        index = int(index) if index != "x" else index
        if index != reached[-1]:
            reached.append(index)
    assert reached == expected
    # 2. A rejected value, typed and submitted from the keyboard, is announced and marked.
    if page.locator(".calc [data-records-editor]").count():
        # A stored-records editor checks its entry in the browser: an over-long text, saved
        # from the keyboard.
        field = page.locator('.calc [data-column-input][type="text"]').first
        limit = int(field.evaluate("e => e.closest('[data-max-length]').dataset.maxLength"))
        field.focus()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text("长" * (limit + 1))
        page.focus(".calc [data-records-save]")
        page.keyboard.press("Enter")
        assert field.get_attribute("aria-invalid") == "true"
        slot = field.locator("xpath=ancestor::*[@data-column][1]//*[@data-record-error]")
        assert slot.is_visible() and slot.evaluate("e => Boolean(e.closest('[role=alert], [aria-live]'))")
        visit.assert_clean()
        return
    fields = page.locator(".calc form input[type=text]:not([data-private])")
    for i in range(fields.count()):
        field = fields.nth(i)
        field.focus()
        page.keyboard.press("Control+A")
        page.keyboard.type("不是数字abc")
        page.keyboard.press("Enter")
        name = field.get_attribute("name")
        page.wait_for_function("() => !document.querySelector('.calc').dataset.busy")
        page.wait_for_timeout(50)
        if field.get_attribute("aria-invalid") == "true":
            break
    else:
        pytest.fail("no text field rejected 不是数字abc")
    assert ax_properties(page, f'.calc [name="{name}"]').get("invalid") == "true"
    slot = page.locator(f'.calc [data-error-for="{name}"]')
    assert slot.is_visible() and "「" in slot.inner_text()
    assert slot.evaluate("e => Boolean(e.closest('[role=alert], [aria-live]'))")
    assert "已按你填的数字重新计算" not in page.inner_text(".calc-status")
    # 3. A result table wider than the phone scrolls with the arrow keys.
    page.click("[data-calc-reset]")
    page.wait_for_selector('.calc[data-result="ok"]')
    wraps = page.locator(".calc-result .calc-table-wrap")
    for i in range(wraps.count()):
        wrap = wraps.nth(i)
        if wrap.evaluate("e => e.scrollWidth <= e.clientWidth"):
            continue
        wrap.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("e => e.scrollLeft > 0", arg=wrap.element_handle())
    visit.assert_clean()


@pytest.mark.parametrize("path", ["law/", "tools/true-rate/"])
def test_every_heading_has_its_name_for_screen_readers_without_scrolling(visit, path):
    """A screen reader lists a page's headings to move around it: each must have its words in
    Chromium's accessibility tree as soon as the page has loaded, not only once scrolled near.
    (Tried in December to shorten the first frame: `content-visibility: auto` on the blocks
    below the first screen left their headings there with an empty name until laid out.)"""
    page = visit.open(path)
    page.wait_for_load_state("load")
    written = page.eval_on_selector_all(".md-content__inner :is(h1, h2, h3)", "els => els.map(el => el.firstChild.textContent.trim())")
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Accessibility.enable")
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    named = [n.get("name", {}).get("value", "") for n in nodes if n.get("role", {}).get("value") == "heading" and not n.get("ignored")]
    assert len(written) >= 5
    missing = [w for w in written if not any(w in name for name in named)]
    assert not missing, f"headings without their words in the accessibility tree: {missing}"
    assert all(named), f"headings with an empty name: {named.count('')} of {len(named)}"
