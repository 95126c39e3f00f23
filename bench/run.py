"""Benchmark: build the site, serve it as it is deployed, and measure in headless Chromium at
phone size, side by side with a reference page. Prints figures beside the targets of issue 10;
asserts nothing.

    make bench            (or: .venv/bin/python bench/run.py [--runs N] [--lighthouse yes|no|auto])

The reference page (bench/reference/) loads the same Pyodide (the npm package, untouched) in a
module worker and runs one function. Tool page and reference page are measured alternately,
`--runs` times each (default 5), and the medians are compared as ratios:
- Python ready, cold: a fresh browser profile; bytes transferred until ready;
- Python ready, repeat visit: the browser closed and opened again on the same profile (disk
  cache, service worker and stored data as a returning reader has them); requests that reached
  the server and how many of them were answered 304.
Each of these visits starts in a newly launched browser once that browser has settled (see
browser_quiet.py: Chromium's own start-up is not the page's). On the tool page, each run also
records the longest main-thread task while Python starts (Long Tasks API: only tasks ≥ 50 ms
are reported, so 0 or "none" means every task was shorter).
Then, once: bytes of the home page and every guide page; recompute latency (a tap on 计算 → the
new result in the page, → the next frame, → that frame's work done; median and p95). With
--lighthouse (the default when `npx lighthouse` is installed), Lighthouse runs over every page
in mobile mode (the median of 3 runs a guide page and 5 a tool page, `--lighthouse-runs N`,
`--lighthouse-tool-runs N`, made in passes over all pages) and prints its scores.

    .venv/bin/python bench/run.py --only recompute [--runs N] [--samples N]

measures only the recompute latency: --samples on each of --runs fresh tool pages, pooled.
"""

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))
from local_site import CHROMIUM_ARGS, build, chromium_executable, free_port  # noqa: E402
from browser_quiet import wait_until_quiet  # noqa: E402
from lighthouse_run import OWN_SCRIPT  # noqa: E402

PHONE = {"width": 360, "height": 740}
TOOL = "tools/repayment-plan/"
REFERENCE = "bench-reference/"
TOOL_READY = "calculators:python-ready"
SNAPSHOT_DONE = "() => performance.getEntriesByType('mark').some(m => /snapshot-(stored|failed)/.test(m.name))"
# The runtime script compiled once more from the service worker's copy, for the next visit
# (python.mjs, compileRuntimeForNextVisit): about 10 s after a first visit's Python is ready.
CODE_CACHE_DONE = "() => performance.getEntriesByType('mark').some(m => m.name.startsWith('calculators:code-cache-'))"
REFERENCE_READY = "reference:python-ready"
SW_SETTLED = """async () => { const r = await navigator.serviceWorker.getRegistration();
  return Boolean(r && r.active && r.active.state === 'activated' && !r.installing && !r.waiting); }"""
NETWORK_RTT_MS = 150  # a phone on a good 4G network; Lighthouse's slow 4G is 150 ms too

# Recompute in the worker, per tool: the round trip of one `run` through the glue's own worker
# client (calc/python.mjs, the module instance the page already uses), typical inputs (the
# page's defaults) and, where a tool has rows, a worst case: its most rows (30; 10 incomes), and for several-debts a
# budget that only just beats the interest, so the plan runs for hundreds of months.
TOOL_RECOMPUTE = """
async ([calc, inputs, runs]) => {
  const glue = document.querySelector('script[src$="calculator-glue.mjs"]').src;
  const python = await import(new URL("calc/python.mjs", glue).href);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const outcome = await new Promise((resolve) => python.request(calc, inputs, resolve));
    times.push(performance.now() - start);
    if (!outcome.ok) return {error: JSON.stringify(outcome.errors)};
  }
  return {times};
}
"""


