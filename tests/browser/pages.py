"""Shared helpers for the browser tests: a page that records what it asked for and said, the
pages of the built site, and small actions (typing like a person, waiting for a figure)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from calculators import run

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 360, "height": 740}
READY = '.calc[data-state="ready"]'
PYTHON_START_TIMEOUT = 90_000


class Visit:
    """A page plus what it asked for and what it said."""

    def __init__(self, context, site_url):
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
        self.site_url = site_url
        self.context = context
        self.page = context.new_page()
        self.requests, self.foreign, self.errors = [], [], []
        # Requests only a cache could answer (fetch with cache: "only-if-cached") that it could
        # not: nothing was downloaded, so count() leaves them out. (The worker asks this way
        # whether the runtime is on the device before it decides when to download it.)
        self.cache_misses = []
        self.page.on("request", self._request)
        self.page.on("requestfailed", lambda r: r.failure == "net::ERR_CACHE_MISS" and self.cache_misses.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"{e} {getattr(e, 'stack', '')[:600]}"))
        # Anything for another origin is refused (and recorded), so a test can never pass
        # thanks to the network: there is none for it.
        context.route(re.compile(r"^(?!" + re.escape(self.origin) + ").*"), lambda route: route.abort())

    def _request(self, request):
        self.requests.append(request.url)
        if not request.url.startswith(self.origin) and not request.url.startswith(("data:", "blob:")):
            self.foreign.append(request.url)

    def open(self, path):
        self.page.goto(self.site_url + path)
        return self.page

    def count(self, suffix):
        """Requests for a path ending in suffix (not counting cache look-ups that missed)."""
        asked = sum(1 for url in self.requests if urlsplit(url).path.endswith(suffix))
        return asked - sum(1 for url in self.cache_misses if urlsplit(url).path.endswith(suffix))

    def assert_clean(self):
        assert not self.foreign, f"requests to other origins: {self.foreign}"
        assert not self.errors, f"console errors: {self.errors}"


# A reader's phone, for a browser context (and for a browser launched on a profile of its own).
PHONE_CONTEXT = dict(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")


def new_phone_context(browser, **options):
    # Service workers blocked: a request a service worker answers cannot be routed (held or
    # refused) by a test; test_speed.py tests the service worker itself.
    return browser.new_context(**{**PHONE_CONTEXT, "service_workers": "block", **options})


@pytest.fixture
def visit(browser, site_url):
    """A phone-sized page (a fixture: import it into a test module, or use it via conftest.py)."""
    context = new_phone_context(browser)
    v = Visit(context, site_url)
    yield v
    context.close()


def site_pages(built_site):
    """Every page of the built site, as paths relative to its root ('' is the home page)."""
    pages = []
    for index in sorted(Path(built_site).rglob("index.html")):
        rel = index.parent.relative_to(built_site).as_posix()
        if rel.startswith(("pyodide", "assets", "search")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def tool_pages():
    """The pages that carry a calculator (the marker in docs/tools/)."""
    found = []
    for md in sorted((ROOT / "docs" / "tools").rglob("*.md")):
        if re.search(r"^<!-- calculator: [\w-]+ -->$", md.read_text(encoding="utf-8"), re.M):
            rel = md.relative_to(ROOT / "docs").with_suffix("")
            found.append(rel.parent.as_posix() + "/" if rel.name == "index" else rel.as_posix() + "/")
    return found


def figures(page):
    return page.inner_text(".calc-result .calc-figures")


def expected_figure(calc_id, inputs, index=0):
    """The value of key figure `index` as Python presents it for these inputs."""
    html = run(calc_id, inputs)["html"]
    return re.findall(r'class="calc-figure__value">([^<]+)<', html)[index]


def type_into(page, name, text):
    field = page.locator(f'.calc [name="{name}"]')
    field.fill("")
    field.press_sequentially(text)


def after_paint(page):
    """Waits for the frame that shows the current result and a task after it: the address (URL
    fragment) is written then, not on the way to the result (calc/fragment.mjs)."""
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))")


def wait_for_figure(page, text):
    page.wait_for_function(
        "t => document.querySelector('.calc-result .calc-figures')?.innerText.includes(t)", arg=text, timeout=10_000
    )


# Make every text field of the block invalid-looking; at least one numeric field rejects it.
BREAK_INPUTS_JS = """() => {
  const form = document.querySelector('.calc form');
  for (const d of form.querySelectorAll('details')) d.open = true;
  for (const el of form.querySelectorAll('input[type=text]:not([data-private])')) {
    el.value = '不是数字abc';
    el.dispatchEvent(new Event('input', {bubbles: true}));
  }
  form.requestSubmit();
}"""


def ax_properties(page, selector):
    """Chromium's accessibility properties of the element (what a screen reader is told)."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
        props = {}
        for ax in tree["nodes"][:1]:
            for prop in ax.get("properties", []):
                props[prop["name"]] = prop["value"].get("value")
            props["role"] = ax.get("role", {}).get("value")
            props["name"] = ax.get("name", {}).get("value")
        return props
    finally:
        cdp.detach()
