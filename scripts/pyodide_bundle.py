"""Build what the browser needs to run the calculators, and copy it into a site.

    python scripts/pyodide_bundle.py [DEST]      build into build/pyodide/ (and copy to DEST)

Steps:
1. build the `calculators` wheel from this checkout (pip wheel, no network: flit_core is in
   the virtual environment);
2. take the lock file of the pinned npm `pyodide` package, keep its `info` (Python and ABI
   versions) but none of its ~350 packages — their wheels are not in the npm package and this
   site does not serve them — and register our wheel with pyodide-build's
   `pyodide lockfile add-wheels`, which records its name, imports and sha256;
3. copy the runtime files, the wheel and the lock into DEST.
The wheel is rebuilt only when a file under calculators/ (or pyproject.toml) is newer.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
OUT = ROOT / "build" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_NAME = "pyodide-lock.json"


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
    return [p for p in (ROOT / "calculators").rglob("*") if p.is_file() and "__pycache__" not in p.parts] + [ROOT / "pyproject.toml"]


def build() -> tuple[Path, Path]:
    """Return (wheel, lock) in build/pyodide/, rebuilding them when the sources changed."""
    check_runtime()
    OUT.mkdir(parents=True, exist_ok=True)
    lock = OUT / LOCK_NAME
    wheels = sorted(OUT.glob("calculators-*.whl"))
    newest_source = max(p.stat().st_mtime for p in _sources())
    if len(wheels) == 1 and lock.exists() and wheels[0].stat().st_mtime >= newest_source:
        return wheels[0], lock

    for old in wheels:
        old.unlink()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(OUT), str(ROOT)],
        check=True,
    )
    (wheel,) = OUT.glob("calculators-*.whl")

    base = json.loads((NPM_PYODIDE / LOCK_NAME).read_text())
    with tempfile.TemporaryDirectory() as tmp:
        base_lock = Path(tmp) / LOCK_NAME
        base_lock.write_text(json.dumps({"info": base["info"], "packages": {}}))
        pyodide_cli = Path(sys.executable).parent / "pyodide"
        subprocess.run(
            [str(pyodide_cli), "lockfile", "add-wheels", "--input", str(base_lock), "--output", str(lock), "--base-path", str(OUT), str(wheel)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return wheel, lock


def install(dest: Path) -> None:
    """Copy runtime, wheel and lock into `dest` (e.g. site/pyodide)."""
    wheel, lock = build()
    dest.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(NPM_PYODIDE / name, dest / name)
    shutil.copy2(wheel, dest / wheel.name)
    shutil.copy2(lock, dest / LOCK_NAME)


if __name__ == "__main__":
    try:
        if len(sys.argv) > 1:
            install(Path(sys.argv[1]))
        else:
            print(*build(), sep="\n")
    except BundleError as exc:
        sys.exit(str(exc))
