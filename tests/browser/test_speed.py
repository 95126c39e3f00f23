"""Speed and data: the reader's Save-Data wish, the content-addressed runtime, the repeat visit
(memory snapshot), the service worker (offline, update path). Chromium at phone size against
nginx with deploy/nginx.conf."""

import json
import re

import pytest

from pages import PHONE, PYTHON_START_TIMEOUT, READY, Visit, expected_figure, figures, new_phone_context, type_into, wait_for_figure  # noqa: F401

pytestmark = pytest.mark.browser

SAVE_DATA = """
Object.defineProperty(Navigator.prototype, "connection", {
  configurable: true,
  get: () => ({ saveData: true, effectiveType: "4g", addEventListener() {} }),
});
"""


@pytest.fixture
def saving_visit(browser, site_url):
    context = new_phone_context(browser)
    context.add_init_script(SAVE_DATA)
    v = Visit(context, site_url)
    yield v
    context.close()


@pytest.fixture
def sw_visit(browser, site_url):
    """A phone visit with service workers allowed (the shared `visit` blocks them, so that its
    tests can route requests)."""
    context = new_phone_context(browser, service_workers="allow")
    v = Visit(context, site_url)
    yield v
    context.close()


def test_save_data_waits_for_the_first_touch_and_says_how_much(saving_visit, built_site):
    visit = saving_visit
    page = visit.open("tools/overdue-cost/")
    page.wait_for_timeout(1500)
    assert visit.count("calculator-worker.mjs") == 0 and visit.count("pyodide.asm.wasm") == 0
    assert page.get_attribute(".calc", "data-state") == "deferred"
    status = page.inner_text(".calc-status")
    megabytes = json.loads((built_site / "pyodide" / "runtime.json").read_text())["bytes"] / 1e6
    assert f"输入后开始加载计算器，约 {megabytes:.1f} MB" in status
    assert expected_figure("overdue-cost", {}) in figures(page)  # the worked example is there

    type_into(page, "amount", "5万")  # the first touch starts Python, and the input counts
    wait_for_figure(page, expected_figure("overdue-cost", {"amount": "50000"}))
    assert visit.count("pyodide.asm.wasm") == 1
    visit.assert_clean()


def test_the_runtime_comes_from_its_content_addressed_directory(visit, built_site):
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    folder = json.loads((built_site / "pyodide" / "runtime.json").read_text())["dir"]
    runtime = [u for u in visit.requests if "/pyodide/" in u]
    assert runtime and all(f"/pyodide/{folder}" in u for u in runtime), runtime
    assert not any(re.search(r"/pyodide/[^/]+$", u) for u in runtime)
    visit.assert_clean()


def marks(page, prefix="calculators:"):
    return page.evaluate("p => performance.getEntriesByType('mark').map(m => m.name).filter(n => n.startsWith(p))", prefix)


SNAPSHOT_KEY = "memory-snapshot.sparse-1.gz"
PUT_IN_SNAPSHOT_CACHE = """async ([url, bytes]) => {
    const packed = await new Response(new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new CompressionStream("gzip"))).blob();
    await (await caches.open("calculators-snapshot")).put(url, new Response(packed));
}"""


def test_python_starts_from_the_head_without_waiting_for_the_glue(visit):
    """calc/start-early.js, in the <head> of calculator pages, starts the worker by itself (it
    does not wait for the deferred glue and the theme's script); guide pages start nothing."""
    visit.context.route("**/calculator-glue.mjs", lambda route: route.abort())
    page = visit.open("tools/repayment-plan/")
    page.wait_for_function("() => performance.getEntriesByName('calculators:python-start').length", timeout=PYTHON_START_TIMEOUT)
    for _ in range(300):  # the worker's own requests are not in the page's timeline
        if visit.count("pyodide.asm.wasm"):
            break
        page.wait_for_timeout(100)
    assert visit.count("pyodide.asm.wasm") == 1
    assert visit.count("calculator-glue.mjs") == 1 and visit.count("calculator-worker.mjs") == 1
    page = visit.open("about/")
    page.wait_for_timeout(1000)
    assert visit.count("start-early.js") == 1 and visit.count("calculator-worker.mjs") == 1


