"""Calculators for the overdue-loan negotiation guide.

Plain Python with no browser code: the same package runs in CPython (build, tests, CLI)
and in Pyodide (the reader's browser). The single public entry point is `run`.
"""

from calculators.api import all_calculators, get_calculator, render_form, run

__all__ = ["all_calculators", "get_calculator", "render_form", "run"]
