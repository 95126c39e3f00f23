"""Speed and data: the reader's Save-Data wish, the content-addressed runtime, the repeat visit
(memory snapshot), the service worker (offline, update path). Chromium at phone size against
nginx with deploy/nginx.conf."""

import contextlib
import json
import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from pages import PHONE, PHONE_CONTEXT, PYTHON_START_TIMEOUT, READY, Visit, expected_figure, figures, new_phone_context, type_into, wait_for_figure  # noqa: F401

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


SNAPSHOT_KEY = "memory-snapshot.sparse-2"
OLDER_SNAPSHOT_KEYS = ["memory-snapshot.gz", "memory-snapshot.sparse-1.gz"]  # formats readers may still have
PUT_IN_SNAPSHOT_CACHE = """async ([url, bytes]) => {
    await (await caches.open("calculators-snapshot")).put(url, new Response(new Uint8Array(bytes)));
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


def wasm_requests_before_the_snapshot_helper(visit):
    """The requests for pyodide.asm.wasm the page's own worker made (the snapshot helper, a
    second worker started 3 s after Python is ready, compiles the module its own way)."""
    asked = 0
    for url in visit.requests:
        if "?snapshot" in url:
            break
        asked += url.endswith("pyodide.asm.wasm")
    return asked - sum(1 for url in visit.cache_misses if url.endswith("pyodide.asm.wasm"))  # the look-up that missed


def test_the_worker_compiles_the_webassembly_module_while_the_rest_loads(visit):
    """The worker starts compiling pyodide.asm.wasm itself as soon as it may download, beside
    Pyodide's script and the snapshot; Pyodide's loader then instantiates that module and asks
    for the file no second time."""
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:wasm-early" in marks(page) and "calculators:wasm-fallback" not in marks(page)
    assert wasm_requests_before_the_snapshot_helper(visit) == 1
    type_into(page, "principal", "１２，０００")
    page.select_option('.calc [name="show"]', "equal_principal")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('1,120.00')")
    visit.assert_clean()


def test_python_starts_when_the_module_cannot_be_compiled_while_it_downloads(visit):
    """A server that sends the module with another MIME type than application/wasm: streaming
    compilation refuses it (and so would Pyodide's own loader, which then never settles). The
    worker compiles it from its bytes instead, and Python starts."""

    def wrong_type(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})

    visit.context.route("**/pyodide.asm.wasm", wrong_type)
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:wasm-fallback" in marks(page) and "calculators:wasm-early" not in marks(page)
    type_into(page, "principal", "１２，０００")
    page.select_option('.calc [name="show"]', "equal_principal")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('1,120.00')")
    visit.assert_clean()  # a warning says what happened; no error


HOLD_FRAMES = """
window.__heldFrames = [];
const frame = window.requestAnimationFrame.bind(window);
window.requestAnimationFrame = (callback) => window.__heldFrames.push(callback);
window.__releaseFrames = () => { window.requestAnimationFrame = frame; for (const f of window.__heldFrames) frame(f); };
"""


def test_a_first_visit_downloads_python_only_after_the_page_has_loaded(visit):
    """The worker starts from the head, but a first visit's 4 MB runtime waits for the page's
    load event (held here by a module the glue imports, which does not arrive until released)."""
    held = []
    visit.context.route("**/calc/theme-fixes.mjs", lambda route: held.append(route))
    page = visit.page
    page.goto(visit.site_url + "tools/repayment-plan/", wait_until="commit")
    page.wait_for_timeout(2000)
    assert held and page.evaluate("document.readyState") != "complete"
    assert visit.count("calculator-worker.mjs") == 1  # started from the head …
    assert visit.count("pyodide.asm.wasm") == 0  # … but not downloading before the load event
    for route in held:
        route.continue_()
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert visit.count("pyodide.asm.wasm") == 1
    visit.assert_clean()


def test_a_first_visit_downloads_python_only_after_the_frame_that_follows_the_load(visit):
    """… and for the frame after the load event (start-early.js tells the worker after
    requestAnimationFrame; held here)."""
    visit.context.add_init_script(HOLD_FRAMES)
    page = visit.open("tools/repayment-plan/")
    page.wait_for_timeout(1500)
    assert page.evaluate("document.readyState") == "complete"
    assert visit.count("calculator-worker.mjs") == 1
    assert visit.count("pyodide.asm.wasm") == 0
    page.evaluate("() => window.__releaseFrames()")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert visit.count("pyodide.asm.wasm") == 1
    visit.assert_clean()


def test_a_repeat_visit_starts_from_the_memory_snapshot_made_after_the_first(visit, built_site):
    folder = json.loads((built_site / "pyodide" / "runtime.json").read_text())["dir"]
    page = visit.open("about/")
    # snapshots in older formats, for this runtime: replaced, never read
    for key in OLDER_SNAPSHOT_KEYS:
        page.evaluate(PUT_IN_SNAPSHOT_CACHE, [f"{visit.site_url}pyodide/{folder}{key}", [1, 2, 3]])
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
    # stored as it is (no gzip to undo on the way back) and sparse (only the pages that are not all zeros)
    head, size = page.evaluate(
        "async (url) => { const b = new Uint8Array(await (await (await caches.open('calculators-snapshot')).match(url)).arrayBuffer());"
        " return [String.fromCharCode(...b.subarray(0, 4)), b.length]; }",
        keys[0],
    )
    assert head == "PSP1" and size < 31_000_000, (head, size)

    page.reload()
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:snapshot-used" in marks(page)
    # the module on the device is still compiled by the worker itself (once Pyodide's scripts are in)
    assert "calculators:wasm-early" in marks(page) and "calculators:wasm-fallback" not in marks(page)
    type_into(page, "principal", "１２，０００")
    page.select_option('.calc [name="show"]', "equal_principal")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('1,120.00')")
    visit.assert_clean()


CUT_SNAPSHOT_SHORT = """async ([url, bytes]) => {
    const cache = await caches.open("calculators-snapshot");
    const whole = new Uint8Array(await (await cache.match(url)).arrayBuffer());
    await cache.put(url, new Response(whole.subarray(0, whole.length - bytes)));
}"""


def test_a_snapshot_cut_short_is_refused_though_the_runtime_was_begun_before_its_end(visit):
    """The snapshot is read as it streams: Pyodide begins creating the runtime once the header
    has arrived, and may restore the memory only when every page has. A real snapshot with its
    last pages cut off has a good header; it must still be refused, not restored with pages
    missing: dropped, and Python starts normally."""
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    page.wait_for_function("() => performance.getEntriesByName('calculators:snapshot-stored').length", timeout=PYTHON_START_TIMEOUT)
    key = page.evaluate("async () => (await (await caches.open('calculators-snapshot')).keys())[0].url")
    page.evaluate(CUT_SNAPSHOT_SHORT, [key, 3 * 4096])
    page.reload()
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:snapshot-used" not in marks(page)
    page.wait_for_function("() => performance.getEntriesByName('calculators:snapshot-stored').length", timeout=PYTHON_START_TIMEOUT)
    type_into(page, "principal", "１２，０００")
    page.select_option('.calc [name="show"]', "equal_principal")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('1,120.00')")
    visit.errors.clear()  # the refused snapshot is reported as a warning, not an error; nothing else
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


def wait_until(page, script, arg=None, timeout=PYTHON_START_TIMEOUT):
    """Poll an async page function until it returns something truthy; returns that.
    Not page.wait_for_function: it does not await a promise, and a promise is truthy, so an
    async predicate there returns at once without waiting for anything (that is how the update
    test once went offline while the new worker was still installing)."""
    deadline = time.monotonic() + timeout / 1000
    while not (value := page.evaluate(script, arg)):
        assert time.monotonic() < deadline, f"not true after {timeout} ms: {script}"
        page.wait_for_timeout(200)
    return value


def test_wait_until_waits_for_an_async_predicate(sw_visit):
    page = sw_visit.open("about/")
    page.evaluate("() => { setTimeout(() => { window.later = 'yes'; }, 600); }")
    assert wait_until(page, "async () => { await new Promise(r => setTimeout(r, 10)); return window.later; }") == "yes"
    with pytest.raises(AssertionError, match="not true after"):
        wait_until(page, "async () => false", timeout=500)


SW_READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return registration.active && registration.active.state === "activated";
}"""

# Settled: no new worker installing or waiting (an update has either taken over or failed).
SW_SETTLED = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return registration && registration.active && !registration.installing && !registration.waiting;
}"""

UPDATE = "async () => { await (await navigator.serviceWorker.getRegistration()).update(); return true; }"

# An update that has begun: the new worker, kept for the test to follow (true if there is one).
UPDATE_BEGUN = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  await registration.update();
  window.newWorker = registration.installing;
  return Boolean(window.newWorker);
}"""
NEW_WORKER_FAILED = "() => window.newWorker.state === 'redundant'"

