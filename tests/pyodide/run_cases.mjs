// Run golden cases through the built bundle inside Pyodide (the npm package, under Node), the
// way the browser's worker does: the trimmed, precompiled standard library of the bundle, the
// precompiled wheel loaded by name from the site's lock file (sha256 checked), then
// calculators.api.run_json. Before the cases, every module named in <modules.json> is
// imported (a module missing from the trimmed library fails here).
//
//   node tests/pyodide/run_cases.mjs <bundle dir> <cases.json> [modules.json]
// Prints {python, outcomes: [one per case], import_errors: {module: message}}.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [bundleDir, casesFile, modulesFile] = process.argv.slice(2);
const { cases } = JSON.parse(await readFile(casesFile, "utf8"));
const modules = modulesFile ? JSON.parse(await readFile(modulesFile, "utf8")) : [];
const pyodide = await loadPyodide({
  stdLibURL: path.resolve(bundleDir, "python_stdlib.zip"),
  lockFileURL: path.resolve(bundleDir, "pyodide-lock.json"),
  packages: ["calculators"],
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
pyodide.globals.set("MODULES", pyodide.toPy(modules));
const importErrors = JSON.parse(pyodide.runPython(`
import importlib, json, sys
errors = {}
for name in MODULES:
    try:
        importlib.import_module(name)
    except ImportError as e:
        errors[name] = str(e)
json.dumps(errors)
`));
const runJson = pyodide.pyimport("calculators.api").run_json;
const version = pyodide.runPython("import sys; sys.version.split()[0]");
const stdlib = pyodide.runPython("import json; json.__spec__.origin");
const outcomes = cases.map((c) => JSON.parse(runJson(c.calc, JSON.stringify(c.inputs), "../../")));
process.stdout.write(JSON.stringify({ python: version, stdlib, outcomes, import_errors: importErrors }));
