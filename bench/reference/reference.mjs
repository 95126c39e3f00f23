// The bench's reference page: the same Pyodide (the npm package, untouched) in a module
// worker, started at once, running one function. Marks "reference:python-ready".
const worker = new Worker(new URL("reference-worker.mjs", import.meta.url), { type: "module" });
performance.mark("reference:python-start");
worker.onmessage = (event) => {
  performance.mark("reference:python-ready");
  const state = document.getElementById("state");
  state.textContent = `ready ${event.data}`;
  state.dataset.state = "ready";
};