# Notes when offline.mjs's register() has resolved (it then listens for "online").
NOTE_REGISTERED = """
const register = ServiceWorkerContainer.prototype.register;
ServiceWorkerContainer.prototype.register = function (...args) {
  const done = register.apply(this, args);
  done.then(() => { window.registered = true; });
  return done;
};
"""


def precached(page):
    return page.evaluate(
        "async () => { const names = (await caches.keys()).filter(n => n.startsWith('site-'));"
        " return Object.fromEntries(await Promise.all(names.map(async n => [n, (await (await caches.open(n)).keys()).length]))); }"
    )


def wait_for_service_worker(page):
    wait_until(page, SW_READY)


RUNTIME_KEPT = (
    "async () => { for (const n of await caches.keys()) if (n.startsWith('site-') &&"
    " (await (await caches.open(n)).keys()).some(r => r.url.endsWith('pyodide.asm.wasm'))) return true; return false; }"
)


def wait_for_snapshot_and_runtime_kept(page):
    """What a visit that used Python leaves on the device, in the background after it is ready:
    the memory snapshot (made 3 s after Python is ready) and the runtime kept by the service
    worker. Wait for both before going offline."""
    wait_until(page, "() => performance.getEntriesByName('calculators:snapshot-stored').length")
    wait_until(page, RUNTIME_KEPT)


