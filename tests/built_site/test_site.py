"""The built site: strict build, nothing from another origin, no inline script, every page
dated, the calculators' worked examples built in, the Pyodide bundle complete and pinned."""

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from calculators import all_calculators, run

ROOT = Path(__file__).resolve().parents[2]
# <link rel=canonical/prev/next/alternate> only name a URL; these rel values make the browser fetch.
FETCHING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest", "apple-touch-icon"}
LOADING_ATTRS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("form", "action"), ("img", "srcset")}


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loads, self.inline_scripts, self.handlers, self.styles = [], [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if (tag, name) in LOADING_ATTRS and value:
                self.loads.append(value)
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "style" and tag != "svg":
                self.styles.append(f"<{tag} style>")
        if tag == "link" and set((attrs.get("rel") or "").split()) & FETCHING_LINKS:
            self.loads.append(attrs.get("href", ""))
        if tag == "script" and "src" not in attrs:
            self._script = attrs.get("type", "")

    def handle_data(self, data):
        if self._script is not None and data.strip() and self._script != "application/json":
            self.inline_scripts.append(data.strip()[:80])

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def pages(site):
    return sorted(site.rglob("*.html"))


def test_every_nav_page_was_built(built_site):
    assert (built_site / "index.html").exists()
    for calc_id in ("overdue-cost", "repayment-plan"):
        assert (built_site / "tools" / calc_id / "index.html").exists()


def test_nothing_is_loaded_from_another_origin(built_site):
    offenders = []
    for page in pages(built_site):
        c = Collector()
        c.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(built_site)}: {url}" for url in c.loads if urlsplit(url).scheme or url.startswith("//")]
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if urlsplit(url).scheme not in ("", "data") or url.startswith("//"):
                offenders.append(f"{css.relative_to(built_site)}: {url}")
    assert not offenders, offenders


def test_the_collector_would_notice_a_foreign_resource():
    c = Collector()
    c.feed('<link rel="stylesheet" href="https://fonts.example.com/css"><script>alert(1)</script><a onclick="x()">')
    assert c.loads and c.inline_scripts and c.handlers


def test_no_inline_scripts_or_event_handlers(built_site):
    problems = []
    for page in pages(built_site):
        c = Collector()
        c.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(built_site)}: {x}" for x in c.inline_scripts + c.handlers + c.styles]
    assert not problems, problems[:10]


def test_every_page_shows_when_it_was_last_reviewed(built_site):
    undated = [str(p.relative_to(built_site)) for p in pages(built_site) if p.name != "404.html" and "本页最后审阅" not in p.read_text(encoding="utf-8")]
    assert not undated


@pytest.mark.parametrize("calc_id", ["overdue-cost", "repayment-plan"])
def test_tool_page_has_the_form_and_the_worked_example(built_site, calc_id):
    html = (built_site / "tools" / calc_id / "index.html").read_text(encoding="utf-8")
    expected = run(calc_id, {}, "../../")
    assert f'data-calc="{calc_id}"' in html
    assert expected["html"] in html  # the default result, exactly as Python presents it
    assert "<!-- calculator:" not in html


