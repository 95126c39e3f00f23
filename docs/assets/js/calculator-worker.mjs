// The one Python runtime of a visit. Runs Pyodide off the main thread, so the page never
// freezes while Python starts, and answers every calculator on every page.
//
// Protocol (messages are plain objects):
//   page → worker  {type: "loaded"}    the page has loaded and painted (see boot)
//                  {type: "prepare", calcs: [id, …]}   the page's calculators: imported before
//                                      "ready" (or at once, after it); any other is imported
//                                      when first asked for
//                  {type: "run", id, calc, inputs, linkBase}
//   worker → page  {type: "status", state: "loading" | "ready" | "error", step, steps}
//                  {type: "result", id, outcome}   outcome as returned by calculators.run
//                  {type: "snapshot", state: "used" | "stored" | "failed"}   (for the bench)
//                  {type: "wasm", compiled: "early" | "fallback"}   (for the bench and tests)
// The worker knows no calculator by name: it forwards ids and input strings to Python.
//
// Repeat visits start from a memory snapshot kept on this device (Cache Storage): Python's
// memory with the calculators already imported. It is made by a second, short-lived worker
// (this file, named "snapshot") on a visit that had none (or had one that could not be used),
// once Python is ready and the reader has not asked for a calculation for a few seconds —
// never on the way to a result — and is named after the runtime directory, so a new
// Pyodide or new calculators (a new directory) make a new one and the old one is deleted.
// Pyodide's snapshot API is private in this version (_makeSnapshot, makeMemorySnapshot,
// _loadSnapshot); if restoring fails, the snapshot is dropped and Python starts normally.
//
// The WebAssembly module (pyodide.asm.wasm, 9 MB) is compiled by this worker itself, as soon as
// it may download (see "the WebAssembly module" below), beside everything else Pyodide's loader
// waits for; Pyodide then instantiates that module instead of fetching and compiling its own.

// Written by the build (hooks/pyodide_bundle.py): the content-addressed directory of the
// runtime (served immutable) and its download size. The build also serves this script under a
// name of its content (assets/<hash>/calculator-worker.mjs, beside assets/js/ at the same depth,
// so the URLs below are the same from both).
const RUNTIME = { dir: "", bytes: 0 };
const PYODIDE_DIR = new URL(`../../pyodide/${RUNTIME.dir}`, import.meta.url);
// Pyodide's runtime script (1.2 MB): imported by boot, and by the "code-cache" worker below.
const RUNTIME_SCRIPT_URL = new URL("pyodide.asm.mjs", PYODIDE_DIR).href;
const SNAPSHOT_CACHE = "calculators-snapshot";
// A Cache Storage key, never fetched; the format's version is in the name (an older format is
// then simply not found, and deleted when the new snapshot is stored). sparse-1.gz was this
// format gzip-compressed.
const SNAPSHOT_URL = new URL("memory-snapshot.sparse-2", PYODIDE_DIR).href;
const SNAPSHOT_DELAY_MS = 3000;
const QUIET = { stdout: () => {}, stderr: () => {} };
const SITE_ROOT = new URL("../../", import.meta.url).pathname;

// Links in results start with linkBase: accept only an absolute path on this site (no scheme,
// no host, no "//", no "..", no backslash); anything else falls back to the site's root.
function safeLinkBase(base) {
  const ok = typeof base === "string" && /^\/(?:[\w.~-]+\/)*$/.test(base) && !/(^|\/)\.\.?\//.test(base) && base.startsWith(SITE_ROOT);
  return ok ? base : SITE_ROOT;
}

let runJson = null;
let prepare = null; // calculators.api.prepare(...ids)
const wanted = []; // ids named by "prepare" before Python was ready
const queue = [];

// A failed download must end in "error", never in "loading" forever: when a runtime file
// cannot be fetched, Pyodide's loader may only log it and never settle (whether a rejection
// surfaces below depends on timing), so every failed fetch of this worker is reported here.
const siteFetch = globalThis.fetch.bind(globalThis);
const reported = (request) =>
  request.catch((error) => {
    failed(error);
    throw error;
  });
globalThis.fetch = (input, init) => wasmRequest(input) || reported(siteFetch(input, init));

