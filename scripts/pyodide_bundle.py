"""Build what the browser needs to run the calculators, and copy it into a site.

    python scripts/pyodide_bundle.py [SITE]      build into build/pyodide/ (and install in SITE)

Steps:
1. build the `calculators` wheel from this checkout (pip wheel, no network: flit_core is in
   the virtual environment);
2. take the lock file of the pinned npm `pyodide` package, keep its `info` (Python and ABI
   versions) but none of its ~350 packages — their wheels are not in the npm package and this
   site does not serve them — and register our wheel with pyodide-build's
   `pyodide lockfile add-wheels`, which records its name, imports and sha256;
3. trim and precompile (scripts/pyodide_trim.mjs, Pyodide itself under Node): a standard
   library with only the modules the calculators reach (every calculators module, every module
   their source imports, every golden case run), as .pyc compiled by the pinned Pyodide, and
   the wheel as .pyc; the lock is then made for the precompiled wheel;
4. install into SITE/pyodide/<hash>/, a directory named by the hash of its files (served as
   immutable), and write SITE/pyodide/runtime.json ({"dir", "bytes"}).
Steps 1–3 are cached in build/pyodide/<key>/, key = Pyodide version + the calculators' sources
+ the golden cases + this step's own code, so a build without changes there runs no Node.
"""

import ast
import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
OUT = ROOT / "build" / "pyodide"
CASES = ROOT / "tests" / "golden_cases.json"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
LOCK_NAME = "pyodide-lock.json"
STDLIB_NAME = "python_stdlib.zip"
MANIFEST = "runtime.json"


class BundleError(RuntimeError):
    pass


def pinned_version() -> str:
    return json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]


def check_runtime() -> None:
    package = NPM_PYODIDE / "package.json"
    if not package.exists():
        raise BundleError("node_modules/pyodide is missing: run `make setup` (it runs `npm ci`).")
    installed = json.loads(package.read_text())["version"]
    if installed != pinned_version():
        raise BundleError(f"node_modules has pyodide {installed}, package.json pins {pinned_version()}: run `npm ci`.")


def _sources() -> list[Path]:
    return sorted(p for p in (ROOT / "calculators").rglob("*") if p.is_file() and "__pycache__" not in p.parts) + [ROOT / "pyproject.toml"]


def cache_key() -> str:
    h = hashlib.sha256(pinned_version().encode())
    for path in _sources() + [CASES, Path(__file__), ROOT / "scripts" / "pyodide_trim.mjs"]:
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def imported_modules() -> list[str]:
    """Every module named by an import in the calculators' source (all branches), except
    calculators' own: the trim step imports each of them in Pyodide."""
    names = set()
    for path in (ROOT / "calculators").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] != "calculators")


def _add_to_lock(wheel: Path, lock: Path) -> None:
    base = json.loads((NPM_PYODIDE / LOCK_NAME).read_text())
    with tempfile.TemporaryDirectory() as tmp:
        base_lock = Path(tmp) / LOCK_NAME
        base_lock.write_text(json.dumps({"info": base["info"], "packages": {}}))
        pyodide_cli = Path(sysconfig.get_path("scripts")) / "pyodide"
        if not pyodide_cli.exists():
            pyodide_cli = Path(sys.executable).parent / "pyodide"
        subprocess.run(
            [str(pyodide_cli), "lockfile", "add-wheels", "--input", str(base_lock), "--output", str(lock), "--base-path", str(wheel.parent), str(wheel)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def build() -> Path:
    """Return the cached directory with the precompiled wheel, its lock, the trimmed standard
    library and modules.json, building them when their inputs changed."""
    check_runtime()
    done = OUT / cache_key()
    if (done / "modules.json").exists():
        return done
    node = shutil.which("node")
    if not node:
        raise BundleError("Node.js is needed to precompile the standard library with Pyodide.")
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():  # older keys: keep the folder small (not another build's work)
        if not old.name.startswith("bundle-"):
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bundle-", dir=OUT))
    try:
        plain = work / "plain"
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(plain), str(ROOT)],
            check=True,
        )
        (wheel,) = plain.glob("calculators-*.whl")
        _add_to_lock(wheel, plain / LOCK_NAME)
        modules = work / "imports.json"
        modules.write_text(json.dumps(imported_modules()))
        trimmed = work / "out"
        run = subprocess.run(
            [node, str(ROOT / "scripts" / "pyodide_trim.mjs"), str(plain), str(CASES), str(modules), str(trimmed)],
            cwd=ROOT, capture_output=True, text=True, timeout=600,
        )
        if run.returncode:
            raise BundleError(f"precompiling with Pyodide failed:\n{run.stderr}")
        _add_to_lock(trimmed / wheel.name, trimmed / LOCK_NAME)
        # add-wheels reads the top-level names from .py files; the precompiled wheel has none.
        lock = json.loads((trimmed / LOCK_NAME).read_text())
        lock["packages"]["calculators"]["imports"] = json.loads((plain / LOCK_NAME).read_text())["packages"]["calculators"]["imports"]
        (trimmed / LOCK_NAME).write_text(json.dumps(lock))
        for path in trimmed.iterdir():
            path.chmod(0o644)
        try:
            trimmed.rename(done)
        except OSError:
            if not (done / "modules.json").exists():  # not a concurrent build that finished first
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return done


def bundle_files() -> dict[str, Path]:
    """name → file, everything served from the content-addressed directory."""
    built = build()
    files = {name: NPM_PYODIDE / name for name in RUNTIME_FILES}
    files[STDLIB_NAME] = built / STDLIB_NAME
    files[LOCK_NAME] = built / LOCK_NAME
    (wheel,) = built.glob("calculators-*.whl")
    files[wheel.name] = wheel
    return files


def bundle_hash(files: dict[str, Path]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + hashlib.sha256(files[name].read_bytes()).digest())
    return h.hexdigest()[:16]


def download_bytes(files: dict[str, Path]) -> int:
    """What a browser downloads to start Python: brotli sizes where the server has a .br."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import precompress

    total = 0
    for path in files.values():
        data = path.read_bytes()
        if path.suffix in precompress.SUFFIXES and len(data) >= precompress.MIN_SIZE:
            total += min(len(data), len(precompress._cached(data, "br")))
        else:
            total += len(data)
    return total


def runtime_info() -> dict:
    files = bundle_files()
    return {"dir": bundle_hash(files) + "/", "bytes": download_bytes(files)}


def install(dest: Path) -> dict:
    """Copy the bundle into dest/<hash>/ (e.g. site/pyodide/), remove other versions there, and
    write dest/runtime.json. Every file is written 0644 (a server may run as another user)."""
    files = bundle_files()
    info = {"dir": bundle_hash(files) + "/", "bytes": download_bytes(files)}
    target = dest / info["dir"]
    if dest.exists():
        for old in dest.iterdir():
            if old.is_dir() and old != target:
                shutil.rmtree(old)
    target.mkdir(parents=True, exist_ok=True)
    for name, path in files.items():
        shutil.copyfile(path, target / name)
        (target / name).chmod(0o644)
    (dest / MANIFEST).write_text(json.dumps(info))
    (dest / MANIFEST).chmod(0o644)
    return info


if __name__ == "__main__":
    try:
        if len(sys.argv) > 1:
            print(install(Path(sys.argv[1]) / "pyodide"))
        else:
            print(build())
    except BundleError as exc:
        sys.exit(str(exc))
