// The one Python runtime of a visit. Runs Pyodide off the main thread, so the page never
// freezes while Python starts, and answers every calculator on every page.
//
// Protocol (messages are plain objects):
//   page → worker  {type: "run", id, calc, inputs, linkBase}
//   worker → page  {type: "status", state: "loading" | "ready" | "error", step, steps}
//                  {type: "result", id, outcome}   outcome as returned by calculators.run
// The worker knows no calculator by name: it forwards ids and input strings to Python.

// Written by the build (hooks/pyodide_bundle.py): the content-addressed directory of the
// runtime (served immutable), its download size, and the build's id.
const RUNTIME = { dir: "", bytes: 0, build: "" };
const PYODIDE_DIR = new URL(`../../pyodide/${RUNTIME.dir}`, import.meta.url);

let runJson = null;
const queue = [];

function status(state, step = 0, steps = 0) {
  postMessage({ type: "status", state, step, steps });
}

function answer(message) {
  let outcome;
  try {
    outcome = JSON.parse(runJson(message.calc, JSON.stringify(message.inputs), message.linkBase));
  } catch (error) {
    // A bug in a calculator, not bad input (bad input comes back as field errors).
    console.error("calculator failed", message.calc, error);
    outcome = { ok: false, id: message.calc, errors: { "": "计算时出现意外错误，请检查输入或刷新页面再试。" } };
  }
  postMessage({ type: "result", id: message.id, outcome });
}

async function boot() {
  status("loading", 1, 2);
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE_DIR).href);
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_DIR.href,
    // The standard library (python_stdlib.zip, the default stdLibURL) is trimmed to what the
    // calculators use and precompiled. The site's own lock file lists exactly what the site
    // serves: the precompiled calculators wheel, checked against its sha256 when it is loaded.
    lockFileURL: new URL("pyodide-lock.json", PYODIDE_DIR).href,
    packages: ["calculators"],
    // Nothing to say on the console; errors still reach us as exceptions.
    stdout: () => {},
    stderr: () => {},
  });
  status("loading", 2, 2);
  runJson = pyodide.pyimport("calculators.api").run_json;
  status("ready");
  while (queue.length) answer(queue.shift());
}

onmessage = (event) => {
  const message = event.data;
  if (!message || message.type !== "run") return;
  if (runJson) {
    answer(message);
  } else {
    // Only the newest request per calculator matters; older ones would be discarded.
    const older = queue.findIndex((m) => m.calc === message.calc);
    if (older !== -1) queue.splice(older, 1);
    queue.push(message);
  }
};

function failed(error) {
  if (runJson) return;
  console.warn("Python could not start in this browser:", error);
  status("error");
}

boot().catch(failed);
// When the WebAssembly download fails, Pyodide's loader rejects a promise that nobody awaits
// and loadPyodide() never settles; this is where that failure surfaces.
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  failed(event.reason);
});