def not_served(failed, request):
    """Record a request that got no answer. Not one the page cancelled (net::ERR_ABORTED: a
    navigation leaves an icon or a worker's download unfinished): that is the test moving on,
    not the site failing offline (a service worker that has no copy gives net::ERR_FAILED)."""
    if request.failure != "net::ERR_ABORTED":
        failed.append(f"{request.url} {request.failure}")


def wait_for_only_cache(page, name):
    """Until `name` is the one site cache on the device (an update took over and dropped the old)."""
    wait_until(page, "async n => { const k = (await caches.keys()).filter(x => x.startsWith('site-')); return k.length === 1 && k[0] === n; }", name)


def test_offline_after_the_first_visit(sw_visit):
    visit = sw_visit
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    wait_for_service_worker(page)
    caches = precached(page)
    assert len(caches) == 1 and list(caches.values())[0] > 40, caches
    wait_for_snapshot_and_runtime_kept(page)

    visit.page.context.set_offline(True)
    failed = []
    visit.page.on("requestfailed", lambda r: not_served(failed, r))
    page = visit.open("consequences/")  # never visited: from the precache
    assert "本页最后审阅" in page.inner_text("body")
    page = visit.open("tools/overdue-cost/")  # the runtime from this device too
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    type_into(page, "amount", "5万")
    wait_for_figure(page, expected_figure("overdue-cost", {"amount": "50000"}))
    visit.page.context.set_offline(False)
    assert not failed
    visit.assert_clean()


def test_the_precache_waits_while_the_reader_calculates(sw_visit):
    """After Python is ready, the service worker (and with it the precache) is registered only
    once the reader has asked for no calculation for 3 s: not while they type their figures."""
    sw_visit.context.add_init_script(NOTE_REGISTERED)
    page = sw_visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    started = time.monotonic()
    i = 0
    while time.monotonic() - started < 6:  # a new figure every 0.6 s for 6 s
        i += 1
        type_into(page, "principal", str(10_000 + 137 * i))
        page.wait_for_timeout(600)
        assert not page.evaluate("window.registered === true"), f"registered during calculation {i}"
    assert precached(page) == {}
    wait_until(page, "() => window.registered === true", timeout=10_000)
    wait_for_service_worker(page)
    sw_visit.assert_clean()