def worst_inputs(calc_id: str) -> dict | None:
    if calc_id == "several-debts":
        rows = {"debts": "30"}
        for n in range(1, 31):
            rows |= {f"debts.{n}.name": f"债务{n}", f"debts.{n}.balance": "10000", f"debts.{n}.rate": f"{23.85 + n / 1000:.3f}%",
                     f"debts.{n}.minimum": "200", f"debts.{n}.days_overdue": str(n * 7), f"debts.{n}.kind": "microloan"}
        return rows | {"budget": "6000"}
    if calc_id == "true-rate":
        rows = {"schedule": "custom", "received": "9000", "payments": "30"}
        for n in range(1, 31):
            rows |= {f"payments.{n}.date": f"{2024 + (n - 1) // 12}-{(n - 1) % 12 + 1:02d}-15", f"payments.{n}.amount": "420"}
        return rows | {"contract_date": "2023-12-15"}
    if calc_id == "affordability":
        rows = {"incomes": "10"}  # its limit
        for n in range(1, 11):
            rows |= {f"incomes.{n}.name": f"收入{n}", f"incomes.{n}.amount": "300"}
        return rows
    return None

# Registered before any page script: collects long tasks from navigation start on, and the
# scripts that ran in long animation frames (to tell the site's own scripts from the browser's
# own work in the same task).
OBSERVE_LONG_TASKS = """
window.__longTasks = [];
window.__longScripts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push({start: e.startTime, duration: e.duration});
}).observe({type: "longtask", buffered: true});
try {
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries())
      for (const s of frame.scripts) window.__longScripts.push({start: s.startTime, duration: s.duration, source: s.sourceURL || s.invoker || ""});
  }).observe({type: "long-animation-frame", buffered: true});
} catch (error) {}
"""

# Recompute on the page, as a reader sees it: from the reader's request (a tap on 计算: a click
# on the form's submit button, which the glue answers at once, as it answers the end of typing)
# to the new result in the page (the result's DOM updated: the reader's part of the latency),
# to the next frame (when the screen can show it; up to one frame more, 16.7 ms at 60 Hz,
# whatever the page does), and to the end of that frame's work on the main thread (a task
# queued from the frame: the page's style, layout and paint of the new result, and whatever
# else the page queued for right after it). A pause between samples, as between a reader's edits.
RECOMPUTE = """
async (runs) => {
  const block = document.querySelector(".calc");
  const form = block.querySelector("form");
  const button = form.querySelector('[type="submit"]');
  const field = form.elements.namedItem("principal");
  const result = block.querySelector(".calc-result");
  const inPage = [], onScreen = [], painted = [];
  for (let i = 0; i < runs; i++) {
    let shown = 0, frame = 0;
    const changed = new Promise((resolve) => {
      const seen = new MutationObserver(() => {
        seen.disconnect();
        shown = performance.now();
        requestAnimationFrame(() => {
          frame = performance.now();
          setTimeout(resolve);
        });
      });
      // Any change: the glue changes only the texts and attributes that differ (calc/patch.mjs).
      seen.observe(result, {childList: true, characterData: true, attributes: true, subtree: true});
    });
    field.value = String(10000 + i * 137);
    const start = performance.now();
    button.click();
    await changed;
    inPage.push(shown - start);
    onScreen.push(frame - start);
    painted.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  return {inPage, onScreen, painted};
}
"""


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.2f} MB"


def add_reference(site: Path) -> None:
    """bench/reference/ plus an untouched copy of the npm package's runtime, inside the site."""
    ref = site / REFERENCE
    shutil.rmtree(ref, ignore_errors=True)
    shutil.copytree(ROOT / "bench" / "reference", ref)
    runtime = ref / "pyodide"
    runtime.mkdir()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        shutil.copy2(ROOT / "node_modules" / "pyodide" / name, runtime / name)
    try:
        import precompress

        precompress.compress_tree(ref)
    except ImportError:  # before the precompressing build step existed (the BEFORE figures)
        pass


def wait_mark(page, mark: str) -> float:
    page.wait_for_function("m => performance.getEntriesByName(m).length > 0", arg=mark, timeout=180_000, polling=20)
    return page.evaluate("m => performance.getEntriesByName(m)[0].startTime", mark)


