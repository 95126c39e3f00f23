"""The calculator block as HTML, generated from the field declarations.

The browser glue only reads what is here: the form controls (by `name`), the error slots
(`data-error-for`), the state line and the messages for each state (`data-msg-*`). Every
Chinese word the reader sees around a calculator therefore lives in Python.

A row group (RowsField) is rendered as in the shared contract (PLAN.md): a fieldset
`.calc-rows[data-rows]` with the hidden count, one `li.calc-row[data-row=n]` per row whose
controls are named `debts.n.balance` (id `calc-<calc>-debts-n-balance`, error slot
`data-error-for="debts.n.balance"`), a `<template data-row-template>` holding the same row with
`__n__` wherever the number goes (cells at their column defaults), the add button and the
group's error slot. A private field's control carries `data-private` and autocomplete="off".
"""

from html import escape

from calculators.core.fields import Calculator, Field, RowsField
from calculators.core.records import store_html

# What the state line says. "static" is the built-in example computed at build time.
STATE_MESSAGES = {
    "static": "下面是按默认数字算出的示例。改动任何一栏，结果会在你的手机上重新计算。",
    # Save-Data or a 2G connection: Python waits for the first touch ({runtime_mb}: filled in by the build).
    "deferred": "输入后开始加载计算器，约 {runtime_mb} MB。下面是按默认数字算出的示例。",
    "loading": "正在你的设备上准备计算器（首次约需下载 {runtime_mb} MB，之后会快很多）……",
    "ready": "计算器已就绪：改动任何一栏，结果会自动更新。所有计算都在你的设备上完成，不上传任何数据。",
    # After each recomputation, followed by the first key figure (read out by screen readers).
    "updated": "已按你填的数字重新计算。",
    "error": "这个浏览器暂时无法运行计算器（可能不支持 WebAssembly，或下载中断）。下面仍是按默认数字算出的示例；可以换用系统浏览器或稍后刷新再试。",
}
NOSCRIPT = "你的浏览器关闭了 JavaScript：下面是按默认数字算出的示例，要用自己的数字计算，请开启 JavaScript。"


def _e(text: str) -> str:
    return escape(str(text), quote=True)


def _field_html(calc: Calculator, f: Field, value: str, error: str, name: str | None = None) -> str:
    """One field's block; `name` is the flat key when the field is a column of a row group."""
    name = name or f.name
    fid = f"calc-{calc.id}-{name.replace('.', '-')}"
    help_id, error_id = f"{fid}-help", f"{fid}-error"
    described = f'{help_id} {error_id}' if f.help else error_id
    invalid = ' aria-invalid="true"' if error else ""
    private = ' data-private autocomplete="off"' if f.private else ""
    unit = f'<span class="calc-unit">（{_e(f.unit)}）</span>' if f.unit else ""
    optional = '<span class="calc-optional">可不填</span>' if not f.required else ""
    if f.control == "select":
        options = "".join(
            f'<option value="{_e(v)}"{" selected" if v == value else ""}>{_e(label)}</option>' for v, label in f.options
        )
        control = f'<select id="{fid}" name="{_e(name)}" aria-describedby="{described}"{private}{invalid}>{options}</select>'
        label = f'<label for="{fid}">{_e(f.label)}</label>'
    elif f.control == "checkbox":
        checked = " checked" if value.strip().lower() in ("yes", "true", "1", "on", "是") else ""
        control = ""
        label = (
            f'<label class="calc-check" for="{fid}"><input type="checkbox" id="{fid}" name="{_e(name)}" value="yes"'
            f' aria-describedby="{described}"{private}{checked}{invalid}> {_e(f.label)}</label>'
        )
    elif f.control == "textarea":
        control = (
            f'<textarea id="{fid}" name="{_e(name)}" rows="4" aria-describedby="{described}"{private}{invalid}'
            + (f' placeholder="{_e(f.example)}"' if f.example else "")
            + f">{_e(value)}</textarea>"
        )
        label = f'<label for="{fid}">{_e(f.label)}{unit}{optional}</label>'
    else:
        control = (
            f'<input type="text" id="{fid}" name="{_e(name)}" value="{_e(value)}" inputmode="{_e(f.inputmode)}"'
            f' autocomplete="off" spellcheck="false" aria-describedby="{described}"{" data-private" if f.private else ""}{invalid}'
            + (f' placeholder="{_e(f.example)}"' if not f.required and f.example else "")
            + ">"
        )
        label = f'<label for="{fid}">{_e(f.label)}{unit}{optional}</label>'
    help_html = f'<p class="calc-help" id="{help_id}">{_e(f.help)}</p>' if f.help else ""
    hidden = "" if error else " hidden"
    return (
        f'<div class="calc-field calc-field--{f.control}" data-field="{_e(name)}">{label}{control}{help_html}'
        f'<p class="calc-error" id="{error_id}" data-error-for="{_e(name)}"{hidden}>{_e(error)}</p></div>'
    )