def test_pages_are_asked_for_while_the_service_worker_starts(browser, site_url):
    """Navigation preload: a repeat visit's page request does not wait for the worker to start
    first. The page still comes from the network (a deploy is seen at once) and is kept. (No
    request routing in this context: it would turn navigation preload off.)"""
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_url + "about/")
        wait_for_service_worker(page)
        assert page.evaluate("async () => (await (await navigator.serviceWorker.ready).navigationPreload.getState()).enabled") is True
        preloaded = []  # the headers of every request for the page
        context.on("request", lambda r: r.url.endswith("/faq/") and preloaded.append(r.headers.get("service-worker-navigation-preload")))
        page.goto(site_url + "faq/")
        assert "本页最后审阅" in page.inner_text("body")
        assert "true" in preloaded, preloaded
        assert wait_until(page, "async () => { for (const n of await caches.keys()) if (n.startsWith('site-') && await (await caches.open(n)).match(location.href)) return true; return false; }")
    finally:
        context.close()


def test_python_starts_after_a_guide_only_first_visit_and_then_offline(sw_visit):
    """The service worker serves the runtime's files straight from the device's copy (a static
    route, where the browser has them). A reader whose first visit was a guide page has no copy
    yet: the tool page still gets the runtime from the network, and keeps it for offline."""
    visit = sw_visit
    page = visit.open("about/")
    wait_for_service_worker(page)
    assert not page.evaluate("async () => { for (const n of await caches.keys()) for (const r of await (await caches.open(n)).keys()) if (r.url.includes('/pyodide/')) return true; return false; }")
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert visit.count("pyodide.asm.wasm") >= 1
    wait_for_snapshot_and_runtime_kept(page)
    # kept on this visit (the page was already controlled): compiled for the next one too
    assert wait_until(page, CODE_CACHE_MARK) == "calculators:code-cache-compiled"
    visit.page.context.set_offline(True)
    try:
        page = visit.open("tools/overdue-cost/")  # the runtime (and the snapshot) from this device
        page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
        assert "calculators:snapshot-used" in marks(page)
        type_into(page, "amount", "5万")
        wait_for_figure(page, expected_figure("overdue-cost", {"amount": "50000"}))
    finally:
        visit.page.context.set_offline(False)
    visit.assert_clean()


KEPT_COPY = """async (url) => {
  for (const name of await caches.keys()) {
    if (!name.startsWith('site-')) continue;
    const copy = await (await caches.open(name)).match(url);
    if (copy) return {date: copy.headers.get('date'), etag: copy.headers.get('etag'), text: await copy.text()};
  }
  return null;
}"""


def test_an_unchanged_page_is_not_written_again_and_a_changed_one_is(browser, deployable_site):
    """A repeat visit revalidates every page and script (304): the service worker keeps its
    copy of a file whose ETag has not changed instead of writing it again (the writes competed
    with the calculator worker's reads of the same storage), and still replaces a changed one."""
    site, url = deployable_site
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(url + "about/")
        wait_for_service_worker(page)
        first = wait_until(page, KEPT_COPY, url + "about/")
        page.wait_for_timeout(1100)  # a response's Date has a resolution of one second
        faq = site / "faq" / "index.html"
        faq.write_text(faq.read_text(encoding="utf-8").replace("</h1>", "（改过）</h1>", 1), encoding="utf-8")
        for variant in (".br", ".gz"):
            (site / "faq" / f"index.html{variant}").unlink(missing_ok=True)
        page.goto(url + "about/")  # unchanged: revalidated (304), the response has a new Date
        page.goto(url + "faq/")  # changed on the server, same service worker: kept anew
        assert "（改过）" in page.inner_text("h1")
        assert "（改过）" in wait_until(page, f"async () => {{ const c = await ({KEPT_COPY})({json.dumps(url + 'faq/')}); return c && c.text.includes('（改过）') && c.text; }}")
        page.wait_for_timeout(300)
        again = page.evaluate(KEPT_COPY, url + "about/")
        assert again["etag"] == first["etag"] and again["text"] == first["text"]
        assert again["date"] == first["date"], "an unchanged page was written again"
    finally:
        context.close()


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


