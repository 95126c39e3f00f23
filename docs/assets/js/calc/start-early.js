// Starts Python from the <head> of every page with a calculator (overrides/main.html; the build
// marks those pages). A small classic script: it runs as soon as it and the stylesheets before
// it have arrived — long before the deferred glue, which waits for the whole page to be parsed
// (0.5–1 s on a phone). Creating a worker costs the main thread about a millisecond and
// the worker loads on threads of its own; on a first visit it waits for the first paint before
// downloading the runtime, so that download never competes with the page's own files.
//
// The glue's worker client (calc/python.mjs) takes this worker over, with the messages it sent
// in the meantime. Nothing starts when the reader saves data (the glue then waits for the first
// touch of a calculator) or where workers or WebAssembly are missing (the glue says so).
(function () {
  var connection = navigator.connection;
  // The rule of savingData() in calc/python.mjs.
  if (connection && (connection.saveData || /2g/.test(connection.effectiveType || ""))) return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function" || !document.currentScript) return;
  var early = { worker: null, messages: [], failed: false, prepared: [] };
  try {
    // The build points this at the worker's content-addressed copy (hooks/pyodide_bundle.py).
    early.worker = new Worker(new URL("../calculator-worker.mjs", document.currentScript.src), { type: "module" });
  } catch (error) {
    return; // the glue tries again, and reports what fails
  }
  early.worker.onmessage = function (event) {
    early.messages.push(event.data);
  };
  early.worker.onerror = function () {
    early.failed = true;
  };
  performance.mark("calculators:python-start");
  window.calculatorsEarlyStart = early;
  // The page's calculators (written by the build): the worker imports these before it says
  // Python is ready, and the other calculators only if they are asked for.
  var calcs = (document.currentScript.getAttribute("data-calculators") || "").split(" ").filter(Boolean);
  if (calcs.length) early.worker.postMessage({ type: "prepare", calcs: calcs });
  early.prepared = calcs; // python.mjs does not name them again
  // The worker downloads a first visit's runtime only once the page is ready for its first
  // frame (a repeat visit's runtime is on the device: it goes on at once). The first frame's
  // animation callback runs when what it needs (the stylesheets, the parsed page) is there, and
  // the paint follows in the same task; the page's later files (the glue and its modules) were
  // requested while the page was parsed. Not later, after a timer: that waited for the
  // scripts after the paint to run, 300–500 ms that Python could use. Without a frame (a hidden tab)
  // the worker stops waiting by itself after a few seconds.
  requestAnimationFrame(function () {
    early.worker.postMessage({ type: "painted" });
  });
})();
