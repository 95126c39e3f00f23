// The worker client: ONE module Web Worker per page (calculator-worker.mjs), which runs
// Pyodide and answers every calculator on the page.

// The build points this at the worker's content-addressed copy (hooks/pyodide_bundle.py).
const WORKER_URL = new URL("../calculator-worker.mjs", import.meta.url);
// The site's root path, given to Python so that links in results point into this site.
export const SITE_ROOT = new URL("../../../", import.meta.url).pathname;

let worker = null;
let state = "idle"; // idle | deferred → loading → ready | error
let progress = { step: 0, steps: 0 };
let nextRequest = 1;
const prepared = new Set(); // the calculators on the pages seen so far (see prepareCalculators)
const waiting = new Map(); // request id → callback(outcome)
const listeners = new Set();

export function pythonState() {
  return state;
}

export function pythonProgress() {
  return progress;
}

/** Calls listener(state) after every change of Python's state. */
export function onPythonState(listener) {
  listeners.add(listener);
}

/** The browser asks us to save data (Save-Data) or reports a 2G-class connection. */
export function savingData() {
  const connection = navigator.connection;
  return Boolean(connection && (connection.saveData || /2g/.test(connection.effectiveType || "")));
}

/**
 * Start Python for the calculator blocks on this page as early as the page allows (on a page
 * loaded as a whole, calc/start-early.js has already done so). When the reader saves data,
 * wait instead for the first touch of a calculator (focus, tap or key): the state line says
 * so, with the download size.
 */
export function startPythonSoon(elements) {
  if (worker || state === "ready" || state === "error") return;
  if (!savingData()) {
    startPython();
    return;
  }
  if (state === "idle") setState("deferred");
  const touched = () => startPython();
  for (const element of elements) {
    for (const type of ["focusin", "pointerdown", "keydown"]) element.addEventListener(type, touched, { once: true });
  }
}

/**
 * Names the calculators on this page, so that the worker imports them before it says Python is
 * ready (and, when Python already runs, at once): the first result then does not also wait for
 * an import. Any other calculator is imported when it is first asked for.
 */
export function prepareCalculators(ids) {
  const fresh = ids.filter((id) => !prepared.has(id));
  for (const id of fresh) prepared.add(id);
  if (worker && fresh.length) worker.postMessage({ type: "prepare", calcs: fresh });
}

export function startPython() {
  if (worker || state === "error") return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    setState("error");
    return;
  }
  try {
    worker = new Worker(WORKER_URL, { type: "module" });
  } catch (error) {
    setState("error");
    return;
  }
  // Marks for bench/run.py (the Performance API stays on this device like everything else).
  performance.mark("calculators:python-start");
  listen();
  if (prepared.size) worker.postMessage({ type: "prepare", calcs: [...prepared] });
  // Started by the glue, not from the head: the page has loaded, or nearly (see the worker's boot).
  if (document.readyState === "complete") worker.postMessage({ type: "loaded" });
  else addEventListener("load", () => worker.postMessage({ type: "loaded" }), { once: true });
}

// A worker started from the <head> (calc/start-early.js, before this module could run) is
// taken over, with the messages it sent in the meantime.
function adoptEarlyWorker() {
  const early = globalThis.calculatorsEarlyStart;
  delete globalThis.calculatorsEarlyStart;
  if (!early || !early.worker) return;
  worker = early.worker;
  for (const id of early.prepared) prepared.add(id);
  worker.onmessage = worker.onerror = null;
  listen();
  for (const message of early.messages) received(message);
  if (early.failed) setState("error");
}

function listen() {
  setState("loading");
  worker.addEventListener("message", (event) => received(event.data));
  worker.addEventListener("error", () => setState("error"));
}

function received(message) {
  if (message.type === "status") {
    progress = { step: message.step, steps: message.steps };
    setState(message.state);
  } else if (message.type === "snapshot") {
    // The memory snapshot for the next visit was used / stored / could not be made.
    performance.mark(`calculators:snapshot-${message.state}`);
  } else if (message.type === "wasm") {
    // How the worker compiled the WebAssembly module: "early" (while the rest loads) or "fallback".
    performance.mark(`calculators:wasm-${message.compiled}`);
  } else if (message.type === "result") {
    const callback = waiting.get(message.id);
    waiting.delete(message.id);
    if (callback) callback(message.outcome, message.id);
  }
}

/** Sends one computation to Python (which must be ready); returns the request id. */
export function request(calc, inputs, callback) {
  lastRequest = performance.now();
  const id = nextRequest++;
  waiting.set(id, callback);
  worker.postMessage({ type: "run", id, calc, inputs, linkBase: SITE_ROOT });
  return id;
}

// Background work of the visit (the service worker's precache, offline.mjs) waits until the
// reader has not asked for a calculation for a while, as the worker's memory snapshot does: right
// after Python is ready is when a reader types, and each of those first results came 2–4 times
// later while the precache ran (measured: the first 5–9 of 40 recomputes at 23–55 ms, against
// 7–15 ms after it).
let lastRequest = 0;

/** Calls callback once no calculation has been asked for during ms (counted from now at least). */
export function whenQuiet(ms, callback) {
  const since = performance.now();
  const check = () => {
    const wait = Math.max(since, lastRequest) + ms - performance.now();
    if (wait <= 0) callback();
    else setTimeout(check, wait);
  };
  setTimeout(check, ms);
}

/**
 * Has V8 compile Pyodide's runtime script from the copy the service worker keeps, unless that
 * was done for this copy already, in a short-lived worker (calculator-worker.mjs, named
 * "code-cache"): Chromium keeps the compiled code beside the copy, and the next visit's worker
 * reads it instead of compiling the script. Only on a page the service worker controls, once
 * Python is ready; at most once a page. Background work: the caller waits for quiet.
 */
let compiledForNextVisit = false;
export function compileRuntimeForNextVisit() {
  if (compiledForNextVisit || state !== "ready" || !navigator.serviceWorker?.controller) return;
  compiledForNextVisit = true;
  let helper;
  try {
    helper = new Worker(WORKER_URL, { type: "module", name: "code-cache" });
  } catch {
    return;
  }
  const done = (outcome) => {
    performance.mark(`calculators:code-cache-${outcome}`); // for the tests and the bench
    helper.terminate();
  };
  helper.onmessage = (event) => done(String(event.data));
  helper.onerror = () => done("failed");
}

function setState(next) {
  if (next === "ready" && state !== "ready") performance.mark("calculators:python-ready");
  state = next;
  if (next === "error") worker = null;
  for (const listener of listeners) listener(next);
}

adoptEarlyWorker();
