const base = new URL("pyodide/", import.meta.url);
const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
const pyodide = await loadPyodide({ indexURL: base.href, stdout: () => {}, stderr: () => {} });
postMessage(pyodide.runPython("def f(x):\n    return x * 2\nf(21)"));
