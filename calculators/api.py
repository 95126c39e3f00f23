"""The one entry point that the build, the browser and the tests all call.

    run(calculator_id, raw_inputs, link_base="") -> dict (JSON-serialisable)

returns either
    {"ok": True, "id": ..., "html": ..., "summary": ..., "data": {...}, "values": {...}}
or
    {"ok": False, "id": ..., "errors": {field_name: Chinese message, ...}, "values": {...}}
("values" are the strings as typed, defaults filled in; "" names an error of the whole form)
and never raises for anything a user can type.
"""

import importlib
import json
import pkgutil
from typing import Mapping

from calculators import tools
from calculators.core.fields import Calculator, FieldError
from calculators.core.form import form_html
from calculators.core.result import to_html


def _discover() -> dict[str, Calculator]:
    found = {}
    for info in pkgutil.iter_modules(tools.__path__):
        module = importlib.import_module(f"{tools.__name__}.{info.name}")
        calc = getattr(module, "CALCULATOR", None)
        if isinstance(calc, Calculator):
            found[calc.id] = calc
    return found


_CALCULATORS = _discover()


def all_calculators() -> dict[str, Calculator]:
    return dict(_CALCULATORS)


def get_calculator(calculator_id: str) -> Calculator:
    try:
        return _CALCULATORS[calculator_id]
    except KeyError:
        raise KeyError(f"no calculator named {calculator_id!r}; known: {', '.join(sorted(_CALCULATORS))}") from None


def run(calculator_id: str, raw: Mapping[str, str] | None = None, link_base: str = "") -> dict:
    """Validate the raw strings, compute, and present. Missing fields take their defaults."""
    calc = get_calculator(calculator_id)
    raw = dict(raw or {})
    typed = {f.name: str(raw.get(f.name, f.default)) for f in calc.fields}
    values, errors = {}, {}
    for field in calc.fields:
        try:
            text = raw.get(field.name)
            values[field.name] = field.read(None if text is None else str(text))
        except FieldError as exc:
            errors[exc.field] = exc.message
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
        "html": to_html(result, link_base),
        "summary": result.summary,
        "data": result.data,
        "values": typed,
    }


def render_form(calculator_id: str, raw: Mapping[str, str] | None = None, link_base: str = "") -> str:
    """The whole calculator block — form, state line and the result for these inputs — as HTML.

    Used at build time so a page shows a worked example before (and without) any JavaScript.
    """
    calc = get_calculator(calculator_id)
    return form_html(calc, run(calculator_id, raw, link_base))


def run_json(calculator_id: str, raw_json: str, link_base: str = "") -> str:
    """`run` with JSON in and out: what the browser's worker calls, so no Python object
    crosses into JavaScript (nothing to convert, nothing to free)."""
    try:
        raw = json.loads(raw_json)
    except ValueError:
        raw = None
    if not isinstance(raw, dict):
        raw = {}
    return json.dumps(run(calculator_id, {str(k): str(v) for k, v in raw.items()}, link_base), ensure_ascii=False)
