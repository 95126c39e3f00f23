"""What makes the browser restyle the whole page after the first paint.

On a phone a full restyle of a guide or tool page is tens of milliseconds of main-thread time
(more on the tool pages), so each one counts towards the "total blocking time" of issue 10.
Six came from the theme's start-up: its palette-switch attribute on <body>, its class changes on
<html>, its palette script's two <meta name="color-scheme"> changes, its instant navigation
rewriting the stylesheets' addresses (which made the browser load, parse and apply them again),
and this site's script moving the progress bar and naming widgets. The theme's script is no
longer loaded (overrides/main.html); <html> gets its class before the body is parsed
(assets/js/theme/storage-helpers.js), the widgets their names from the template, and the
palette is applied by assets/js/theme/palette.js before the content is parsed.
This records, with Chromium's own invalidation tracing, every whole-subtree invalidation of <html> or <body> and every stylesheet parsed after
the first paint: there must be none.
"""

import json

import pytest

from pages import PHONE, READY, PYTHON_START_TIMEOUT

pytestmark = pytest.mark.browser

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline",
              "disabled-by-default-devtools.timeline.invalidationTracking", "loading"]


def whole_page_restyles(browser, url, wait_for=None, then=None):
    context = browser.new_context(viewport=PHONE, is_mobile=True, service_workers="block")
    page = context.new_page()
    browser.start_tracing(page=page, categories=CATEGORIES)
    page.goto(url, wait_until="load")
    if wait_for:
        page.wait_for_selector(wait_for, timeout=PYTHON_START_TIMEOUT)
    page.wait_for_timeout(1000)  # whatever runs in the tasks after load
    if then:
        page.evaluate(then)
    events = json.loads(browser.stop_tracing())["traceEvents"]
    context.close()
    # The page's own frame (the trace also holds the browser's internal pages).
    frames = {d["frame"] for d in (e.get("args", {}).get("data") for e in events)
              if isinstance(d, dict) and "frame" in d and str(d.get("url", "")).startswith(url)}
    assert frames, "the page's frame is not in the trace"
    origin = url[: url.index("/", url.index("//") + 2)]
    paints = [e["ts"] for e in events if e.get("name") == "firstContentfulPaint" and e.get("args", {}).get("frame") in frames]
    assert paints, "no first contentful paint in the trace"
    found = []
    for e in events:
        data = (e.get("args") or {}).get("data") or {}
        if e["ts"] <= paints[0] or not isinstance(data, dict):
            continue
        if e.get("name") == "ParseAuthorStyleSheet":  # a stylesheet (re)loaded: the whole page restyles
            if str(data.get("styleSheetUrl", "")).startswith(origin):
                found.append(("stylesheet", data["styleSheetUrl"]))
            continue
        if data.get("frame") not in frames:
            continue
        node = str(data.get("nodeName", ""))
        if not node.startswith(("HTML", "BODY")):
            continue
        if e.get("name") == "StyleRecalcInvalidationTracking" and data.get("subtree") in (True, "True"):
            found.append((node.split(" ")[0], data.get("reason")))
        elif e.get("name") == "StyleInvalidatorInvalidationTracking" and "subtree" in str(data.get("reason", "")):
            found.append((node.split(" ")[0], "invalidation set: " + str(data.get("selectors", ""))[:120]))
    return found


@pytest.mark.parametrize("path, wait_for", [("", None), ("law/", None), ("tools/repayment-plan/", READY)])
def test_nothing_restyles_the_whole_page_after_the_first_paint(browser, site_url, path, wait_for):
    assert whole_page_restyles(browser, site_url + path, wait_for) == []


def test_the_tracing_sees_a_whole_page_restyle(browser, site_url):
    # The check above can fail: a class change on <html> after the first paint is reported.
    found = whole_page_restyles(browser, site_url, then="() => { document.documentElement.classList.add('x-test'); getComputedStyle(document.body).color; }")
    assert [f for f in found if f[0] == "HTML"]