class Bench:
    def __init__(self, playwright, base: str, server):
        self.p, self.base, self.server = playwright, base, server
        self.launch_settled_s: list[float] = []

    def context(self, profile: Path):
        """A browser launched on this profile, once it has finished its own start-up (see
        browser_quiet): the visit's figures are then the page's, not the browser's launch."""
        context = self.p.chromium.launch_persistent_context(
            str(profile), executable_path=chromium_executable(), args=CHROMIUM_ARGS, viewport=PHONE, is_mobile=True
        )
        self.launch_settled_s.append(wait_until_quiet())
        return context

    def cold_and_repeat(self, path: str, mark: str) -> dict:
        """A first visit on a fresh profile, then the browser closed and the page visited again."""
        out = {}
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
            for visit in ("cold", "repeat"):
                context = self.context(Path(profile))
                context.add_init_script(OBSERVE_LONG_TASKS)
                page = context.pages[0] if context.pages else context.new_page()
                self.server.clear()
                page.goto(self.base + path)
                out[f"{visit}_ms"] = wait_mark(page, mark)
                if mark == TOOL_READY:
                    out[f"{visit}_longest_task_ms"] = longest_task_while_python_starts(page, out[f"{visit}_ms"])
                hits = self.server.hits()
                out[f"{visit}_bytes"] = sum(h[2] for h in hits)
                out[f"{visit}_requests"] = len(hits)
                out[f"{visit}_304"] = sum(1 for h in hits if h[1] == 304)
                if visit == "cold":
                    # Let work meant for after the first visit (the memory snapshot, the service
                    # worker's precache) finish, as it would while the reader reads.
                    if mark == TOOL_READY:
                        for done in (SNAPSHOT_DONE, CODE_CACHE_DONE):
                            try:
                                page.wait_for_function(done, timeout=120_000, polling=100)
                            except Exception:
                                pass
                        out["after_first_visit"] = page.evaluate("performance.getEntriesByType('mark').map(m => m.name).filter(n => /snapshot|code-cache/.test(n))")
                    page.wait_for_timeout(self.settle_ms)
                else:
                    out["snapshot_used"] = page.evaluate("performance.getEntriesByName('calculators:snapshot-used').length > 0")
                context.close()
        return out

    settle_ms = 2000

    def repeat_on_a_network(self, path: str, rtt_ms: float) -> dict:
        """A first visit and a repeat visit through scripts/latency_proxy.py (every request that
        reaches the server costs rtt_ms more): what a returning reader's phone asks the server
        for shows here, not on localhost. The first visit waits for the service worker's
        precache too, so the repeat visit finds what a returning reader's device has."""
        from latency_proxy import LatencyProxy

        out = {}
        port = int(self.base.rsplit(":", 1)[1].strip("/"))
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile, LatencyProxy(port, rtt_ms) as proxy:
            base = f"http://127.0.0.1:{proxy.port}/"
            for visit in ("cold", "repeat"):
                context = self.context(Path(profile))
                page = context.pages[0] if context.pages else context.new_page()
                self.server.clear()
                page.goto(base + path)
                out[f"{visit}_ms"] = wait_mark(page, TOOL_READY)
                if visit == "cold":
                    page.wait_for_function(SNAPSHOT_DONE, timeout=120_000, polling=100)
                    # Polled: wait_for_function does not await an async predicate.
                    deadline = time.monotonic() + 120
                    while time.monotonic() < deadline and not page.evaluate(SW_SETTLED):
                        page.wait_for_timeout(200)
                    page.wait_for_function(CODE_CACHE_DONE, timeout=120_000, polling=100)
                    page.wait_for_timeout(self.settle_ms)
                else:
                    out["first_paint_ms"] = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime")
                    out["requests"] = len(self.server.hits())
                context.close()
        return out


