"""The calculator registry is lazy (calculators/api.py): a cold start in the browser imports
only the calculators of the page it is on. These tests run in a fresh interpreter, because the
test session has long imported everything."""

import dataclasses
import inspect
import json
import subprocess
import sys

from calculators import api
from calculators.core.valueclass import is_valueclass

TOOLS = "calculators.tools."


def fresh(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_importing_the_api_imports_no_calculator_and_no_resource_machinery():
    got = fresh("import json, sys, calculators.api; print(json.dumps(sorted(sys.modules)))")
    assert not [m for m in got if m.startswith(TOOLS)]
    # importlib.resources pulls in zipfile, tempfile, shutil and pathlib (calculators/data).
    assert "importlib.resources" not in got
    assert "calculators.core.form" not in got  # the form is built at build time only


def test_prepare_imports_the_named_calculators_only_and_ignores_unknown_ids():
    got = fresh(
        "import json, sys, calculators.api as a\n"
        "a.prepare('repayment-plan', 'no-such-tool', '__init__', '')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('calculators.tools.'))))"
    )
    assert got == ["calculators.tools.repayment_plan"]


def test_run_imports_a_calculator_on_first_use():
    got = fresh(
        "import json, sys, calculators.api as a\n"
        "ok = a.run('timeline', {})['ok']\n"
        "print(json.dumps([ok, sorted(m for m in sys.modules if m.startswith('calculators.tools.'))]))"
    )
    assert got == [True, ["calculators.tools.timeline"]]


def test_every_tool_module_is_found_under_its_id():
    # _load refuses a module whose calculator's id is not its name with "-" for "_".
    assert sorted(api.all_calculators()) == sorted(api._MODULES)
    assert len(api._MODULES) == 8


def test_no_calculator_class_is_built_by_dataclasses():
    """dataclasses compiles each class's methods from source as the class is defined: in the
    browser, WebAssembly time on the way to a first visit's result. The calculators' value
    classes use calculators/core/valueclass.py instead (README, "Packaging for Pyodide")."""
    api.prepare_all()
    classes = [
        (f"{name}.{cls.__name__}", cls)
        for name, module in list(sys.modules.items())
        if name == "calculators" or name.startswith("calculators.")
        for cls in vars(module).values()
        if inspect.isclass(cls) and cls.__module__ == name
    ]
    assert [name for name, cls in classes if dataclasses.is_dataclass(cls)] == []
    # The scan sees the value classes (fields, results, schedules, tools' own): it would see a dataclass.
    assert len([name for name, cls in classes if is_valueclass(cls)]) >= 30
