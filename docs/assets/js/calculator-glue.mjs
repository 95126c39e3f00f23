// Browser glue for every calculator on the site. It knows no calculator by name: the form,
// its messages and the results all come from Python (calculators/), built into the page at
// build time and recomputed live in a Web Worker (calculator-worker.mjs).
//
// One worker per visit: this module is evaluated once, and mkdocs-material's instant
// navigation swaps page content without reloading it, so the worker (and Python in it) lives
// on from page to page. Each page's listeners are bound through `document$` and removed when
// the page is left.

const SITE_ROOT = new URL("../../", import.meta.url).pathname;
const WORKER_URL = new URL("calculator-worker.mjs", import.meta.url);
const DEBOUNCE_MS = 250;

let worker = null;
let pythonState = "idle"; // idle → loading → ready | error
let progress = { step: 0, steps: 0 };
let nextRequest = 1;
const waiting = new Map(); // request id → block
let blocks = []; // calculator blocks on the current page

// ---- the worker -----------------------------------------------------------------------

function startWorker() {
  if (worker || pythonState === "error") return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    setPythonState("error");
    return;
  }
  try {
    worker = new Worker(WORKER_URL, { type: "module" });
  } catch (error) {
    setPythonState("error");
    return;
  }
  setPythonState("loading");
  // Marks for bench/run.py (the Performance API stays on this device like everything else).
  performance.mark("calculators:python-start");
  worker.addEventListener("message", (event) => {
    const message = event.data;
    if (message.type === "status") {
      progress = { step: message.step, steps: message.steps };
      setPythonState(message.state);
    } else if (message.type === "result") {
      const block = waiting.get(message.id);
      waiting.delete(message.id);
      if (block && block.latest === message.id) showOutcome(block, message.outcome);
    }
  });
  worker.addEventListener("error", () => setPythonState("error"));
}

function setPythonState(state) {
  if (state === "ready" && pythonState !== "ready") performance.mark("calculators:python-ready");
  pythonState = state;
  for (const block of blocks) renderState(block);
  if (state === "ready") {
    for (const block of blocks) if (block.dirty) compute(block);
  }
  if (state === "error") {
    worker = null;
    // The built-in example is all we can show: put the inputs back to match it.
    for (const block of blocks) if (block.dirty) restoreDefaults(block, false);
  }
}

// ---- one calculator block ---------------------------------------------------------------

function bind(element, signal) {
  const form = element.querySelector("form");
  const block = {
    element,
    form,
    calc: element.dataset.calc,
    result: element.querySelector(".calc-result"),
    statusText: element.querySelector(".calc-status__text"),
    progress: element.querySelector(".calc-progress"),
    latest: 0,
    dirty: false,
    timer: 0,
  };
  const later = () => {
    block.dirty = true;
    clearTimeout(block.timer);
    block.timer = setTimeout(() => compute(block), DEBOUNCE_MS);
  };
  const now = (event) => {
    if (event) event.preventDefault();
    block.dirty = true;
    clearTimeout(block.timer);
    compute(block);
  };
  form.addEventListener("input", later, { signal });
  form.addEventListener("change", (event) => (event.target.type === "text" ? later() : now()), { signal });
  form.addEventListener("submit", now, { signal });
  element.querySelector("[data-calc-reset]").addEventListener("click", () => restoreDefaults(block, true), { signal });
  element.addEventListener("click", (event) => copySummary(event, element), { signal });
  signal.addEventListener("abort", () => clearTimeout(block.timer));

  if (fillFromFragment(block)) block.dirty = true;
  revealCopyButton(element);
  return block;
}

function controls(block) {
  return Array.from(block.form.elements).filter((el) => el.name);
}

function readInputs(block) {
  const inputs = {};
  for (const el of controls(block)) inputs[el.name] = el.type === "checkbox" ? (el.checked ? "yes" : "no") : el.value;
  return inputs;
}

function isDefault(el) {
  if (el.type === "checkbox") return el.checked === el.defaultChecked;
  if (el.tagName === "SELECT") return Array.from(el.options).every((o) => o.selected === o.defaultSelected);
  return el.value === el.defaultValue;
}

function compute(block) {
  if (pythonState !== "ready") {
    startWorker();
    renderState(block);
    return;
  }
  mirrorInFragment(block);
  const id = nextRequest++;
  block.latest = id;
  waiting.set(id, block);
  block.element.dataset.busy = "true";
  worker.postMessage({ type: "run", id, calc: block.calc, inputs: readInputs(block), linkBase: SITE_ROOT });
}