def longest_task_while_python_starts(page, ready: float) -> float:
    """The longest main-thread task between Python's start and ready (0: none of 50 ms or more)."""
    start = page.evaluate("performance.getEntriesByName('calculators:python-start')[0].startTime")
    tasks = page.evaluate("window.__longTasks")
    return max((t["duration"] for t in tasks if t["start"] + t["duration"] > start and t["start"] < ready), default=0)


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="alternating runs per page (medians are reported)")
    parser.add_argument("--samples", type=int, default=40, help="recompute samples")
    parser.add_argument("--lighthouse", choices=("yes", "no", "auto"), default="auto")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per guide page (the median run is reported)")
    parser.add_argument("--lighthouse-tool-runs", type=int, default=5, help="Lighthouse runs per tool page")
    parser.add_argument("--only", choices=("recompute",), help="measure only this (recompute: --samples on each of --runs fresh pages)")
    args = parser.parse_args()

    port = free_port()
    site = ROOT / "build" / "bench-site"
    done = build(site, port)
    if done.returncode:
        sys.exit(f"mkdocs build --strict failed:\n{done.stderr}")
    add_reference(site)

    from nginx_server import NginxServer

    kind = "nginx (deploy/nginx.conf)"
    server = NginxServer(site, port)
    base = f"http://127.0.0.1:{port}/"

    from playwright.sync_api import sync_playwright

    figures: dict = {"server": kind}
    if args.only == "recompute":
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
            samples = {"inPage": [], "onScreen": [], "painted": []}
            for _ in range(args.runs):
                context = browser.new_context(viewport=PHONE, is_mobile=True)
                page = context.new_page()
                page.goto(base + TOOL)
                wait_mark(page, TOOL_READY)
                page.evaluate(RECOMPUTE, 3)  # warm-up
                for key, values in page.evaluate(RECOMPUTE, args.samples).items():
                    samples[key] += values
                context.close()
            browser.close()
        server.stop()
        recompute_figures(figures, samples)
        print(f"\nRecompute on {TOOL}, {args.runs} pages × {args.samples} samples (median / p95)\n")
        print_rows(recompute_rows(figures))
        return
    with sync_playwright() as p:
        bench = Bench(p, base, server)
        tool_runs, ref_runs = [], []
        for i in range(args.runs):
            order = [(TOOL, TOOL_READY, tool_runs), (REFERENCE, REFERENCE_READY, ref_runs)]
            for path, mark, runs in order if i % 2 == 0 else reversed(order):
                runs.append(bench.cold_and_repeat(path, mark))
            print(f"  run {i + 1}/{args.runs}: tool {tool_runs[-1]['cold_ms']:.0f}/{tool_runs[-1]['repeat_ms']:.0f} ms, "
                  f"reference {ref_runs[-1]['cold_ms']:.0f}/{ref_runs[-1]['repeat_ms']:.0f} ms (cold/repeat)", flush=True)
        figures["tool_runs"], figures["reference_runs"] = tool_runs, ref_runs
        figures["network_runs"] = [bench.repeat_on_a_network(TOOL, NETWORK_RTT_MS) for _ in range(args.runs)]
        figures["launch_settled_s"] = [round(w, 1) for w in bench.launch_settled_s]

        browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        # Every page except the tools (and the reference), cold: bytes.
        page_bytes = {}
        for html in sorted(site.rglob("index.html")):
            rel = html.parent.relative_to(site).as_posix()
            path = "" if rel == "." else rel + "/"
            if path.startswith(("tools/", REFERENCE, "pyodide")) and path != "tools/":
                continue
            # The page itself: the service worker's precache, after the visit is idle, is
            # reported separately below.
            context = browser.new_context(viewport=PHONE, is_mobile=True, service_workers="block")
            page = context.new_page()
            server.clear()
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            page_bytes[path or "/"] = sum(h[2] for h in server.hits())
            context.close()
        figures["page_bytes"] = page_bytes
        # What the service worker downloads in the background after a first visit to the home page.
        context = browser.new_context(viewport=PHONE, is_mobile=True)
        page = context.new_page()
        server.clear()
        page.goto(base, wait_until="networkidle")
        # Polled with evaluate: page.wait_for_function does not await an async predicate (a
        # promise is truthy), so it would return at once.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not page.evaluate(
            "async () => (await caches.keys()).some(n => n.startsWith('site-'))"
            " && (await navigator.serviceWorker.ready).active?.state === 'activated'"
        ):
            page.wait_for_timeout(200)
        page.wait_for_timeout(1000)
        figures["precache_bytes"] = sum(h[2] for h in server.hits()) - page_bytes.get("/", 0)
        context.close()

        # Tool page, cold, once more: long tasks and recompute latency.
        context = browser.new_context(viewport=PHONE, is_mobile=True)
        context.add_init_script(OBSERVE_LONG_TASKS)
        page = context.new_page()
        page.goto(base + TOOL)
        ready = wait_mark(page, TOOL_READY)
        figures["first_paint_ms"] = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
        start = page.evaluate("performance.getEntriesByName('calculators:python-start')[0].startTime")
        figures["python_start_ms"], figures["python_ready_mark_ms"] = start, ready
        figures["longest_task_ms"] = longest_task_while_python_starts(page, ready)
        before = [t["duration"] for t in page.evaluate("window.__longTasks") if t["start"] + t["duration"] <= start]
        figures["longest_page_load_task_ms"] = max(before, default=None)
        # How long the site's own scripts (assets/js/, served from assets/<hash>/: the glue,
        # start-early.js, the theme replacements) ran in those tasks; the rest is the browser's
        # work (style, layout).
        scripts = [t for t in page.evaluate("window.__longScripts") if t["start"] + t["duration"] > start and t["start"] < ready]
        figures["longest_own_script_ms"] = max((t["duration"] for t in scripts if OWN_SCRIPT.search(t["source"])), default=0)
        page.evaluate(RECOMPUTE, 3)  # warm-up
        recompute_figures(figures, page.evaluate(RECOMPUTE, args.samples))
        context.close()

        # Every tool page: recompute in the worker, typical and worst case.
        from calculators.api import run as run_in_cpython

        figures["tool_recompute"] = {}
        context = browser.new_context(viewport=PHONE, is_mobile=True, service_workers="block")
        page = context.new_page()
        for calc_id in tool_ids(site):
            page.goto(base + f"tools/{calc_id}/")
            page.wait_for_selector('.calc[data-state="ready"]', timeout=180_000)
            cases = {"typical": run_in_cpython(calc_id, {})["values"]}
            if worst_inputs(calc_id):
                cases["worst"] = worst_inputs(calc_id)
            for case, inputs in cases.items():
                page.evaluate(TOOL_RECOMPUTE, [calc_id, inputs, 3])  # warm-up
                got = page.evaluate(TOOL_RECOMPUTE, [calc_id, inputs, args.samples // 2])
                figures["tool_recompute"][f"{calc_id} ({case})"] = got
        context.close()
        browser.close()
    server.stop()

    lighthouse = None
    if args.lighthouse != "no":
        import lighthouse_run

        if args.lighthouse == "yes" or lighthouse_run.available():
            server = NginxServer(site, port)
            try:
                lighthouse = lighthouse_run.run_all(
                    base, [k if k != "/" else "" for k in page_bytes] + [f"tools/{c}/" for c in tool_ids(site)], chromium_executable(),
                    args.lighthouse_runs, args.lighthouse_tool_runs,
                )
            finally:
                server.stop()
    figures["lighthouse"] = lighthouse
    report(figures, args.runs)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(figures, indent=2, default=str))


def recompute_figures(figures: dict, samples: dict) -> None:
    figures["recompute_samples_ms"] = [round(t, 1) for t in samples["inPage"]]  # in order, for results/latest.json
    for key, name in (("inPage", "recompute"), ("onScreen", "recompute_frame"), ("painted", "recompute_painted")):
        figures[f"{name}_median_ms"] = statistics.median(samples[key])
        figures[f"{name}_p95_ms"] = statistics.quantiles(samples[key], n=20)[18]


def network_rows(runs: list[dict] | None) -> list[tuple]:
    if not runs:
        return []
    return [(f"repeat visit, {NETWORK_RTT_MS} ms round trip: Python ready",
             f"{median(runs, 'repeat_ms'):.0f} ms (first paint {median(runs, 'first_paint_ms'):.0f} ms, "
             f"{median(runs, 'requests'):.0f} request(s) to the server)", "", None)]


def recompute_rows(f: dict) -> list[tuple]:
    return [
        ("recompute, 计算 → result in the page, med./p95", f"{f['recompute_median_ms']:.1f} / {f['recompute_p95_ms']:.1f} ms", "p95 ≤ 25", f["recompute_p95_ms"] <= 25),
        ("  … → next frame (+ wait for the display)", f"{f['recompute_frame_median_ms']:.1f} / {f['recompute_frame_p95_ms']:.1f} ms", "", None),
        ("  … → that frame's work done (style, layout, paint)", f"{f['recompute_painted_median_ms']:.1f} / {f['recompute_painted_p95_ms']:.1f} ms", "", None),
    ]


def print_rows(rows: list[tuple]) -> None:
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("  PASS" if ok else "  MISS")
        print(f"  {name:<48} {value:<58} {target:>9}{mark}")


# What stands in the way of a target this run missed: the cause found by measuring it (the
# README has the figures). Printed under the row, only when the row says MISS.
IN_THE_WAY = {
    "Python ready, cold (tool / reference)":
        "CPU: Pyodide's own start-up, the same as the reference's (its JavaScript, with no code cache on a first visit, and "
        "Python's bootstrap importing about 150 standard-library modules, its WebAssembly compiled function by function as it "
        "first runs: about 650 of 1360 ms on a quiet machine), after the page's load (300 ms) and the runtime's download and "
        "compile (320 ms); the calculators' import 80 ms",
    "Python ready, repeat visit (tool / ref. repeat)":
        "CPU on 2 cores (instrumented, quiet machine, ready at +884 ms): Pyodide's two scripts (from V8's code cache, made on the "
        "first visit; its factory runs at +370); the WebAssembly module read from the device and validated (9.6 MB, about 220 ms, "
        "the last 120 ms waited for); instantiating it and Pyodide's start-up after it (about 250 ms); the page's layout on the "
        "other core",
    "recompute, 计算 → result in the page, med./p95":
        "the machine's load: the worker's answer waits for a core (3 pages × 40 on a quieter machine: p95 21.6 ms)",
    "longest main-thread task while Python starts":
        "the page's first layout (60–95 ms of CPU on this machine, half of it shaping Chinese text); no script of the site runs 50 ms",
}


def with_reasons(rows: list[tuple]) -> list[tuple]:
    out = []
    for row in rows:
        out.append(row)
        if row[3] is False and row[0] in IN_THE_WAY:
            out.append(("    in the way:", IN_THE_WAY[row[0]], "", None))
    return out


def settled_text(waits: list[float] | None) -> str:
    if not waits:
        return "(not measured)"
    return f"waited {statistics.median(waits):.1f} s (median; {min(waits):.1f}–{max(waits):.1f}) after each launch"


def tool_ids(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "tools").iterdir() if (p / "index.html").exists())


