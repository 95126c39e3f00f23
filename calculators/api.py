"""The one entry point that the build, the browser and the tests all call.

    run(calculator_id, raw_inputs, link_base="") -> dict (JSON-serialisable)

returns either
    {"ok": True, "id": ..., "html": ..., "summary": ..., "data": {...}, "values": {...}}
or
    {"ok": False, "id": ..., "errors": {field_name: Chinese message, ...}, "values": {...}}
("values" are the strings as typed, defaults filled in, in the flat form: a row group gives
`debts` = the row count and `debts.1.balance` … for every cell; an error key is a field name,
a cell key such as `debts.2.balance`, or "" for the whole form) and never raises for anything
a user can type — an unknown calculator id included (an error on "").

Every value in "data" is a plain string: numbers in positional notation, never `1.14E+7`.
"""

import importlib
import json
import math
import pkgutil
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from calculators import tools
from calculators.core.fields import Calculator, FieldError, FieldErrors, RowsField, TextField
from calculators.core.money import plain
from calculators.core.result import to_html


# The registry is lazy: a calculator's module is imported the first time it is asked for. In
# the browser a cold start then imports only what the page's own calculators need (the worker
# names them with `prepare`), not all eight tools; the memory snapshot for later visits has
# them all (`prepare_all`). A module's name is its calculator's id with "_" for "-"
# (repayment_plan.py → "repayment-plan"); _load checks that, and the unit tests load them all.
_MODULES = {info.name.replace("_", "-"): f"{tools.__name__}.{info.name}" for info in pkgutil.iter_modules(tools.__path__)}
_CALCULATORS: dict[str, Calculator] = {}


def _load(calculator_id: str) -> Calculator | None:
    module = importlib.import_module(_MODULES[calculator_id])
    calc = getattr(module, "CALCULATOR", None)
    if not isinstance(calc, Calculator):
        return None  # a helper module among the tools, not a calculator
    if calc.id != calculator_id:
        raise RuntimeError(f"{module.__name__} defines {calc.id!r}: a calculator's id must be its module's name with '-' for '_'")
    _CALCULATORS[calc.id] = calc
    return calc


def _find(calculator_id: Any) -> Calculator | None:
    if not isinstance(calculator_id, str):
        return None
    calc = _CALCULATORS.get(calculator_id)
    if calc is None and calculator_id in _MODULES:
        calc = _load(calculator_id)
    return calc


def prepare(*calculator_ids: Any) -> None:
    """Import these calculators now (unknown ids are ignored): the worker calls it before it
    says Python is ready, so the first result on the page does not also pay for an import."""
    for calculator_id in calculator_ids:
        _find(calculator_id)


def prepare_all() -> None:
    for calculator_id in _MODULES:
        _find(calculator_id)


def all_calculators() -> dict[str, Calculator]:
    prepare_all()
    return dict(_CALCULATORS)


def get_calculator(calculator_id: str) -> Calculator:
    calc = _find(calculator_id)
    if calc is None:
        raise KeyError(f"no calculator named {calculator_id!r}; known: {', '.join(sorted(all_calculators()))}")
    return calc


UNKNOWN_CALCULATOR = "没有这个计算器（{id}）。请从本站的“计算器”页面打开。"
TOO_LONG = "输入的内容太长（超过 {limit} 个字符），没有计算。请检查链接或粘贴的内容是否完整，或删去一些行。"

# Decimal's str() switches to exponent notation for some values (1.140000E+7, 0E+1).
_EXPONENT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")