def test_a_repeat_visit_starts_from_the_memory_snapshot_made_after_the_first(visit, built_site):
    folder = json.loads((built_site / "pyodide" / "runtime.json").read_text())["dir"]
    page = visit.open("about/")
    # a snapshot in an older format, for this runtime: replaced, never read
    page.evaluate(PUT_IN_SNAPSHOT_CACHE, [f"{visit.site_url}pyodide/{folder}memory-snapshot.gz", [1, 2, 3]])
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:snapshot-used" not in marks(page)  # the first visit makes none on its way
    page.wait_for_function(
        "() => performance.getEntriesByName('calculators:snapshot-stored').length"
        " || performance.getEntriesByName('calculators:snapshot-failed').length",
        timeout=PYTHON_START_TIMEOUT,
    )
    assert "calculators:snapshot-stored" in marks(page)
    keys = page.evaluate("async () => (await (await caches.open('calculators-snapshot')).keys()).map(r => r.url)")
    assert keys == [f"{visit.site_url}pyodide/{folder}{SNAPSHOT_KEY}"]  # named after this runtime and format only

    page.reload()
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:snapshot-used" in marks(page)
    type_into(page, "principal", "１２，０００")
    page.select_option('.calc [name="show"]', "equal_principal")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('1,120.00')")
    visit.assert_clean()


def u32(*words):
    return [b for w in words for b in w.to_bytes(4, "little")]


@pytest.mark.parametrize(
    "stored",
    [
        [0] * 1000,  # not this format
        u32(0x31505350, 31_457_408, 2, 5, 6) + [7] * 4096,  # says two pages, holds one
        u32(0x31505350, 8192, 1, 9) + [7] * 4096,  # a page outside the memory
        u32(0x31505350, 40_000_000, 1, 0) + [1] * 4096,  # a whole, well-formed memory of garbage
    ],
    ids=["foreign", "truncated", "out-of-range", "garbage"],
)
def test_a_snapshot_that_cannot_be_restored_is_dropped_and_python_starts_normally(visit, built_site, stored):
    folder = json.loads((built_site / "pyodide" / "runtime.json").read_text())["dir"]
    page = visit.open("about/")
    page.evaluate(PUT_IN_SNAPSHOT_CACHE, [f"{visit.site_url}pyodide/{folder}{SNAPSHOT_KEY}", stored])
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:snapshot-used" not in marks(page)
    # dropped, and a good one made in its place for the next visit
    page.wait_for_function("() => performance.getEntriesByName('calculators:snapshot-stored').length", timeout=PYTHON_START_TIMEOUT)
    type_into(page, "principal", "１２，０００")
    page.select_option('.calc [name="show"]', "equal_principal")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('1,120.00')")
    visit.errors.clear()  # the broken snapshot is reported as a warning, not an error; nothing else
    visit.assert_clean()


