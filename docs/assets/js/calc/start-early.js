// Starts Python from the <head> of every page with a calculator (overrides/main.html; the build
// marks those pages). A small classic script: it runs as soon as it and the stylesheets before
// it have arrived — before the theme's script and long before the deferred glue, which waits
// for the whole page and the theme's script (0.5–1 s on a phone). Creating a worker costs the main thread about a millisecond and
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
  var early = { worker: null, messages: [], failed: false };
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
  // The worker downloads a first visit's runtime only after the first paint (a repeat visit's
  // runtime is on the device: it goes on at once). Without a frame (a hidden tab) the worker
  // stops waiting by itself after a few seconds.
  requestAnimationFrame(function () {
    setTimeout(function () {
      early.worker.postMessage({ type: "painted" });
    }, 0);
  });
})();
