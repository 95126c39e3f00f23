"""The built bundle inside Pyodide (npm package, under Node) gives exactly CPython's answers:
the precompiled wheel on the trimmed, precompiled standard library, as the browser gets them.
Every module the calculators' source imports must be in that library (or built into Pyodide)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import run

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import pyodide_bundle  # noqa: E402

pytestmark = pytest.mark.pyodide
CASES = ROOT / "tests" / "golden_cases.json"


@pytest.fixture(scope="module")
def bundle_dir():
    return pyodide_bundle.build()


@pytest.fixture(scope="module")
def pyodide_outcomes(bundle_dir, tmp_path_factory):
    node = shutil.which("node")
    assert node, "Node.js is needed for the Pyodide tests"
    modules = tmp_path_factory.mktemp("modules") / "modules.json"
    modules.write_text(json.dumps(pyodide_bundle.imported_modules()))
    done = subprocess.run(
        [node, str(ROOT / "tests" / "pyodide" / "run_cases.mjs"), str(bundle_dir), str(CASES), str(modules)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_it_really_ran_in_pyodide(pyodide_outcomes):
    # Pyodide 314 ships Python 3.14; the host running pytest is 3.12 or 3.13.
    assert pyodide_outcomes["python"].startswith("3.14")
    assert pyodide_outcomes["stdlib"] == "/lib/python314.zip/json/__init__.pyc"  # trimmed, precompiled


def test_every_module_the_calculators_import_is_in_the_trimmed_library(pyodide_outcomes):
    assert not pyodide_outcomes["import_errors"]


def test_every_imported_module_is_a_file_of_the_trimmed_library_or_built_in(bundle_dir):
    """The same without running Pyodide: each module named by an import statement anywhere in
    calculators/ (every branch, reached by the golden cases or not)."""
    import zipfile

    report = json.loads((bundle_dir / "modules.json").read_text())
    names = set(zipfile.ZipFile(bundle_dir / "python_stdlib.zip").namelist())
    assert not report["not_in_pyodide"]
    missing = []
    for module in pyodide_bundle.imported_modules():
        if module in report["builtin"]:
            continue
        base = module.replace(".", "/")
        origin = report["origins"].get(module) or ""  # e.g. collections.abc is _collections_abc.py
        rel = origin.removeprefix("/lib/python314.zip/").removesuffix(".py") + ".pyc"
        if not ({f"{base}.pyc", f"{base}/__init__.pyc", rel} & names) and origin not in ("built-in", "frozen"):
            missing.append(module)
    assert not missing, f"not in the trimmed standard library: {missing}"
    assert all(name.endswith(".pyc") for name in names if name.endswith((".py", ".pyc")))


def test_the_trimmed_library_is_a_fraction_of_the_full_one(bundle_dir):
    report = json.loads((bundle_dir / "modules.json").read_text())
    assert len(report["stdlib_files"]) < report["stdlib_files_total"] / 2


def test_outputs_identical_to_cpython(pyodide_outcomes):
    cases = json.loads(CASES.read_text())["cases"]
    assert len(pyodide_outcomes["outcomes"]) == len(cases)
    for case, in_pyodide in zip(cases, pyodide_outcomes["outcomes"]):
        assert in_pyodide == run(case["calc"], case["inputs"], "../../"), case


def test_known_answers_in_pyodide(pyodide_outcomes):
    first, second = pyodide_outcomes["outcomes"][:2]
    assert (first["data"]["annuity_payment"], first["data"]["annuity_interest"]) == ("888.49", "661.85")
    assert (second["data"]["equal_principal_first"], second["data"]["equal_principal_last"]) == ("1120.00", "1010.00")


def test_bad_input_gives_messages_in_pyodide_too(pyodide_outcomes):
    cases = json.loads(CASES.read_text())["cases"]
    # the case with every field wrong (found by its inputs: others append cases after it)
    bad = next(o for c, o in zip(cases, pyodide_outcomes["outcomes"]) if c["inputs"].get("amount") == "1e30")
    assert not bad["ok"]
    assert set(bad["errors"]) >= {"amount", "rate", "days", "contract_date"}


def test_unknown_calculator_is_a_message_in_pyodide_too(pyodide_outcomes):
    cases = json.loads(CASES.read_text())["cases"]
    outcome = next(o for c, o in zip(cases, pyodide_outcomes["outcomes"]) if c["calc"] == "no-such-calculator")
    assert not outcome["ok"] and "没有这个计算器" in outcome["errors"][""]
