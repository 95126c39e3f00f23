// Made by Pyodide itself, under Node, at build time (scripts/pyodide_bundle.py runs this):
// 1. load the plain `calculators` wheel into the pinned Pyodide with its full standard library,
//    import every calculators module and every module their source names, and run every golden
//    case, so that every module a calculator can reach is loaded;
// 2. write a trimmed standard library with exactly the loaded modules, compiled to .pyc by this
//    Pyodide (same Python, same magic number), stored uncompressed (the server sends it brotli);
// 3. write the calculators wheel precompiled the same way (.pyc only, RECORD rewritten).
//
//   node scripts/pyodide_trim.mjs <dir with lock + wheel> <golden_cases.json> <modules.json> <out dir>
// <modules.json>: module names the calculators' source imports (found by the bundle step).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [bundleDir, casesFile, modulesFile, outDir] = process.argv.slice(2);
const { cases } = JSON.parse(await readFile(casesFile, "utf8"));
const named = JSON.parse(await readFile(modulesFile, "utf8"));
const lock = JSON.parse(await readFile(path.join(bundleDir, "pyodide-lock.json"), "utf8"));
const wheelName = lock.packages.calculators.file_name;

const pyodide = await loadPyodide({
  lockFileURL: path.resolve(bundleDir, "pyodide-lock.json"),
  packages: ["calculators"],
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
const runJson = pyodide.pyimport("calculators.api").run_json;
for (const c of cases) runJson(c.calc, JSON.stringify(c.inputs), "../../");

pyodide.FS.writeFile("/tmp/plain.whl", await readFile(path.join(bundleDir, wheelName)));
pyodide.globals.set("NAMED", pyodide.toPy(named));
const report = pyodide.runPython(`
import base64, hashlib, importlib, importlib.util, json, pkgutil, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

import calculators
for info in pkgutil.walk_packages(calculators.__path__, "calculators."):
    importlib.import_module(info.name)
missing = []
for name in NAMED:
    try:
        importlib.import_module(name)
    except ImportError:
        missing.append(name)  # not in Pyodide at all (an optional import): the test reports it

ZIP = "/lib/python314.zip"
SITE = "/lib/python3.14/site-packages/"
FIXED = (1980, 1, 1, 0, 0, 0)

def pyc(source, filename):
    code = compile(source, filename, "exec", dont_inherit=True)
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)

def entry(name):
    info = zipfile.ZipInfo(name, FIXED)
    info.external_attr = 0o644 << 16
    return info

used = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None)
    if origin and origin.startswith(ZIP + "/"):
        used.add(origin[len(ZIP) + 1:])

with zipfile.ZipFile(ZIP) as full, zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_STORED) as out:
    for rel in sorted(used):
        data = full.read(rel)
        if rel.endswith(".py"):
            out.writestr(entry(rel[:-3] + ".pyc"), pyc(data, ZIP + "/" + rel))
        else:
            out.writestr(entry(rel), data)
    all_files = len(full.namelist())

records = []
with zipfile.ZipFile("/tmp/plain.whl") as plain, zipfile.ZipFile("/tmp/precompiled.whl", "w", zipfile.ZIP_DEFLATED) as out:
    record_name = next(n for n in plain.namelist() if n.endswith(".dist-info/RECORD"))
    for name in sorted(plain.namelist()):
        if name == record_name:
            continue
        data = plain.read(name)
        if name.endswith(".py"):
            name, data = name[:-3] + ".pyc", pyc(data, SITE + name)
        out.writestr(entry(name), data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        records.append(f"{name},sha256={digest},{len(data)}")
    records.append(f"{record_name},,")
    out.writestr(entry(record_name), "\\n".join(records) + "\\n")

json.dumps({"python": sys.version.split()[0], "stdlib_files": sorted(used), "stdlib_files_total": all_files,
            "modules": sorted(sys.modules),
            "origins": {name: getattr(getattr(m, "__spec__", None), "origin", None) for name, m in sorted(sys.modules.items())},
            "builtin": sorted(sys.builtin_module_names),
            "not_in_pyodide": missing})
`);
await mkdir(outDir, { recursive: true });
await writeFile(path.join(outDir, "python_stdlib.zip"), pyodide.FS.readFile("/tmp/stdlib.zip"));
await writeFile(path.join(outDir, wheelName), pyodide.FS.readFile("/tmp/precompiled.whl"));
await writeFile(path.join(outDir, "modules.json"), report);