function showOutcome(block, outcome) {
  block.dirty = false;
  delete block.element.dataset.busy;
  const errors = outcome.ok ? {} : outcome.errors;
  for (const slot of block.element.querySelectorAll("[data-error-for]")) {
    const message = errors[slot.dataset.errorFor] || "";
    slot.textContent = message;
    slot.hidden = !message;
    if (message) openEnclosing(slot);
    const control = slot.dataset.errorFor && block.form.elements.namedItem(slot.dataset.errorFor);
    if (control) control.toggleAttribute("aria-invalid", Boolean(message));
  }
  if (outcome.ok) {
    block.result.innerHTML = outcome.html; // built by Python with every text escaped
    block.result.classList.remove("calc-result--stale");
    revealCopyButton(block.element);
    // The state line is a live region: announce the update with the headline figure rather
    // than making screen readers read out the whole result again.
    const figure = block.result.querySelector(".calc-figure");
    const headline = figure ? `${figure.querySelector("dt").textContent}：${figure.querySelector("dd").firstChild.textContent}` : "";
    block.statusText.textContent = block.element.dataset.msgUpdated + headline;
  } else {
    // Keep the last good result, visibly marked as not matching the inputs any more.
    block.result.classList.add("calc-result--stale");
  }
  block.element.dataset.result = outcome.ok ? "ok" : "errors";
}

function renderState(block) {
  const state = pythonState === "idle" ? "static" : pythonState;
  block.element.dataset.state = state;
  let text = block.element.dataset[`msg${state[0].toUpperCase()}${state.slice(1)}`] || "";
  if (state === "loading" && progress.steps) text += `（${progress.step}/${progress.steps}）`;
  block.statusText.textContent = text;
  block.progress.hidden = state !== "loading";
  if (state === "loading" && progress.steps) {
    block.progress.max = progress.steps + 1;
    block.progress.value = progress.step;
  } else {
    block.progress.removeAttribute("value");
  }
}

function restoreDefaults(block, recompute) {
  for (const el of controls(block)) {
    if (el.type === "checkbox") el.checked = el.defaultChecked;
    else if (el.tagName === "SELECT") for (const o of el.options) o.selected = o.defaultSelected;
    else el.value = el.defaultValue;
  }
  history.replaceState(history.state, "", location.pathname + location.search);
  block.dirty = recompute;
  if (recompute) compute(block);
}

// A field under "更多选项" that holds something to see must not stay folded away.
function openEnclosing(el) {
  const details = el.closest("details");
  if (details) details.open = true;
}

// ---- the URL fragment: #field=value&field=value (never sent to any server) --------------

function fillFromFragment(block) {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (!hash.includes("=")) return false;
  const params = new URLSearchParams(location.hash.slice(1));
  let filled = false;
  for (const el of controls(block)) {
    if (!params.has(el.name)) continue;
    const value = params.get(el.name);
    if (el.type === "checkbox") el.checked = ["yes", "true", "1", "on"].includes(value.toLowerCase());
    else el.value = value;
    if (!isDefault(el)) openEnclosing(el);
    filled = true;
  }
  return filled;
}

function mirrorInFragment(block) {
  const params = new URLSearchParams();
  for (const el of controls(block)) {
    if (!isDefault(el)) params.set(el.name, el.type === "checkbox" ? (el.checked ? "yes" : "no") : el.value);
  }
  const fragment = params.toString();
  history.replaceState(history.state, "", location.pathname + location.search + (fragment ? `#${fragment}` : ""));
}

// ---- copying the plain-text summary ----------------------------------------------------

function revealCopyButton(element) {
  const button = element.querySelector("[data-calc-copy]");
  if (button) button.hidden = false;
}

async function copySummary(event, element) {
  const button = event.target.closest("[data-calc-copy]");
  if (!button) return;
  const text = element.querySelector(".calc-summary__text");
  try {
    await navigator.clipboard.writeText(text.value);
  } catch {
    // Older in-app browsers: fall back to selecting the text for a long-press copy.
    text.select();
    document.execCommand("copy");
  }
  button.textContent = "已复制";
}

// ---- page life cycle ---------------------------------------------------------------------

let pageController = null;

function onPage() {
  if (pageController) pageController.abort();
  pageController = new AbortController();
  blocks = Array.from(document.querySelectorAll(".calc[data-calc]"), (el) => bind(el, pageController.signal));
  if (!blocks.length) return;
  // Start Python once the page has painted, in a task of its own, so that it never adds to
  // the work of showing the page (the worked example is already there).
  requestAnimationFrame(() => setTimeout(startWorker, 0));
  for (const block of blocks) {
    renderState(block);
    if (block.dirty && pythonState === "ready") compute(block);
  }
}

// `document$` is mkdocs-material's observable of page loads (first load and every instant
// navigation). Without it (theme changed, script blocked) fall back to a single run.
if (window.document$) window.document$.subscribe(onPage);
else onPage();
