"""Page weight (issue 10): every page without a calculator costs at most 100 KB on a cold visit.

Two measures of the same thing:
- without a browser, for EVERY such page: what the page makes the browser fetch (the HTML, its
  stylesheets, icon and scripts, the static imports of its module scripts, followed through
  every module), each
  fetched from nginx with deploy/nginx.conf as a browser would (brotli) and its body counted;
- with Chromium, for the heaviest pages, measured as bench/run.py measures them: a cold visit
  with service workers blocked, the bytes nginx sent until the network is idle. That one also
  sees what scripts fetch at run time (the calculator modules, the search worker and index).
"""

import re
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

LIMIT = 100 * 1024  # bytes transferred on a cold visit to a guide page (issue 10)
# Code that only a page with a calculator or stored records needs (calculator-glue.mjs imports
# it dynamically on those pages).
CALCULATOR_ONLY = ("calc/block.mjs", "calc/records.mjs", "calc/records-format.mjs", "calc/fragment.mjs", "calc/rows.mjs", "calc/patch.mjs")
# Fetched at run time, and only once the reader opens search (assets/js/theme/search.mjs).
SEARCH_ONLY = ("search/search_index.json", "/workers/search.")
FETCHING_LINKS = {"stylesheet", "icon", "preload", "modulepreload"}
STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\s+(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']""", re.M)


class Fetches(HTMLParser):
    """What an HTML page makes the browser fetch as it is parsed (no run-time fetches)."""

    def __init__(self):
        super().__init__()
        self.urls, self.modules = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set((attrs.get("rel") or "").split()) & FETCHING_LINKS and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])
            if attrs.get("type") == "module":
                self.modules.append(attrs["src"])


def guide_pages(site: Path) -> list[Path]:
    """Every page of the site without a calculator block (what bench/run.py calls guide pages)."""
    return sorted(p for p in site.rglob("index.html")
                  if not p.relative_to(site).parts[0].startswith(("pyodide", "bench-reference"))
                  and 'data-calc="' not in p.read_text(encoding="utf-8"))


def page_url(site: Path, page: Path, base: str) -> str:
    rel = page.parent.relative_to(site).as_posix()
    return base if rel == "." else f"{base}{rel}/"


def module_graph(site: Path, base: str, entry: str) -> list[str]:
    """The entry module's URL and every module it imports statically, transitively."""
    seen, todo = [], [entry]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.append(url)
        source = (site / urlsplit(url).path.removeprefix(urlsplit(base).path)).read_text(encoding="utf-8")
        todo += [urljoin(url, spec) for spec in STATIC_IMPORT.findall(source)]
    return seen


def cold_visit_urls(site: Path, page: Path, base: str) -> list[str]:
    url = page_url(site, page, base)
    found = Fetches()
    found.feed(page.read_text(encoding="utf-8"))
    urls = [url] + [urljoin(url, u) for u in found.urls]
    for module in found.modules:
        urls += module_graph(site, base, urljoin(url, module))
    return list(dict.fromkeys(urls))


def transferred(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return len(response.read())


def test_the_static_import_pattern_follows_imports_and_not_dynamic_ones():
    source = 'import { a } from "./a.mjs";\nimport "./b.mjs";\nexport { c } from "./c.mjs";\nconst d = import("./d.mjs");\n'
    assert STATIC_IMPORT.findall(source) == ["./a.mjs", "./b.mjs", "./c.mjs"]


def test_every_guide_page_transfers_at_most_100_kb_on_a_cold_visit(built_site, site_url):
    pages = guide_pages(built_site)
    assert len(pages) > 20  # the guide, not an empty selection
    weights, sizes = {}, {}
    for page in pages:
        total = 0
        for url in cold_visit_urls(built_site, page, site_url):
            if url not in sizes:
                sizes[url] = transferred(url)
            total += sizes[url]
        weights[page_url(built_site, page, "/")] = total
    # The measure counts what matters: the theme's stylesheet and the glue are in every page's.
    assert any("/assets/stylesheets/main." in url for url in sizes) and any("/calculator-glue.mjs" in url for url in sizes)
    over = {path: f"{n / 1024:.1f} KB" for path, n in weights.items() if n > LIMIT}
    assert not over, f"over 100 KB on a cold visit: {over}"


def test_guide_pages_load_no_calculator_code(built_site, site_url):
    for page in guide_pages(built_site):
        loaded = [url for url in cold_visit_urls(built_site, page, site_url) if url.endswith(CALCULATOR_ONLY)]
        assert not loaded, f"{page_url(built_site, page, '/')} loads {loaded}"
    tool = built_site / "tools" / "repayment-plan" / "index.html"
    preloaded = [u for u in cold_visit_urls(built_site, tool, site_url) if u.endswith(CALCULATOR_ONLY)]
    assert len(preloaded) == len(CALCULATOR_ONLY), "a tool page starts fetching its calculator modules with the page"


def test_no_script_blocks_the_first_paint_unless_it_must(built_site):
    """Every script that need not run before the first paint is deferred (or a module)."""
    blocking = []
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html):
            # The palette must be applied before the first paint; start-early.js starts Python
            # from the head of calculator pages on purpose (it only creates a worker).
            meant_to_run_early = re.search(r"(storage-helpers|palette|start-early)\.js", tag)
            if not meant_to_run_early and " defer" not in tag and 'type="module"' not in tag:
                blocking.append(f"{page.relative_to(built_site)}: {tag}")
    assert not blocking, blocking[:5]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "law/", "faq/"])
def test_a_cold_visit_measured_as_the_bench_does_stays_under_100_kb(browser, site_server, site_url, path):
    from pages import new_phone_context

    context = new_phone_context(browser)  # service workers blocked, as in bench/run.py
    page = context.new_page()
    site_server.clear()
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_timeout(300)
    hits = site_server.hits()
    context.close()
    assert any(h[0].startswith("/assets/stylesheets/main.") for h in hits)  # the log is the visit's
    fetched = [h[0] for h in hits]
    assert not [u for u in fetched if urlsplit(u).path.endswith(CALCULATOR_ONLY)], fetched
    assert not [u for u in fetched if any(s in u for s in SEARCH_ONLY)], fetched
    total = sum(h[2] for h in hits)
    assert total <= LIMIT, f"/{path}: {total / 1024:.1f} KB transferred: {hits}"
