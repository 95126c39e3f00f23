"""The built wheel inside Pyodide (npm package, under Node) gives exactly CPython's answers."""

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
def pyodide_outcomes():
    wheel, lock = pyodide_bundle.build()
    node = shutil.which("node")
    assert node, "Node.js is needed for the Pyodide tests"
    done = subprocess.run(
        [node, str(ROOT / "tests" / "pyodide" / "run_cases.mjs"), str(lock.parent), str(CASES)],
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