class UpdateVisit:
    """A reader with service workers: what the page asked for and failed to get, what it said."""

    def __init__(self, browser, url):
        self.context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
        self.context.add_init_script(NOTE_REGISTERED)
        self.visit = Visit(self.context, url)
        self.failed = []
        self.visit.page.on("requestfailed", lambda r: not_served(self.failed, r))

    def open(self, path):
        return self.visit.open(path)

    def first_visit(self):
        page = self.open("about/")
        wait_for_service_worker(page)
        return page

    def offline(self, path, heading):
        """Open `path` offline and expect `heading` in its h1. Returns what went wrong: requests
        not answered (the page's module scripts and styles included) and console errors."""
        self.failed.clear()
        self.visit.errors.clear()
        asked = len(self.visit.requests)
        self.context.set_offline(True)
        try:
            page = self.open(path)  # returns after "load": every static import has been asked for
            assert heading in page.inner_text("h1")
            page.wait_for_timeout(300)  # and what the page asks for just after (sitemap, icon)
        finally:
            self.context.set_offline(False)
        self.asked = self.visit.requests[asked:]
        errors = [e for e in self.visit.errors if "ERR_INTERNET_DISCONNECTED" not in e]
        assert not self.visit.foreign
        return self.failed + errors

    def close(self):
        self.context.close()


@pytest.fixture
def update_visit(browser, deployable_site):
    site, url = deployable_site
    reader = UpdateVisit(browser, url)
    yield reader
    reader.close()


def deploy_and_update(reader, site):
    """A first visit, a new deploy, the update (taken over, the old cache dropped).
    Returns (old cache name, new cache name, old cache's size)."""
    page = reader.first_visit()
    old, new = deploy_new_version(site)
    before = precached(page)
    assert list(before) == [f"site-{old}"]
    page = reader.open("about/")  # online: the new page at once (network first) …
    assert "（新版本）" in page.inner_text("h1")
    # … and the browser finds the new sw.js, which precaches the new build and drops the old
    page.evaluate(UPDATE)
    wait_for_only_cache(page, f"site-{new}")
    return f"site-{old}", f"site-{new}", before[f"site-{old}"]


def test_a_new_deploy_replaces_the_old_version_cleanly(update_visit, deployable_site):
    site, _ = deployable_site
    old, new, size = deploy_and_update(update_visit, site)
    page = update_visit.visit.page
    wait_until(page, SW_SETTLED)
    assert precached(page) == {new: size}  # the whole new build, nothing of the old
    assert not update_visit.offline("about/", "（新版本）")  # offline, the new version too


def test_after_a_new_deploy_the_offline_page_loads_all_its_scripts(update_visit, deployable_site):
    site, _ = deployable_site
    deploy_and_update(update_visit, site)
    problems = update_visit.offline("about/", "（新版本）")
    assert not problems, f"offline after the update: {problems}"
    modules = {url.rsplit("/", 1)[1] for url in update_visit.asked if re.search(r"/assets/[0-9a-f]{16}/calc/", url)}
    # what a guide page loads (the calculator modules only on calculator pages) …
    assert {"python.mjs", "offline.mjs", "theme-fixes.mjs"} <= modules, update_visit.asked  # asked for, and answered
    # … and every module of the new build is on the device for the calculator pages
    page = update_visit.visit.page
    kept = page.evaluate("async () => { const names = (await caches.keys()).filter(n => n.startsWith('site-'));"
                         " return (await (await caches.open(names[0])).keys()).map(r => r.url.split('/').pop()); }")
    built = {p.name for p in (site / "assets" / "js" / "calc").iterdir() if p.suffix in (".mjs", ".js")}
    assert built <= set(kept), sorted(built - set(kept))