function status(state, step = 0, steps = 0) {
  postMessage({ type: "status", state, step, steps });
}

function answer(message) {
  let outcome;
  try {
    outcome = JSON.parse(runJson(message.calc, JSON.stringify(message.inputs), safeLinkBase(message.linkBase)));
  } catch (error) {
    // A bug in a calculator, not bad input (bad input comes back as field errors).
    console.error("calculator failed", message.calc, error);
    outcome = { ok: false, id: message.calc, errors: { "": "计算时出现意外错误，请检查输入或刷新页面再试。" } };
  }
  postMessage({ type: "result", id: message.id, outcome });
}

async function pyodideLoader() {
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE_DIR).href);
  return loadPyodide;
}

function options(extra) {
  return {
    indexURL: PYODIDE_DIR.href,
    // The standard library (python_stdlib.zip, the default stdLibURL) is trimmed to what the
    // calculators use and precompiled. The site's own lock file lists exactly what the site
    // serves: the precompiled calculators wheel (loaded by calculatorsWheel, not by Pyodide).
    lockFileURL: new URL("pyodide-lock.json", PYODIDE_DIR).href,
    ...QUIET,
    ...extra,
  };
}

// The calculators wheel named in the site's lock file, checked against its sha256.
async function calculatorsWheel() {
  const lock = await (await fetch(new URL("pyodide-lock.json", PYODIDE_DIR))).json();
  const entry = lock.packages.calculators;
  const bytes = new Uint8Array(await (await fetch(new URL(entry.file_name, PYODIDE_DIR))).arrayBuffer());
  const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
  if (digest !== entry.sha256) throw new Error("calculators wheel does not match the lock file");
  return { name: entry.file_name, bytes };
}