def _row_html(calc: Calculator, f: RowsField, n: int | str, cells: dict, errors: dict) -> str:
    row_label = f.label_of_row(n)
    blocks = "".join(
        _field_html(calc, c, cells.get(c.name, c.default), errors.get(f.cell_key(n, c.name), ""), name=f.cell_key(n, c.name))
        for c in f.columns
    )
    return (
        f'<li class="calc-row" data-row="{n}"><fieldset><legend>{_e(row_label)}</legend>{blocks}'
        f'<button type="button" class="md-button" data-row-remove>删除{_e(row_label)}</button></fieldset></li>'
    )


def _rows_html(calc: Calculator, f: RowsField, values: dict, errors: dict) -> str:
    """A row group, exactly as the glue expects it (module docstring)."""
    try:
        count = min(int(values.get(f.name, f.default)), f.max_rows)
    except ValueError:
        count = 0
    rows = "".join(
        _row_html(calc, f, n, {c.name: values.get(f.cell_key(n, c.name), c.default) for c in f.columns}, errors)
        for n in range(1, count + 1)
    )
    template = _row_html(calc, f, "__n__", {}, {})
    gid = f"calc-{calc.id}-{f.name}"
    error = errors.get(f.name, "")
    help_html = f'<p class="calc-help" id="{gid}-help">{_e(f.help)}</p>' if f.help else ""
    return (
        f'<fieldset class="calc-rows" data-rows="{_e(f.name)}" data-min-rows="{f.min_rows}" data-max-rows="{f.max_rows}"'
        f' data-row-label="{_e(f.row_label)}" data-msg-max="{_e(f.max_message())}">'
        f"<legend>{_e(f.label)}</legend>{help_html}"
        f'<input type="hidden" name="{_e(f.name)}" value="{count}">'
        f'<ol class="calc-rows__list">{rows}</ol>'
        f"<template data-row-template>{template}</template>"
        f'<button type="button" class="md-button" data-row-add>{_e(f.add_label)}</button>'
        f'<p class="calc-error" id="{gid}-error" data-error-for="{_e(f.name)}" role="alert"{"" if error else " hidden"}>{_e(error)}</p>'
        "</fieldset>"
    )


def default_values(calc: Calculator) -> dict[str, str]:
    """Every key of the form at its default, in the flat form `run` returns as "values"."""
    out: dict[str, str] = {}
    for f in calc.fields:
        out.update(f.typed({}))
    return out


def form_html(calc: Calculator, outcome: dict) -> str:
    """The block for one calculator: form + state line + result (or errors) of `outcome`."""
    values = outcome.get("values") or default_values(calc)
    errors = outcome.get("errors", {})

    def one(f: Field) -> str:
        # A calculator's stored records (calculators/core/records.py) are filled by the
        # browser from its storage: their row group is the records block, not form rows.
        if getattr(calc, "store", None) and f.name == calc.store.rows:
            return store_html(calc, f)
        if isinstance(f, RowsField):
            return _rows_html(calc, f, values, errors)
        return _field_html(calc, f, values.get(f.name, f.default), errors.get(f.name, ""))

    def fields_html(advanced: bool) -> str:
        return "".join(one(f) for f in calc.fields if f.advanced == advanced)

    fields = fields_html(False)
    advanced = [f for f in calc.fields if f.advanced]
    if advanced:
        # Open when something in it differs from the default or needs fixing.
        changed = any(
            values.get(f.name, f.default) != f.default or any(k == f.name or k.startswith(f.name + ".") for k in errors) for f in advanced
        )
        names = "、".join(f.label for f in advanced[:3]) + ("等" if len(advanced) > 3 else "")
        fields += (
            f'<details class="calc-more"{" open" if changed else ""}><summary>更多选项（{_e(names)}）</summary>'
            f'<div class="calc-more__fields">{fields_html(True)}</div></details>'
        )
    general = errors.get("", "")
    messages = "".join(f' data-msg-{state}="{_e(text)}"' for state, text in STATE_MESSAGES.items())
    result = outcome["html"] if outcome.get("ok") else ""
    return (
        f'<div class="calc" data-calc="{_e(calc.id)}" data-state="static"{messages}'
        + (" data-recompute-on-ready" if calc.depends_on_today else "")
        + ">"
        f'<form class="calc-form" method="dialog" novalidate aria-label="{_e(calc.title)}">'
        f'<fieldset><legend>{_e(calc.title)}：填写你的情况</legend>{fields}</fieldset>'
        f'<p class="calc-error calc-error--form" data-error-for=""{"" if general else " hidden"}>{_e(general)}</p>'
        '<div class="calc-actions">'
        '<button type="submit" class="md-button md-button--primary">计算</button>'
        '<button type="button" class="md-button" data-calc-reset>恢复默认数字</button>'
        "</div></form>"
        f'<div class="calc-status" role="status"><span class="calc-status__text">{_e(STATE_MESSAGES["static"])}</span>'
        '<progress class="calc-progress" hidden></progress></div>'
        f'<noscript><p class="calc-notice calc-notice--warning">{_e(NOSCRIPT)}</p></noscript>'
        f'<section class="calc-result" aria-label="计算结果">{result}</section>'
        "</div>"
    )