def test_going_offline_during_an_update_keeps_the_previous_version_whole(update_visit, deployable_site):
    """The reader loses the network while the new worker is precaching: the new version is not
    activated half-filled (that once deleted the full old cache and left offline empty); the
    previous one stays, whole, and the update is tried again as soon as the network is back,
    without leaving the page."""
    site, _ = deployable_site
    page = update_visit.first_visit()
    old, new = (f"site-{b}" for b in deploy_new_version(site))
    size = precached(page)[old]
    # On the page already open: a navigation would make the browser look for sw.js by itself
    # too, and a second attempt could still be installing when the cache is checked.
    wait_until(page, "() => window.registered")  # offline.mjs listens for "online" from now
    assert page.evaluate(UPDATE_BEGUN)
    update_visit.context.set_offline(True)  # while it precaches
    wait_until(page, NEW_WORKER_FAILED)
    wait_until(page, SW_SETTLED)  # (and no other attempt under way)
    assert precached(page) == {old: size}  # no half-filled new cache, the old one whole
    update_visit.context.set_offline(False)  # the same page, back online: the update again
    wait_for_only_cache(page, new)
    wait_until(page, SW_SETTLED)
    assert precached(page) == {new: size}
    problems = update_visit.offline("about/", "（新版本）")
    assert not problems, f"offline after an update that was interrupted once: {problems}"


def test_an_update_missing_a_file_is_not_activated_until_the_file_is_there(update_visit, deployable_site):
    """A deploy seen while it is still uploading (sw.js there, a page not yet): the install
    fails instead of activating a cache without that page, the previous version keeps serving
    offline (every page, with its scripts), and the next visit once the file is there updates."""
    site, _ = deployable_site
    page = update_visit.first_visit()
    old, new = (f"site-{b}" for b in deploy_new_version(site))
    size = precached(page)[old]
    held = {}
    for variant in ("", ".br", ".gz"):
        path = site / "consequences" / f"index.html{variant}"
        held[path] = path.read_bytes()
        path.unlink()
    assert page.evaluate(UPDATE_BEGUN)  # on the page already open (see above)
    wait_until(page, NEW_WORKER_FAILED)
    wait_until(page, SW_SETTLED)  # (and no other attempt under way)
    assert precached(page) == {old: size}
    assert not update_visit.offline("consequences/", "逾期的影响")  # the page the new version lacks
    assert not update_visit.offline("about/", "关于本站")
    assert "（新版本）" not in update_visit.visit.page.inner_text("h1")  # the previous version's page

    for path, data in held.items():
        path.write_bytes(data)
    # An attempt begun while the file was missing (offline.mjs retries when the page comes back
    # online) ends first: an update check made meanwhile joins it, and fails with it.
    wait_until(page, SW_SETTLED)
    page = update_visit.open("consequences/")  # the next visit looks for sw.js again (the
    page.evaluate(UPDATE)  # browser does so by itself too, but at a time of its choosing)
    wait_for_only_cache(page, new)
    wait_until(page, SW_SETTLED)
    assert precached(page) == {new: size}
    assert not update_visit.offline("consequences/", "逾期的影响")
    assert not update_visit.offline("about/", "（新版本）")


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


KEEP_RUNTIME = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const reply = new MessageChannel();
  const answer = new Promise((resolve) => { reply.port1.onmessage = (event) => resolve(event.data); });
  registration.active.postMessage("keep-runtime", [reply.port2]);
  return await answer;
}"""

CODE_CACHE_MARK = "() => performance.getEntries().find(e => e.name.startsWith('calculators:code-cache-'))?.name"


@contextlib.contextmanager
def first_visit_to_a_tool(browser, site_url):
    """A tool page's first visit with the service worker, once Python is ready and the worker is
    active. Without Playwright's routing, which turns the HTTP cache off."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_url + "tools/repayment-plan/")
        page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
        wait_for_service_worker(page)
        yield page
    finally:
        context.close()


