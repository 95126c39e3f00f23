"""Speed and data: the reader's Save-Data wish, the content-addressed runtime, the repeat visit
(memory snapshot), the service worker (offline, update path). Chromium at phone size against
nginx with deploy/nginx.conf."""

import json
import re

import pytest

from test_tools import PHONE, PYTHON_START_TIMEOUT, READY, Visit, expected_figure, figures, type_into, visit, wait_for_figure  # noqa: F401

pytestmark = pytest.mark.browser

SAVE_DATA = """
Object.defineProperty(Navigator.prototype, "connection", {
  configurable: true,
  get: () => ({ saveData: true, effectiveType: "4g", addEventListener() {} }),
});
"""


@pytest.fixture
def saving_visit(browser, site_url):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN",
                                  service_workers="block")
    context.add_init_script(SAVE_DATA)
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


def test_a_repeat_visit_starts_from_the_memory_snapshot_made_after_the_first(visit, built_site):
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:snapshot-used" not in marks(page)  # the first visit makes none on its way
    page.wait_for_function(
        "() => performance.getEntriesByName('calculators:snapshot-stored').length"
        " || performance.getEntriesByName('calculators:snapshot-failed').length",
        timeout=PYTHON_START_TIMEOUT,
    )
    assert "calculators:snapshot-stored" in marks(page)
    folder = json.loads((built_site / "pyodide" / "runtime.json").read_text())["dir"]
    keys = page.evaluate("async () => (await (await caches.open('calculators-snapshot')).keys()).map(r => r.url)")
    assert keys == [f"{visit.site_url}pyodide/{folder}memory-snapshot.gz"]  # named after this runtime only

    page.reload()
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:snapshot-used" in marks(page)
    type_into(page, "principal", "１２，０００")
    page.select_option('.calc [name="show"]', "equal_principal")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('1,120.00')")
    visit.assert_clean()


def test_a_snapshot_that_cannot_be_restored_is_dropped_and_python_starts_normally(visit, built_site):
    folder = json.loads((built_site / "pyodide" / "runtime.json").read_text())["dir"]
    page = visit.open("about/")
    page.evaluate(
        """async (url) => {
            const packed = await new Response(new Blob([new Uint8Array(1000)]).stream().pipeThrough(new CompressionStream("gzip"))).blob();
            await (await caches.open("calculators-snapshot")).put(url, new Response(packed));
        }""",
        f"{visit.site_url}pyodide/{folder}memory-snapshot.gz",
    )
    page = visit.open("tools/repayment-plan/")
    page.wait_for_selector(READY, timeout=PYTHON_START_TIMEOUT)
    assert "calculators:snapshot-used" not in marks(page)
    type_into(page, "principal", "１２，０００")
    page.select_option('.calc [name="show"]', "equal_principal")
    page.wait_for_function("() => document.querySelector('.calc-result').innerText.includes('1,120.00')")
    visit.errors.clear()  # the broken snapshot is reported as a warning, not an error; nothing else
    visit.assert_clean()