def test_glossary_terms_become_tooltips(built_site):
    html = (built_site / "consequences" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">征信', html)
    glossary = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert glossary.count("<dt") >= 20


def test_shared_fragments_are_included(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "隐私承诺" in home and "免责声明" in home
    assert "{!" not in home


def test_pyodide_bundle_is_served_by_the_site_and_pinned(built_site):
    runtime = json.loads((built_site / "pyodide" / "runtime.json").read_text())
    bundle = built_site / "pyodide" / runtime["dir"]  # content-addressed: pyodide/<hash>/
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert (bundle / name).is_file(), name
    lock = json.loads((bundle / "pyodide-lock.json").read_text())
    entry = lock["packages"]["calculators"]
    wheel = bundle / entry["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    assert set(lock["packages"]) == {"calculators"}  # the lock lists only what the site serves

    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert re.fullmatch(r"314\.\d+\.\d+", pinned)  # exact pin, no range
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/pyodide"]
    assert locked["version"] == pinned and locked["integrity"].startswith("sha512-")


DOC_LINK = re.compile(r"\]\(([^)\s]*tools/([a-z-]+)\.md)#([^)\s]+)\)")


def calculator_links():
    found = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        for match in DOC_LINK.finditer(md.read_text(encoding="utf-8")):
            found.append(pytest.param(match.group(2), match.group(3), id=f"{md.relative_to(ROOT / 'docs')}:{match.group(3)[:40]}"))
    return found


@pytest.mark.parametrize("calc_id, fragment", calculator_links())
def test_links_with_prefilled_inputs_open_a_working_calculator(calc_id, fragment):
    from urllib.parse import parse_qsl

    inputs = dict(parse_qsl(fragment, keep_blank_values=True))
    fields = all_calculators()[calc_id].fields
    unknown = {k for k in inputs if not any(f.accepts(k) for f in fields)}  # names and row-group cells
    assert not unknown, f"unknown fields {unknown}"
    outcome = run(calc_id, inputs)
    assert outcome["ok"], outcome["errors"]


def test_theme_widgets_are_named_by_the_template(built_site):
    # overrides/main.html: named at build time, so no script changes them after the first paint
    # (tests/browser/test_theme_restyle.py says why that matters).
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        if 'data-md-component="header"' not in html:
            continue  # e.g. the 404 page's redirects, if any
        assert re.search(r'<div class="md-search" data-md-component="search" role="dialog" aria-label="[^"]+">', html), page
        assert '<div class="md-search-result__meta" aria-live="polite">' in html, page
        assert '<ol class="md-search-result__list">' in html, page  # a list, not presentation
        assert 'data-md-component="progress"' not in html, page  # the theme's script drove it


def test_no_page_loads_the_theme_script_and_it_is_not_published(built_site):
    # overrides/main.html leaves it out (why: there); hooks/theme_script.py removes the file.
    assert not list((built_site / "assets" / "javascripts").glob("bundle.*"))
    for page in pages(built_site):
        assert "assets/javascripts/bundle." not in page.read_text(encoding="utf-8"), page


def test_guide_tables_have_the_scroll_wrapper_in_the_html(built_site):
    # hooks/tables.py: the theme's markup, written at build time, around the guide's tables only.
    html = (built_site / "how-to-negotiate" / "prepare" / "index.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table\b", html)
    assert tables and html.count('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>') == len(tables)
    tool = (built_site / "tools" / "repayment-plan" / "index.html").read_text(encoding="utf-8")
    assert "md-typeset__scrollwrap" in tool  # the page's own table
    assert not re.search(r'calc-table-wrap[^>]*>\s*<div class="md-typeset__scrollwrap"', tool)  # not the result's


def test_stylesheet_links_resolve(built_site):
    for page in pages(built_site):
        for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8")):
            base = built_site if href.startswith("/") else page.parent  # 404.html names them from the root
            assert (base / href.split("?")[0].lstrip("/")).resolve().is_file(), (page, href)


def test_the_offline_precache_holds_what_search_loads_and_nothing_it_never_loads(built_site):
    # hooks/pyodide_bundle.py writes the list into sw.js; the theme's search worker with one
    # language (zh) imports lunr.stemmer.support and lunr.zh only.
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    precache = json.loads(re.search(r"^const PRECACHE = (\[.*\]);$", text, re.M).group(1))
    lunr = sorted(p for p in precache if "/lunr/" in p)
    assert lunr == ["assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "assets/javascripts/lunr/min/lunr.zh.min.js"]
    assert "search/search_index.json" in precache
    assert [p for p in precache if re.fullmatch(r"assets/[0-9a-f]{16}/theme/search\.mjs", p)]
    # the site's own files under the names the pages use (scripts/addressed_assets.py), not twice
    assert not [p for p in precache if re.match(r"assets/(js|css|images)/", p)]
    assert [p for p in precache if re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js", p)]
    assert not [p for p in precache if "/bundle." in p]