def test_the_runtime_kept_again_is_not_fetched_or_written_again(browser, site_url, site_server):
    """Every visit that used Python asks the service worker to keep the runtime: it adds only the
    files it does not have. (It once added all of them every time: 4 MB read back on every
    visit, from the network once the browser had dropped them from its HTTP cache, and every
    entry replaced, with the code Chromium keeps beside it.)"""
    with first_visit_to_a_tool(browser, site_url) as page:
        wait_until(page, RUNTIME_KEPT)
        page.context.new_cdp_session(page).send("Network.clearBrowserCache")  # as a browser may have
        site_server.clear()
        assert page.evaluate(KEEP_RUNTIME) == {"added": 0}
        assert [path for path, _, _ in site_server.hits() if "/pyodide/" in path] == []
        # one file missing (storage the browser reclaimed): that one is fetched, and only it
        page.evaluate("async () => { for (const n of await caches.keys()) for (const r of await (await caches.open(n)).keys()) if (r.url.endsWith('/pyodide.mjs')) await (await caches.open(n)).delete(r); }")
        assert page.evaluate(KEEP_RUNTIME) == {"added": 1}
        assert [path.rsplit("/", 1)[1] for path, _, _ in site_server.hits() if "/pyodide/" in path] == ["pyodide.mjs"]


def compiles_of_pyodides_script(page, navigate) -> list[dict]:
    """The compiles of pyodide.asm.mjs in Chromium's trace while navigate() runs and Python
    gets ready (a DevTools session: a browser launched on a profile has no Browser to trace with)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Tracing.start", {"traceConfig": {"includedCategories": ["v8", "disabled-by-default-v8.compile"]}, "transferMode": "ReturnAsStream"})
    try:
        navigate()
        page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    finally:
        complete = {}
        cdp.on("Tracing.tracingComplete", lambda event: complete.update(event))
        cdp.send("Tracing.end")
        while not complete:
            page.wait_for_timeout(50)
        chunks = []
        while True:
            chunk = cdp.send("IO.read", {"handle": complete["stream"]})
            chunks.append(chunk["data"])
            if chunk.get("eof"):
                break
    trace = json.loads("".join(chunks))
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    compiled = [
        e["args"]["data"]
        for e in events
        if e.get("name") == "v8.compileModule" and str(e.get("args", {}).get("data", {}).get("url", "")).endswith("/pyodide.asm.mjs")
    ]
    assert compiled, "no compile of pyodide.asm.mjs in the trace"
    return compiled


def from_code_cache(compiled: list[dict]) -> bool:
    """Every compile of the script read V8's code cache (some hundreds of KB), none refused it."""
    return all(c.get("consumedCacheSize", 0) > 200_000 and not c.get("cacheRejected") for c in compiled)


def test_a_repeat_visit_reads_pyodides_script_compiled_on_the_first(browser, site_url, site_server):
    """Once the service worker has kept the runtime, a short-lived worker loads Pyodide's 1.2 MB
    script from it and runs its factory (calculator-worker.mjs, "code-cache"), without a
    download: the next visit's worker finds the code V8 compiled for it there, instead of
    compiling it (before, that came only from the second repeat visit on). Read from Chromium's
    trace of the repeat visit: V8 compiled the script from a code cache of some hundreds of KB."""
    with first_visit_to_a_tool(browser, site_url) as page:
        site_server.clear()
        assert wait_until(page, CODE_CACHE_MARK) == "calculators:code-cache-compiled"
        # from this device: the runtime script was not asked for again
        assert [p for p, _, _ in site_server.hits() if "/pyodide/" in p] == []

        compiled = compiles_of_pyodides_script(page, page.reload)
        assert from_code_cache(compiled), compiled
        assert "calculators:snapshot-used" in marks(page)


def test_a_relaunched_browser_reads_pyodides_script_compiled_on_the_first_visit(browser, site_url, tmp_path):
    """As a returning reader's phone has it: the first visit's browser closed as soon as the
    code-cache step is done, then launched again on the same profile. Its next visit's worker
    must be handed the code compiled on the first. (It was handed none in 8 of 13 such visits:
    Responses the service worker had looked up with match() and never read held the script's
    cache entry open, and Chromium makes the code written beside an entry final only when the
    entry is closed. sw.js, keepRuntime.) Three profiles: one visit that got the code by chance
    (the service worker's garbage collector had freed them) must not pass for all."""
    from local_site import CHROMIUM_ARGS, chromium_executable

    def launch(profile):
        return browser.browser_type.launch_persistent_context(str(profile), executable_path=chromium_executable(), args=CHROMIUM_ARGS, **PHONE_CONTEXT)

    handed = []
    for attempt in range(3):
        profile = tmp_path / f"profile-{attempt}"
        context = launch(profile)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(site_url + "tools/repayment-plan/")
            page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
            assert wait_until(page, CODE_CACHE_MARK) == "calculators:code-cache-compiled"
        finally:
            context.close()  # at once
        context = launch(profile)
        try:
            page = context.pages[0] if context.pages else context.new_page()
            handed.append(from_code_cache(compiles_of_pyodides_script(page, lambda: page.goto(site_url + "tools/repayment-plan/"))))
        finally:
            context.close()
    assert handed == [True, True, True]


