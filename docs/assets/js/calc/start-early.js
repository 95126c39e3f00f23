// Starts Python from the <head> of every page with a calculator (overrides/main.html; the build
// marks those pages). A small classic script: it runs as soon as it and the stylesheets before
// it have arrived — long before the deferred glue, which waits for the whole page to be parsed
// (0.5–1 s on a phone). Creating a worker costs the main thread about a millisecond and
// the worker loads on threads of its own; on a first visit it waits for the page to have loaded
// before downloading the runtime, so that neither competes with the page's own files and work.
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
  // The worker downloads a first visit's runtime only once the page has loaded: its load event
  // and the frame after it (a repeat visit's runtime is on the device: it goes on at once).
  // Started at the first frame, the runtime's download, compile and start-up ran on the other
  // core while the page was still laid out and its scripts ran: on a 2-core machine that made
  // the page's own tasks 50–200 ms long (waiting for a core), and Python was not ready sooner
  // for it (cold visits to tools/repayment-plan/, 6 each: longest task 0 ms in all six, against
  // 0–92 ms; Python ready 2588 vs 2584 ms, medians). On a real network the page's own files
  // are the ones that arrive first this way. Without a frame (a hidden tab) the worker stops
  // waiting by itself after a few seconds.
  function loaded() {
    requestAnimationFrame(function () {
      setTimeout(function () {
        early.worker.postMessage({ type: "loaded" });
      }, 0); // after that frame's paint
    });
  }
  if (document.readyState === "complete") loaded();
  else addEventListener("load", loaded);
})();