def report(f: dict, runs: int) -> None:
    tool, ref = f["tool_runs"], f["reference_runs"]
    cold, ref_cold = median(tool, "cold_ms"), median(ref, "cold_ms")
    repeat, ref_repeat = median(tool, "repeat_ms"), median(ref, "repeat_ms")
    cold_bytes = median(tool, "cold_bytes")
    guide = {k: v for k, v in f["page_bytes"].items() if k != "/"}
    worst_guide = max(guide.items(), key=lambda kv: kv[1]) if guide else ("-", 0)
    # The target row: the median over the cold runs (each run's figure printed beside it).
    longest = median(tool, "cold_longest_task_ms")
    cold_longest = ", ".join(f"{r['cold_longest_task_ms']:.0f}" for r in tool)
    repeat_longest = ", ".join(f"{r['repeat_longest_task_ms']:.0f}" for r in tool)
    once, page_load = f["longest_task_ms"], f["longest_page_load_task_ms"]

    def ratio(a, b):
        return a / b if b else float("nan")

    rows = [
        ("Python ready, cold (tool / reference)", f"{cold:.0f} / {ref_cold:.0f} ms = {ratio(cold, ref_cold):.2f}×", "≤ 0.50×", ratio(cold, ref_cold) <= 0.5),
        ("Python ready, repeat visit (tool / ref. repeat)", f"{repeat:.0f} / {ref_repeat:.0f} ms = {ratio(repeat, ref_repeat):.2f}×", "≤ 0.25×", ratio(repeat, ref_repeat) <= 0.25),
        ("  each visit began once the new browser had settled", settled_text(f.get("launch_settled_s")), "", None),
        ("  repeat visits started from the snapshot", f"{sum(1 for r in tool if r.get('snapshot_used'))} of {len(tool)}", "", None),
        ("  first visits that compiled Pyodide's script for the next", f"{sum(1 for r in tool if 'calculators:code-cache-compiled' in r.get('after_first_visit', []))} of {len(tool)}", "", None),
        ("  repeat visit: requests (304s), bytes", f"tool {median(tool, 'repeat_requests'):.0f} ({median(tool, 'repeat_304'):.0f}), {kb(median(tool, 'repeat_bytes'))}; "
         f"ref. {median(ref, 'repeat_requests'):.0f} ({median(ref, 'repeat_304'):.0f})", "", None),
        *network_rows(f.get("network_runs")),
        ("bytes until Python ready, first visit", f"{mb(cold_bytes)} in {median(tool, 'cold_requests'):.0f} requests (ref. {mb(median(ref, 'cold_bytes'))})", "≤ 4.5 MB", cold_bytes <= 4.5 * 1024 * 1024),
        ("home page transferred", kb(f["page_bytes"].get("/", 0)), "≤ 100 KB", f["page_bytes"].get("/", 0) <= 100 * 1024),
        ("heaviest guide page transferred", f"{kb(worst_guide[1])} ({worst_guide[0]}, {len(guide)} pages)", "≤ 100 KB", worst_guide[1] <= 100 * 1024),
        ("offline precache after a home-page visit (idle)", kb(f.get("precache_bytes", 0)) + " (runtime not included unless used)", "", None),
        ("time to first visible result (FCP)", f"{f['first_paint_ms']:.0f} ms", "", None),
        *recompute_rows(f),
        ("longest main-thread task while Python starts", "none ≥ 50 ms" if not longest else f"{longest:.0f} ms", "≤ 50 ms", longest <= 50),
        ("  each cold run (0: none ≥ 50 ms)", f"{cold_longest} ms", "", None),
        ("  each repeat visit", f"{repeat_longest} ms", "", None),
        ("  the cold visit below (recompute): longest, site's scripts in it",
         f"{'none ≥ 50 ms' if not once else f'{once:.0f} ms'}, {f.get('longest_own_script_ms', 0):.0f} ms", "", None),
        ("  (its Python start-up window)", f"{f['python_start_ms']:.0f}–{f['python_ready_mark_ms']:.0f} ms after navigation", "", None),
        ("longest task during page load, before that", "none ≥ 50 ms" if page_load is None else f"{page_load:.0f} ms", "", None),
    ]
    rows.append(("recompute in the worker, per tool (median / p95)", "", "", None))
    for name, got in f.get("tool_recompute", {}).items():
        if "error" in got:
            rows.append((f"  {name}", got["error"][:58], "", False))
            continue
        p95 = statistics.quantiles(got["times"], n=20)[18]
        target = 200 if "(worst)" in name else 50
        rows.append((f"  {name}", f"{statistics.median(got['times']):.1f} / {p95:.1f} ms", f"p95 ≤ {target}", p95 <= target))
    print(f"\nBenchmark {time.strftime('%Y-%m-%d %H:%M')} — headless Chromium, 360×740, served by {f['server']}, "
          f"medians of {runs} alternating runs\n")
    print_rows(with_reasons(rows))
    if f.get("lighthouse"):
        print("\n  Lighthouse (mobile)                 perf  a11y  b.p.   SEO    TBT")
        for path, s in f["lighthouse"].items():
            if "error" in s:
                print(f"  /{path:<34} {s['error']}")
                continue
            print(f"  /{path:<34} {s['performance']:>4}  {s['accessibility']:>4}  {s['best-practices']:>4}  {s['seo']:>4}  {s['tbt']:>5.0f} ms"
                  f"  {' '.join(s['failing'])}")
            if len(s.get("runs", [])) > 1:
                print(f"  {'':<36} median of {len(s['runs'])} runs (perf / TBT): "
                      + ", ".join(f"{r['performance']} / {r['tbt']:.0f}" for r in s["runs"]))
            if s["tbt"] > 200 and "style_layout_ms" in s:
                # What stands in the way: Lighthouse's own attribution of the main thread's work.
                print(f"  {'':<36} main thread (×4 CPU): style+layout {s['style_layout_ms']:.0f} ms, scripts {s['script_ms']:.0f} ms "
                      f"(the site's own {s['own_script_ms']:.0f})")
        scored = [s for s in f["lighthouse"].values() if "error" not in s]
        if scored:
            print(f"  {'targets: perf ≥ 95, others 100, TBT ≤ 200 ms':<36} "
                  f"met on {sum(1 for s in scored if s['performance'] >= 95 and s['accessibility'] == s['best-practices'] == s['seo'] == 100 and s['tbt'] <= 200)}"
                  f" of {len(scored)} pages")


if __name__ == "__main__":
    main()
