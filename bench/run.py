"""Benchmark: build the site, serve it as a static host would, and measure in headless
Chromium at phone size. Prints figures; asserts nothing (targets are shown beside them).

    make bench            (or: .venv/bin/python bench/run.py [--runs N])

Measured in one run:
- bytes transferred (response bodies as served, gzip where the server compresses) for the
  home page and for a tool page until Python is ready;
- time to the first visible result on a tool page (first contentful paint: the worked
  example is in the HTML, so it shows with the first paint);
- time to Python-ready, cold (empty cache) and on reload (warm HTTP cache);
- recompute latency (input → new result on screen), median and p95;
- the longest main-thread task while Python starts (Long Tasks API: only tasks ≥ 50 ms are
  reported, so "none" means every task was shorter).
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from local_site import CHROMIUM_ARGS, build, chromium_executable, free_port  # noqa: E402
from static_server import serve  # noqa: E402

PHONE = {"width": 360, "height": 740}
TOOL = "tools/repayment-plan/"

# Registered before any page script: collects long tasks from navigation start on.
OBSERVE_LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push({start: e.startTime, duration: e.duration});
}).observe({type: "longtask", buffered: true});
"""

RECOMPUTE = """
async (runs) => {
  const block = document.querySelector(".calc");
  const form = block.querySelector("form");
  const field = form.elements.namedItem("principal");
  const result = block.querySelector(".calc-result");
  const times = [];
  for (let i = 0; i < runs; i++) {
    const changed = new Promise((resolve) => {
      const seen = new MutationObserver(() => { seen.disconnect(); requestAnimationFrame(() => resolve()); });
      seen.observe(result, {childList: true, subtree: true});
    });
    field.value = String(10000 + i * 137);
    const start = performance.now();
    form.requestSubmit();
    await changed;
    times.push(performance.now() - start);
  }
  return times;
}
"""


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40, help="recompute samples")
    args = parser.parse_args()

    port = free_port()
    site = ROOT / "build" / "bench-site"
    done = build(site, port)
    if done.returncode:
        sys.exit(f"mkdocs build --strict failed:\n{done.stderr}")
    stats: list[tuple[str, int]] = []
    server = serve(site, port=port, stats=stats)
    base = f"http://127.0.0.1:{port}/"

    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)

        # Home page, cold.
        context = browser.new_context(viewport=PHONE, is_mobile=True)
        page = context.new_page()
        stats.clear()
        page.goto(base, wait_until="networkidle")
        page.wait_for_timeout(500)
        figures["home_bytes"] = sum(n for _, n in stats)
        figures["home_requests"] = len(stats)
        context.close()

        # Tool page, cold: bytes, first paint, Python ready, long tasks.
        context = browser.new_context(viewport=PHONE, is_mobile=True)
        context.add_init_script(OBSERVE_LONG_TASKS)
        page = context.new_page()
        stats.clear()
        page.goto(base + TOOL)
        page.wait_for_selector('.calc[data-state="ready"]', timeout=180_000)
        ready_cold = page.evaluate("performance.now()")
        page.wait_for_timeout(300)
        figures["tool_bytes"] = sum(n for _, n in stats)
        figures["tool_requests"] = len(stats)
        figures["tool_biggest"] = sorted(stats, key=lambda s: -s[1])[:4]
        figures["first_paint_ms"] = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
        figures["ready_cold_ms"] = ready_cold
        long_tasks = page.evaluate("window.__longTasks")
        start = page.evaluate("performance.getEntriesByName('calculators:python-start')[0].startTime")
        ready = page.evaluate("performance.getEntriesByName('calculators:python-ready')[0].startTime")
        figures["python_start_ms"], figures["python_ready_mark_ms"] = start, ready
        # A task overlapping the start-up window counts, even if it began just before it.
        during = [t["duration"] for t in long_tasks if t["start"] + t["duration"] > start and t["start"] < ready]
        before = [t["duration"] for t in long_tasks if t["start"] + t["duration"] <= start]
        figures["longest_task_ms"] = max(during, default=None)
        figures["longest_page_load_task_ms"] = max(before, default=None)

        # Recompute latency on the ready page.
        page.evaluate(RECOMPUTE, 3)  # warm-up
        samples = page.evaluate(RECOMPUTE, args.runs)
        figures["recompute_median_ms"] = statistics.median(samples)
        figures["recompute_p95_ms"] = statistics.quantiles(samples, n=20)[18]

        # Reload with a warm HTTP cache.
        stats.clear()
        page.reload()
        page.wait_for_selector('.calc[data-state="ready"]', timeout=180_000)
        figures["ready_reload_ms"] = page.evaluate("performance.now()")
        figures["reload_bytes"] = sum(n for _, n in stats)
        context.close()
        browser.close()
    server.shutdown()

    longest = figures["longest_task_ms"]
    page_load = figures["longest_page_load_task_ms"]
    rows = [
        ("home page transferred", kb(figures["home_bytes"]) + f" in {figures['home_requests']} requests", "< 150 KB", figures["home_bytes"] < 150 * 1024),
        ("tool page transferred until Python ready", kb(figures["tool_bytes"]) + f" in {figures['tool_requests']} requests", "", None),
        ("time to first visible result (FCP)", f"{figures['first_paint_ms']:.0f} ms", "", None),
        ("time to Python ready, cold", f"{figures['ready_cold_ms']:.0f} ms", "", None),
        ("time to Python ready, reload", f"{figures['ready_reload_ms']:.0f} ms ({kb(figures['reload_bytes'])} transferred)", "", None),
        ("recompute latency median", f"{figures['recompute_median_ms']:.1f} ms", "", None),
        ("recompute latency p95", f"{figures['recompute_p95_ms']:.1f} ms", "< 50 ms", figures["recompute_p95_ms"] < 50),
        ("longest main-thread task while Python starts", "none ≥ 50 ms" if longest is None else f"{longest:.0f} ms", "≤ 50 ms", longest is None or longest <= 50),
        ("  (Python start-up window)", f"{figures['python_start_ms']:.0f}–{figures['python_ready_mark_ms']:.0f} ms after navigation", "", None),
        ("longest task during page load, before that", "none ≥ 50 ms" if page_load is None else f"{page_load:.0f} ms (HTML, theme)", "", None),
    ]
    print(f"\nBenchmark {time.strftime('%Y-%m-%d %H:%M')} — headless Chromium, 360×740, site served by scripts/static_server.py (gzip)\n")
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("  PASS" if ok else "  MISS")
        print(f"  {name:<46} {value:<40} {target:>8}{mark}")
    print("\n  largest responses on the tool page:", ", ".join(f"{path} {kb(n)}" for path, n in figures["tool_biggest"]))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    main()
