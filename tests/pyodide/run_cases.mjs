// Run golden cases through the built `calculators` wheel inside Pyodide (the npm package,
// under Node), the same way the browser's worker does: load by name from the site's lock
// file (sha256 checked), then call calculators.api.run_json.
//
//   node tests/pyodide/run_cases.mjs <dir with pyodide-lock.json and the wheel> <cases.json>
// Prints a JSON array with one outcome per case.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [bundleDir, casesFile] = process.argv.slice(2);
const { cases } = JSON.parse(await readFile(casesFile, "utf8"));
const pyodide = await loadPyodide({
  lockFileURL: path.resolve(bundleDir, "pyodide-lock.json"),
  packages: ["calculators"],
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
const runJson = pyodide.pyimport("calculators.api").run_json;
const version = pyodide.runPython("import sys; sys.version.split()[0]");
const outcomes = cases.map((c) => JSON.parse(runJson(c.calc, JSON.stringify(c.inputs), "../../")));
process.stdout.write(JSON.stringify({ python: version, outcomes }));