SW_READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return registration.active && registration.active.state === "activated";
}"""


def precached(page):
    return page.evaluate(
        "async () => { const names = (await caches.keys()).filter(n => n.startsWith('site-'));"
        " return Object.fromEntries(await Promise.all(names.map(async n => [n, (await (await caches.open(n)).keys()).length]))); }"
    )


def wait_for_service_worker(page):
    page.wait_for_function(SW_READY, timeout=PYTHON_START_TIMEOUT, polling=200)


def test_offline_after_the_first_visit(sw_visit):
    visit = sw_visit
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    wait_for_service_worker(page)
    caches = precached(page)
    assert len(caches) == 1 and list(caches.values())[0] > 40, caches
    # This visit used Python, so the worker keeps the runtime too — in the background, after
    # the page asked; wait for it before going offline.
    page.wait_for_function(
        "async () => { for (const n of await caches.keys()) if (n.startsWith('site-') &&"
        " (await (await caches.open(n)).keys()).some(r => r.url.endsWith('pyodide.asm.wasm'))) return true; return false; }",
        timeout=PYTHON_START_TIMEOUT, polling=200,
    )

    visit.page.context.set_offline(True)
    failed = []
    visit.page.on("requestfailed", lambda r: failed.append(r.url))
    page = visit.open("consequences/")  # never visited: from the precache
    assert "本页最后审阅" in page.inner_text("body")
    page = visit.open("tools/overdue-cost/")  # the runtime from this device too
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "amount", "5万")
    wait_for_figure(page, expected_figure("overdue-cost", {"amount": "50000"}))
    visit.page.context.set_offline(False)
    assert not failed
    visit.assert_clean()


@pytest.fixture
def deployable_site(built_site, tmp_path):
    """A copy of the built site on its own nginx, to deploy a new version onto."""
    import shutil

    from local_site import free_port
    from nginx_server import NginxServer

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = NginxServer(site, free_port())
    yield site, f"http://127.0.0.1:{server.port}/"
    server.stop()


def deploy_new_version(site):
    """What a new build changes: a page, and the build id in sw.js."""
    about = site / "about" / "index.html"
    about.write_text(about.read_text(encoding="utf-8").replace("</h1>", "（新版本）</h1>", 1), encoding="utf-8")
    for variant in (".br", ".gz"):
        (site / "about" / f"index.html{variant}").unlink(missing_ok=True)
    sw = site / "sw.js"
    text = sw.read_text(encoding="utf-8")
    old = re.search(r'"build": "([0-9a-f]+)"', text).group(1)
    sw.write_text(text.replace(old, "0" * len(old)), encoding="utf-8")
    for variant in (".br", ".gz"):
        (site / f"sw.js{variant}").unlink(missing_ok=True)
    return old, "0" * len(old)


def deploy_and_go_offline(browser, deployable_site):
    """A first visit, a new deploy, the update; then the new version, online and offline.
    Returns the console errors seen."""
    site, url = deployable_site
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    visit = Visit(context, url)
    try:
        page = visit.open("about/")
        wait_for_service_worker(page)
        page.wait_for_function("async () => (await caches.keys()).some(n => n.startsWith('site-'))")
        old, new = deploy_new_version(site)
        assert list(precached(page)) == [f"site-{old}"]

        page = visit.open("about/")  # online: the new page at once (network first) …
        assert "（新版本）" in page.inner_text("h1")
        # … and the browser finds the new sw.js, which precaches the new build and drops the old
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        page.wait_for_function("async n => { const k = await caches.keys(); return k.includes(n) && k.filter(x => x.startsWith('site-')).length === 1; }",
                               arg=f"site-{new}", timeout=PYTHON_START_TIMEOUT, polling=200)
        context.set_offline(True)
        page = visit.open("about/")
        assert "（新版本）" in page.inner_text("h1")  # offline, the new version too
        context.set_offline(False)
        visit.errors[:] = [e for e in visit.errors if "ERR_INTERNET_DISCONNECTED" not in e]
        assert not visit.foreign
        return visit.errors
    finally:
        context.close()


def test_a_new_deploy_replaces_the_old_version_cleanly(browser, deployable_site):
    errors = deploy_and_go_offline(browser, deployable_site)
    assert all("ERR_FAILED" in e for e in errors), errors  # at most the known defect below, nothing else


# Known defect (issue 10, open), intermittent: after an update, offline, the page's own module
# scripts (assets/js/calc/*.mjs) are in the new cache but sometimes not matched, so the
# calculator glue does not load offline (the page itself does). Not strict, because it passes
# in some runs; it is reported as XPASS when it does.
@pytest.mark.xfail(strict=False, reason="intermittent: after an update, offline, the glue's module scripts are not served from the cache")
def test_after_a_new_deploy_the_offline_page_loads_all_its_scripts(browser, deployable_site):
    errors = deploy_and_go_offline(browser, deployable_site)
    assert not errors, f"console errors offline after the update: {errors}"


def test_the_site_works_where_service_workers_are_unavailable(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN", service_workers="block")
    visit = Visit(context, site_url)
    try:
        page = visit.open("tools/overdue-cost/")
        page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
        type_into(page, "amount", "5万")
        wait_for_figure(page, expected_figure("overdue-cost", {"amount": "50000"}))
        page.wait_for_timeout(2000)
        assert visit.count("sw.js") == 0
        visit.assert_clean()
    finally:
        context.close()


def test_the_snapshot_helper_downloads_nothing_again(browser, site_url, site_server):
    """Without Playwright's routing (which turns the HTTP cache off): the runtime is served once
    for the first visit, its memory snapshot and the service worker's precache together."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    try:
        page = context.new_page()
        site_server.clear()
        page.goto(site_url + "tools/repayment-plan/")
        page.wait_for_function("() => performance.getEntriesByName('calculators:snapshot-stored').length", timeout=PYTHON_START_TIMEOUT)
        wait_for_service_worker(page)
        page.wait_for_function("async () => (await caches.keys()).some(n => n.startsWith('site-'))", timeout=PYTHON_START_TIMEOUT)
        page.wait_for_timeout(1000)
        served = [(path, status) for path, status, _ in site_server.hits() if "/pyodide/" in path]
        for name in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs"):
            assert sum(1 for path, status in served if path.endswith(name) and status == 200) == 1, served
    finally:
        context.close()