def _plain_data(value: Any) -> str:
    """A `data` value as a plain string: numbers positional, never in exponent notation."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, float):
        return plain(Decimal(repr(value))) if math.isfinite(value) else ""
    text = str(value)
    if _EXPONENT.fullmatch(text.strip()):
        try:
            return plain(Decimal(text.strip()))
        except InvalidOperation:  # pragma: no cover - the regex only lets numbers through
            return text
    return text


# What may stand before a site-root path in a result's links: "../" steps (build time) or the
# site's own absolute path (the worker: "/" or "/sub/path/"). Anything else (another host,
# "//host/", "javascript:", quotes) is dropped, so a crafted message cannot point links away.
_RELATIVE_BASE = re.compile(r"(?:\.\./)*")
_ABSOLUTE_BASE = re.compile(r"/(?:[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*/)*")  # no segment starts with "."


def safe_link_base(link_base: Any) -> str:
    text = link_base if isinstance(link_base, str) else ""
    return text if _RELATIVE_BASE.fullmatch(text) or _ABSOLUTE_BASE.fullmatch(text) else ""


def _unknown(calculator_id: Any) -> dict:
    shown = str(calculator_id)[:40]
    return {"ok": False, "id": shown, "errors": {"": UNKNOWN_CALCULATOR.format(id=shown)}, "values": {}}


def run(calculator_id: str, raw: Mapping[str, str] | None = None, link_base: str = "") -> dict:
    """Validate the raw strings, compute, and present. Missing fields take their defaults."""
    calc = _find(calculator_id)
    if calc is None:
        return _unknown(calculator_id)
    raw = {str(k): (None if v is None else str(v)) for k, v in dict(raw or {}).items()}
    typed: dict[str, str] = {}
    for field in calc.fields:
        typed.update(field.typed(raw))
    values, errors = {}, {}
    for field in calc.fields:
        try:
            values[field.name] = field.read_from(raw)
        except FieldError as exc:
            errors[exc.field] = exc.message
        except FieldErrors as exc:
            errors.update(exc.errors)
    if errors:
        return {"ok": False, "id": calc.id, "errors": errors, "values": typed}
    try:
        result = calc.compute(values)
    except FieldError as exc:
        return {"ok": False, "id": calc.id, "errors": {exc.field: exc.message}, "values": typed}
    except (ArithmeticError, ValueError, OverflowError):
        # A combination of inputs the formulas cannot handle (e.g. an overflow with extreme
        # rates): a message, never a traceback.
        return {"ok": False, "id": calc.id, "errors": {"": "这组数字无法计算，请检查是否有填得过大或不合常理的数值。"}, "values": typed}
    return {
        "ok": True,
        "id": calc.id,
        "html": to_html(result, safe_link_base(link_base)),
        "summary": result.summary,
        "data": {str(k): _plain_data(v) for k, v in result.data.items()},
        "values": typed,
    }


def render_form(calculator_id: str, raw: Mapping[str, str] | None = None, link_base: str = "") -> str:
    """The whole calculator block — form, state line and the result for these inputs — as HTML.

    Used at build time so a page shows a worked example before (and without) any JavaScript.
    """
    from calculators.core.form import form_html  # build time only: not imported in the browser

    calc = get_calculator(calculator_id)
    return form_html(calc, run(calculator_id, raw, link_base))


def input_limit(calc: Calculator) -> int:
    """The most characters of JSON that run_json reads for this calculator: room for every
    declared key with a generous value (free text up to its max_length), twice over."""

    def budget(field) -> int:
        if isinstance(field, RowsField):
            return 10 + field.max_rows * sum(len(field.name) + 8 + budget(c) for c in field.columns)
        size = field.max_length if isinstance(field, TextField) else 60
        return len(field.name) + 8 + 2 * size

    return 20_000 + 2 * sum(budget(f) for f in calc.fields)


def run_json(calculator_id: str, raw_json: str, link_base: str = "") -> str:
    """`run` with JSON in and out: what the browser's worker calls, so no Python object
    crosses into JavaScript (nothing to convert, nothing to free).

    It reads only what the calculator declares (its fields' names and row-group cell keys
    within max_rows) and at most `input_limit(calc)` characters; beyond that it answers with a
    message instead of computing (a 2 MB link must not keep a phone busy)."""
    calc = _find(calculator_id)
    if calc is None:
        return json.dumps(_unknown(calculator_id), ensure_ascii=False)
    text = raw_json if isinstance(raw_json, str) else ""
    limit = input_limit(calc)
    if len(text) > limit:
        outcome = {"ok": False, "id": calc.id, "errors": {"": TOO_LONG.format(limit=f"{limit:,}")}, "values": {}}
        return json.dumps(outcome, ensure_ascii=False)
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raw = None
    if not isinstance(raw, dict):
        raw = {}
    kept = {k: v for k, v in raw.items() if any(f.accepts(k) for f in calc.fields)}
    clean = {k: v if isinstance(v, str) else ("" if v is None else json.dumps(v, ensure_ascii=False)[:200]) for k, v in kept.items()}
    return json.dumps(run(calc.id, clean, link_base), ensure_ascii=False)