// A pure-Python wheel is a zip, and Python imports from a zip on its path directly (zipimport;
// the calculators read their data files through their loader, so this works). No unpacking
// and none of Pyodide's package installer: about 100 ms less on a first visit.
function mountWheel(pyodide, wheel) {
  const path = `/lib/${wheel.name}`;
  pyodide.FS.writeFile(path, wheel.bytes);
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(path)})`);
}

// ---- the WebAssembly module ----------------------------------------------------------------

// Left to itself, Pyodide's loader compiles pyodide.asm.wasm only once its runtime script has run
// and, on a repeat visit, the memory snapshot has been read back (it needs the snapshot's size
// before it instantiates): one after the other. boot() starts the compile (compileWasm) as soon
// as the worker may download, so that it runs on V8's compiler threads while this thread runs
// Pyodide's script and reads the snapshot. Pyodide's loader still asks for the module in its own
// way, fetch(pyodide.asm.wasm) then WebAssembly.instantiateStreaming(response, imports); in this
// worker the first gets a stand-in (no second request) and the second instantiates the module
// compiled here. If that compile failed, the module is compiled from its bytes instead
// (WebAssembly.compile, which also copes with a server sending another MIME type than
// application/wasm: streaming compilation refuses it, and Pyodide's loader would then never
// settle), and a failed download is reported as any other (the fetch wrapper above).
// Not in the snapshot helper: it compiles the module the ordinary way, off the reader's path.
const WASM_URL = new URL("pyodide.asm.wasm", PYODIDE_DIR).href;
const WASM_STAND_IN = new Response(null, { status: 204 });
let wasmModule = null; // Promise<WebAssembly.Module> once compileWasm has started it

// `copy`: the response of the look-up in runtimeOnDevice, if it found the file (no second request).
function compileWasm(copy) {
  if (typeof WebAssembly.compileStreaming !== "function") return; // Pyodide's own way, then
  wasmModule = WebAssembly.compileStreaming(copy || siteFetch(WASM_URL));
  wasmModule.catch(() => {}); // not an error by itself: see instantiateWasm
}

function wasmRequest(input) {
  if (!wasmModule || (input instanceof Request ? input.url : String(input)) !== WASM_URL) return null;
  return Promise.resolve(WASM_STAND_IN);
}

const instantiateStreaming = WebAssembly.instantiateStreaming;

async function instantiateWasm(source, imports) {
  const response = await source;
  if (response !== WASM_STAND_IN) return instantiateStreaming.call(WebAssembly, response, imports);
  let module;
  try {
    module = await wasmModule;
    postMessage({ type: "wasm", compiled: "early" });
  } catch (error) {
    console.warn("compiling the WebAssembly module while it downloads failed; compiling it from its bytes:", error);
    const bytes = await (await reported(siteFetch(WASM_URL))).arrayBuffer();
    module = await WebAssembly.compile(bytes);
    postMessage({ type: "wasm", compiled: "fallback" });
  }
  return { module, instance: await WebAssembly.instantiate(module, imports) };
}
WebAssembly.instantiateStreaming = instantiateWasm;

// ---- the snapshot on this device ----------------------------------------------------------

async function snapshotCache() {
  if (typeof caches === "undefined") return null;
  try {
    return await caches.open(SNAPSHOT_CACHE);
  } catch {
    return null; // storage refused (private mode, quota): no snapshot, nothing else changes
  }
}

// The stored form is sparse. Python's memory is 31 MB, more than half of it pages of zeros;
// only the other pages are kept: about 13 MB. Layout, little-endian u32s: MAGIC, the memory's
// length, N, the N page numbers; then those N pages (the last one may be short).
// Not compressed: gunzipping it took 70–100 ms of this worker's thread on every repeat visit,
// while Pyodide's script and the WebAssembly module waited for the same thread; stored as it
// is, a repeat visit reached Python ready about 100 ms sooner (median of 6 interleaved visits
// each: 800 vs 905 ms). It costs the device about 8 MB more storage (13 MB instead of about 5);
// Cache Storage that the browser evicts only means the next visit starts without a snapshot.
const PAGE = 4096;
const MAGIC = 0x31505350; // "PSP1"

function allZero(bytes) {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

function packSnapshot(memory) {
  const pages = Math.ceil(memory.length / PAGE);
  const kept = [];
  for (let n = 0; n < pages; n++) {
    const page = memory.subarray(n * PAGE, Math.min((n + 1) * PAGE, memory.length));
    if (!allZero(page)) kept.push(n);
  }
  const header = new Uint32Array([MAGIC, memory.length, kept.length, ...kept]);
  const parts = [header, ...kept.map((n) => memory.subarray(n * PAGE, Math.min((n + 1) * PAGE, memory.length)))];
  return new Blob(parts);
}

// Reads a stored snapshot as it streams from the device, into Python's memory (zero-filled: the
// pages left out). Resolves as soon as the header has arrived, to { memory, filled }: `memory`
// already has its full length, which is all Pyodide needs to create the runtime (it reads the
// contents only when it restores them, after the WebAssembly module is instantiated: see
// restoredRuntime); its pages are filled in as they arrive, and `filled` settles once the last
// one is in. A snapshot that is not of this format, names a page outside the memory, ends early
// or goes on too long is refused (`memory` or `filled` rejects), and Python starts normally.
// Streaming instead of reading it whole: the restore used to wait for the last of its 13 MB
// before Pyodide began to create the runtime; now the two overlap.
async function openSnapshot(response) {
  const reader = response.body.getReader();
  let chunk = new Uint8Array(0); // what has arrived and is not yet used
  let view = null; // of chunk, for u32
  const atLeast = async (n) => {
    while (chunk.length < n) {
      const { done, value } = await reader.read();
      if (done) throw new Error("truncated snapshot");
      const joined = new Uint8Array(chunk.length + value.length); // only while the header arrives
      joined.set(chunk);
      joined.set(value, chunk.length);
      chunk = joined;
    }
    view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  };
  const u32 = (i) => view.getUint32(i * 4, true);
  await atLeast(12);
  if (u32(0) !== MAGIC) throw new Error("not a snapshot of this format");
  const length = u32(1);
  const count = u32(2);
  await atLeast((3 + count) * 4);
  const pages = Array.from({ length: count }, (_, i) => u32(3 + i) * PAGE);
  if (pages.some((start) => start >= length)) throw new Error("snapshot names a page outside the memory");
  chunk = chunk.subarray((3 + count) * 4);
  const memory = new Uint8Array(length);
  let page = 0; // the page the next byte belongs to
  let within = 0; // and where in it
  const take = (bytes) => {
    for (let at = 0; at < bytes.length; ) {
      if (page === count) throw new Error("snapshot has trailing bytes");
      const size = Math.min(PAGE, length - pages[page]);
      const n = Math.min(size - within, bytes.length - at);
      memory.set(bytes.subarray(at, at + n), pages[page] + within);
      at += n;
      within += n;
      if (within === size) [page, within] = [page + 1, 0];
    }
  };
  const filled = (async () => {
    take(chunk);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      take(value);
    }
    if (page !== count) throw new Error("truncated snapshot");
  })();
  filled.catch(() => {}); // surfaces through restoredRuntime, not as an unhandled rejection
  return { memory, filled };
}

// Whether this device has a snapshot for this runtime: a quick look-up; reading it back (the
// slow part) is left to openSnapshot, which runs while the runtime loads.
async function findSnapshot() {
  const cache = await snapshotCache();
  if (!cache) return null;
  try {
    return (await cache.match(SNAPSHOT_URL)) || null;
  } catch {
    return null;
  }
}

// The snapshot is looked up as soon as this worker starts, and read back as soon as it is found:
// it is on this device (nothing to download, so no reason to wait for the page's first frame or
// for Pyodide's loader), and it is what a repeat visit waits for last. Resolves to null when
// there is none, else to { opened }: a promise of openSnapshot's answer (whose failure surfaces
// through loadPyodide, not as an unhandled rejection).
async function snapshotRead() {
  const hit = await findSnapshot();
  if (!hit) return null;
  const opened = openSnapshot(hit);
  opened.catch(() => {});
  return { opened };
}

// Pyodide's runtime created for a restore: Pyodide's own module factory (from its runtime script,
// imported in boot), held back until the snapshot has been read to its end. loadPyodide restores
// the memory only once this has resolved; a snapshot that proves truncated rejects it, and
// loadPyodide with it.
function restoredRuntime(runtimeScript, opened) {
  return async (settings) => {
    const module = await (await runtimeScript).default(settings);
    await (await opened).filled;
    return module;
  };
}

async function dropSnapshots(keep) {
  const cache = await snapshotCache();
  if (!cache) return;
  for (const request of await cache.keys()) if (request.url !== keep) await cache.delete(request);
}

// In the short-lived snapshot worker: make the snapshot and store it.
async function makeSnapshot() {
  const loadPyodide = await pyodideLoader();
  // Not Pyodide's package loader: it leaves JavaScript objects behind, which a snapshot cannot
  // hold. The wheel is unpacked by Python itself (a restored Python has its modules in memory,
  // not the files they came from).
  const [pyodide, wheel] = await Promise.all([loadPyodide({ indexURL: PYODIDE_DIR.href, _makeSnapshot: true, ...QUIET }), calculatorsWheel()]);
  pyodide.FS.writeFile("/tmp/calculators.whl", wheel.bytes);
  pyodide.runPython(
    "import site, zipfile\n" +
      "zipfile.ZipFile('/tmp/calculators.whl').extractall(site.getsitepackages()[0])\n" +
      "import calculators.api\n" +
      "calculators.api.prepare_all()\n", // a snapshot serves every page: all calculators imported
  );
  const snapshot = packSnapshot(pyodide.makeMemorySnapshot());
  const cache = await snapshotCache();
  if (!cache) throw new Error("no Cache Storage");
  await cache.put(SNAPSHOT_URL, new Response(snapshot, { headers: { "Content-Type": "application/octet-stream" } }));
  await dropSnapshots(SNAPSHOT_URL);
}

// The snapshot is made by a second Pyodide, which takes a core for a few seconds: not while the
// reader is typing. It starts once no calculation was asked for SNAPSHOT_DELAY_MS.
let snapshotTimer = 0;

function snapshotLater() {
  if (typeof caches === "undefined") return;
  snapshotTimer = setTimeout(makeSnapshotInHelper, SNAPSHOT_DELAY_MS);
}

function snapshotWhenQuiet() {
  if (!snapshotTimer) return;
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(makeSnapshotInHelper, SNAPSHOT_DELAY_MS);
}

function makeSnapshotInHelper() {
  snapshotTimer = 0;
  let helper;
  try {
    // Told apart by its name, not by its URL: the service worker answers the URL (?snapshot,
    // for logs) with the file's copy on this device, and a worker's URL is its response's.
    helper = new Worker(new URL("?snapshot", import.meta.url), { type: "module", name: "snapshot" });
  } catch {
    return; // no nested workers in this browser: repeat visits start normally
  }
  helper.onmessage = (event) => {
    // Only its outcome ("stored" | "failed"); not the status it may report on the way (a
    // failed download there goes through the same fetch wrapper as here).
    if (typeof event.data !== "string") return;
    postMessage({ type: "snapshot", state: event.data });
    helper.terminate();
  };
  helper.onerror = () => helper.terminate();
}

// ---- the runtime script compiled for the next visit -------------------------------------------

// V8 keeps the code it compiled for a script beside the script's entry in Cache Storage, and a
// worker that loads the script from there again skips the compile. Chromium writes that code the
// first time the script runs from Cache Storage, once it has run a while. Left alone, that is
// the first repeat visit (the first visit loads the runtime from the network): on it Pyodide's
// 1.2 MB script was compiled as it ran (its factory alone about 110 ms on this thread) and the
// code written after, and only from the second repeat visit on was it read back. So once the
// service worker has kept the runtime, the page starts this file once more as a short-lived
// worker (named "code-cache", python.mjs) that loads the script from there and calls Pyodide's
// factory, so that V8 compiles the body the start runs, with a WebAssembly hook that never
// answers: no download, no WebAssembly, no Python. Chromium writes the code while it waits
// (CODE_CACHE_MS; it did so 120–470 ms after the compile in traces). Done once for each copy of
// the script (a marker names the cache that holds it: a new version's cache gets a new copy).
// Measured on repeat visits (README): the worker's compile of the script 20 instead of 35–50 ms
// of CPU, and compiling its functions on first call 35–50 instead of 95–120 ms.
const CODE_CACHE_MS = 2000;
const COMPILED_MARKERS = "calculators-compiled";

async function compileRuntimeScript() {
  if (typeof caches === "undefined") return "not-kept";
  // Only the service worker's copy: never worth a download, and the code is kept beside it.
  // Looked up by its key, not with match(): an unread Response would hold the entry open, and
  // the code written beside it is only final once the entry is closed (sw.js, keepRuntime).
  let holder = null;
  for (const name of await caches.keys()) if (name.startsWith("site-") && (await (await caches.open(name)).keys(RUNTIME_SCRIPT_URL)).length) holder = name;
  if (!holder) return "not-kept";
  const markers = await caches.open(COMPILED_MARKERS);
  const marker = new URL(`compiled-in-${holder}`, PYODIDE_DIR).href;
  if (await markers.match(marker)) return "already";
  const { default: createPyodideModule } = await import(RUNTIME_SCRIPT_URL);
  createPyodideModule({ instantiateWasm: () => ({}), ...QUIET }).catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, CODE_CACHE_MS));
  for (const request of await markers.keys()) await markers.delete(request);
  await markers.put(marker, new Response(""));
  return "compiled";
}

// ---- start ----------------------------------------------------------------------------------

// A first visit's 4 MB download, and the start-up that follows it, must not compete with the
// page's own files and work: unless the runtime is already on this device (then there is nothing
// to download), wait for the page's word that it has loaded ({type: "loaded"}: start-early.js
// sends it after the load event and the frame that follows; python.mjs, for a worker started
// later, at the load event or at once if it is past). Never waits for ever: a page that cannot
// say so (a hidden tab has no frames) is taken as loaded after LOAD_WAIT_MS.
const LOAD_WAIT_MS = 3000;
let pageLoaded;
const loaded = new Promise((resolve) => {
  pageLoaded = resolve;
  setTimeout(resolve, LOAD_WAIT_MS);
});

// The runtime's copy on this device (its WebAssembly module, which compileWasm then compiles:
// no second request), or null.
async function runtimeOnDevice() {
  try {
    // The unwrapped fetch: a miss here is an answer, not a failed download.
    const copy = await siteFetch(WASM_URL, { cache: "only-if-cached", mode: "same-origin" });
    if (copy.ok) return copy;
    copy.body?.cancel().catch(() => {});
  } catch {
    // not on this device
  }
  return null;
}

async function boot() {
  status("loading", 1, 2);
  const snapshot = snapshotRead();
  const copy = await runtimeOnDevice();
  if (!copy) await loaded;
  // Everything that does not depend on something else starts now, side by side: on a first visit
  // the download and compile of the WebAssembly module, Pyodide's loader and its 1.2 MB runtime
  // script (imported here, so that loadPyodide finds it ready); the snapshot is already being
  // read (snapshotRead).
  if (!copy) compileWasm(null);
  const runtimeScript = import(RUNTIME_SCRIPT_URL);
  runtimeScript.catch(() => {}); // loadPyodide reports a failure
  const [loadPyodide, stored] = await Promise.all([pyodideLoader(), snapshot]);
  // With the module on this device there is nothing to download, and compiling it is work for the
  // cores (reading 9.6 MB, V8's compiler threads) while the two scripts above are what the start
  // waits for; the module is needed only once the runtime script runs. So it is compiled once
  // they have arrived (with the snapshot streamed, above: Python ready about 75–100 ms sooner on
  // repeat visits, README).
  if (copy) {
    await runtimeScript.catch(() => {});
    compileWasm(copy);
  }
  let pyodide = null;
  let restored = false;
  if (stored) {
    try {
      // Pyodide creates the runtime once the snapshot's header has arrived (it needs only the
      // memory's length for that) and restores the memory once the rest has (restoredRuntime).
      // The calculators are in the snapshot, already imported: no wheel to load.
      pyodide = await loadPyodide(
        options({
          _loadSnapshot: stored.opened.then((opened) => opened.memory),
          createPyodideModule: restoredRuntime(runtimeScript, stored.opened),
        }),
      );
      restored = true;
      postMessage({ type: "snapshot", state: "used" });
    } catch (error) {
      console.warn("memory snapshot not usable, starting normally:", error);
      await dropSnapshots(null);
      pyodide = null;
    }
  }
  if (!pyodide) {
    // The wheel downloads (and is checked) while the runtime loads.
    const wheel = calculatorsWheel();
    pyodide = await loadPyodide(options({}));
    mountWheel(pyodide, await wheel);
  }
  status("loading", 2, 2);
  const api = pyodide.pyimport("calculators.api");
  prepare = api.prepare;
  prepareNow(wanted); // only the page's calculators: a cold start does not import all eight
  runJson = api.run_json;
  status("ready");
  while (queue.length) answer(queue.shift());
  if (!restored) snapshotLater(); // none yet, or the one stored could not be used
}

function prepareNow(ids) {
  try {
    prepare(...ids);
  } catch (error) {
    console.error("calculator import failed", ids, error); // its first run reports it to the reader
  }
}

function failed(error) {
  if (runJson) return;
  console.warn("Python could not start in this browser:", error);
  status("error");
}

if (globalThis.name === "code-cache") {
  compileRuntimeScript().then(
    (outcome) => postMessage(outcome),
    () => postMessage("failed"),
  );
} else if (globalThis.name === "snapshot") {
  makeSnapshot().then(
    () => postMessage("stored"),
    (error) => {
      console.warn("no memory snapshot:", error);
      postMessage("failed");
    },
  );
} else {
  onmessage = (event) => {
    const message = event.data;
    if (message && message.type === "loaded") pageLoaded();
    if (message && message.type === "prepare" && Array.isArray(message.calcs)) {
      const ids = message.calcs.filter((id) => typeof id === "string");
      if (prepare) prepareNow(ids);
      else wanted.push(...ids);
    }
    if (!message || message.type !== "run") return;
    snapshotWhenQuiet();
    if (runJson) {
      answer(message);
    } else {
      // Only the newest request per calculator matters; older ones would be discarded.
      const older = queue.findIndex((m) => m.calc === message.calc);
      if (older !== -1) queue.splice(older, 1);
      queue.push(message);
    }
  };
  boot().catch(failed);
  // When the WebAssembly download fails, Pyodide's loader rejects a promise that nobody awaits
  // and loadPyodide() never settles; this is where that failure surfaces.
  addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    failed(event.reason);
  });
}