def test_a_repeat_visit_starts_the_worker_from_this_device(browser, site_url, site_server):
    """The worker script is content-addressed (assets/<hash>/calculator-worker.mjs, immutable):
    a repeat visit, with or without the service worker, does not ask the server for it. Without
    Playwright's routing, which turns the HTTP cache off."""
    for service_workers in ("allow", "block"):
        context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN", service_workers=service_workers)
        try:
            page = context.new_page()
            workers = []
            page.on("worker", lambda w: workers.append(w.url))
            page.goto(site_url + "tools/repayment-plan/")
            page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
            assert re.search(r"/assets/[0-9a-f]{16}/calculator-worker\.mjs$", workers[0]), workers
            if service_workers == "allow":
                wait_for_service_worker(page)
                wait_until(page, "async u => { for (const n of await caches.keys()) if (n.startsWith('site-') && await (await caches.open(n)).match(u)) return true; return false; }", workers[0])
            site_server.clear()
            page.goto(site_url + "tools/repayment-plan/")
            page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
            asked = [path for path, _, _ in site_server.hits() if "calculator-worker" in path]
            assert asked == [], (service_workers, asked)
        finally:
            context.close()


def test_a_repeat_visit_asks_the_server_for_the_page_alone(browser, site_url, site_server):
    """The site's own stylesheets, scripts and images are named by their content
    (scripts/addressed_assets.py): a repeat visit, with or without the service worker, takes
    them from this device without asking the server (before, each was revalidated: a round trip
    before the first paint and the start of Python). Without Playwright's routing, which turns
    the HTTP cache off. The service worker's own update check (sw.js) may be asked for."""
    for service_workers in ("allow", "block"):
        context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN", service_workers=service_workers)
        try:
            page = context.new_page()
            page.goto(site_url + "tools/repayment-plan/")
            page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
            if service_workers == "allow":
                wait_for_service_worker(page)
                wait_until(page, SW_SETTLED)
            site_server.clear()
            page.goto(site_url + "tools/repayment-plan/")
            page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
            page.wait_for_timeout(500)
            asked = [path for path, _, _ in site_server.hits() if not path.endswith("/sw.js")]
            assert asked == ["/tools/repayment-plan/"], (service_workers, asked)
        finally:
            context.close()


def test_a_page_on_this_device_is_served_when_the_network_stalls(browser, site_server, site_port):
    """A network that connects but delivers nothing (scripts/latency_proxy.py with a two-minute
    round trip) fails no request: the service worker serves this device's copy of a page after
    sw.js's PATIENCE_MS (4 s) instead of waiting as long as the browser would. A page it does not
    have still waits for the network (here: until the test's own limit)."""
    from latency_proxy import LatencyProxy

    with LatencyProxy(site_port, 0) as proxy:
        base = f"http://127.0.0.1:{proxy.port}/"
        context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
        try:
            page = context.new_page()
            page.goto(base + "about/")
            wait_for_service_worker(page)
            wait_until(page, SW_SETTLED)
            wait_until(page, "async () => Boolean(await caches.match(new URL('../consequences/', location.href)))")
            proxy.rtt_ms = 120_000
            started = time.monotonic()
            page.goto(base + "consequences/", timeout=20_000)  # never visited: the precache's copy
            waited = time.monotonic() - started
            assert "逾期的影响" in page.inner_text("h1")
            assert 3.5 < waited < 15, waited  # the network was given its 4 s first
            with pytest.raises(PlaywrightTimeout):
                page.goto(base + "not-a-page-of-this-site/", timeout=8_000)
        finally:
            proxy.rtt_ms = 0
            context.close()
