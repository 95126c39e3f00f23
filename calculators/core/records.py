"""Stored records: entries a reader keeps in this browser (the contact log), declared in Python.

A calculator declares

    CALCULATOR = Calculator(..., fields=(RowsField("entries", ..., columns=(...)),),
                            store=RecordStore(key="contact-log", version=1, rows="entries"))

and this module turns the declaration into the HTML that docs/assets/js/calc/records.mjs
works from: an editor with one control per column (labels, help, limits as data attributes),
the list, the import/export/print/clear controls and every message, in Chinese, here. The
browser keeps the entries in localStorage (nothing is sent anywhere), lists, edits, deletes,
exports and imports them without Python, and copies them into hidden, private inputs
(`entries`, `entries.1.when`, …) so that compute() receives them as an ordinary row group and
can add summaries when Python runs.

Storage format (read and written only by records.mjs; described in README.md):
    localStorage["calc-records:<key>:meta"]      = {"version": N}
    localStorage["calc-records:<key>:e:<id>"]    = {"v": N, "id", "created", "updated", "rev",
                                                    "cells": {column: text}}
One key per entry, so two tabs adding entries never overwrite each other. An entry whose `v`
is older is migrated on reading by `migrations` (version → column renames); one that cannot
be read, or has a newer version, is shown with its raw text and never written over.
"""

from html import escape
import json

from calculators.core.fields import BoolField, ChoiceField, DateField, DateTimeField, Field, TextField
from calculators.core.valueclass import factory, valueclass

# Everything the reader sees around the stored records (records.mjs shows these texts).
MESSAGES = {
    "saved": "已保存在这个浏览器里。",
    "updated": "已保存修改。",
    "save-failed": "没能保存：这个浏览器的存储空间已满，或者不允许网页保存数据（例如无痕模式）。你填的内容还在上面，请先导出备份，或清理浏览器空间后再点保存。",
    "unavailable": "这个浏览器不允许本站保存记录（可能是无痕模式或关闭了网站数据）。你仍可以填写，但关闭页面后记录不会保留：请及时导出。",
    "required": "请填写「{label}」。",
    "too-long": "「{label}」太长了：最多 {max} 个字，现在是 {n} 个字。",
    "bad-datetime": "「{label}」请写成 2025-03-15 14:30 这样的日期和时间。",
    "bad-choice": "「{label}」请从列表中选择一项。",
    "confirm-delete": "确定删除这条记录吗？删除后可以马上撤销。",
    "deleted": "已删除一条记录。",
    "undo": "撤销删除",
    "undone": "已恢复这条记录。",
    "edit": "修改",
    "delete": "删除",
    "select": "选中",
    "editing": "正在修改一条已保存的记录。",
    "changed-elsewhere": "这条记录刚在另一个页面里被修改过。你填的内容还在上面：确认无误后再点一次保存，会以这里的内容为准。",
    "gone-elsewhere": "这条记录已在另一个页面里被删除。再点一次保存，会把这里的内容作为新记录保存。",
    "count": "共 {n} 条记录",
    "empty": "还没有记录。每次接到电话、短信或上门，记下一条。",
    "problem": "有 {n} 条保存的数据无法读取（可能已损坏，或由更新版本的本站保存）。它们没有被删除或改写：请先导出原始数据留底。",
    "newer": "这些记录由更新版本的本站保存（格式版本 {version}），这个页面只能读取到版本 {known}。为避免覆盖，暂时不能修改：请刷新页面，或导出原始数据。",
    "export-raw": "导出原始数据",
    "clear-word": "清除全部",
    "clear-mismatch": "请在框里输入“清除全部”四个字，再点按钮。",
    "cleared": "已清除全部记录。如果是误操作，可以用刚才导出的文件导入恢复。",
    "import-done": "导入完成：新增 {added} 条，已有而跳过 {skipped} 条，无法导入 {rejected} 条。",
    "import-rejected": "第 {row} 行：{reason}",
    "import-bad-file": "无法读取这个文件：它不是本站导出的 JSON 或 CSV 文件。",
    "import-wrong-store": "这个文件是另一种记录（{store}），不能导入到这里。",
    "import-newer": "这个文件由更新版本的本站导出（格式版本 {version}），请先刷新页面再导入。",
    "handover-none": "请先在列表里勾选要带过去的记录。",
    "python-summary": "统计由计算器在你的设备上生成；记录本身的保存、修改和导出不依赖它。",
}


@valueclass
class Handover:
    """Selected entries can be handed to another tool: they are written, one line each and in
    date order, into `field` of the page `page` (a path from the site root), opened with the
    fragment `params`. The text travels in sessionStorage, never in the URL."""

    label: str
    page: str
    field: str
    params: str = ""


@valueclass
class RecordStore:
    """A list of entries the reader keeps only in this browser (stored records); one entry is a row of the `rows` field."""

    key: str  # storage name: letters, digits and '-'
    version: int
    rows: str  # the RowsField whose columns describe one entry
    title: str = "记录"
    # (version, {old column name: new name}): applied to older entries as they are read.
    migrations: tuple[tuple[int, tuple[tuple[str, str], ...]], ...] = ()
    handover: Handover | None = None
    # Shown above the editor (what stays where).
    privacy: str = ""
    messages: dict = factory(lambda: dict(MESSAGES))


def _e(text) -> str:
    return escape(str(text), quote=True)


def _kind(column: Field) -> str:
    if isinstance(column, DateTimeField):
        return "datetime"
    if isinstance(column, DateField):
        return "date"
    if isinstance(column, ChoiceField):
        return "choice"
    if isinstance(column, BoolField):
        return "bool"
    if isinstance(column, TextField) and column.multiline:
        return "multiline"
    return "text"


def _column_html(calc_id: str, column: Field) -> str:
    """One editor control. No `name`: the glue's fragment and Python never see the editor,
    only the saved entries (in the hidden, private inputs)."""
    cid = f"calc-{calc_id}-record-{column.name}"
    kind = _kind(column)
    attrs = f' id="{cid}" data-column-input aria-describedby="{cid}-help {cid}-error" autocomplete="off"'
    if kind == "choice":
        options = "".join(
            f'<option value="{_e(v)}"{" selected" if v == column.default else ""}>{_e(label)}</option>' for v, label in column.options
        )
        control = f"<select{attrs}>{options}</select>"
    elif kind == "multiline":
        control = f'<textarea{attrs} rows="3"></textarea>'
    elif kind == "datetime":
        # The phone's own date and time picker; stored as "2025-03-15 14:30".
        control = f'<input type="datetime-local"{attrs}>'
    elif kind == "date":
        control = f'<input type="date"{attrs}>'
    elif kind == "bool":
        control = f'<input type="checkbox"{attrs}>'
    else:
        control = f'<input type="text"{attrs} spellcheck="false">'
    max_length = getattr(column, "max_length", 0)
    required = " data-required" if column.required else ""
    optional = "" if column.required else '<span class="calc-optional">可不填</span>'
    help_html = f'<p class="calc-help" id="{cid}-help">{_e(column.help)}</p>' if column.help else f'<span id="{cid}-help" hidden></span>'
    return (
        f'<div class="calc-field calc-records__field" data-column="{_e(column.name)}" data-kind="{kind}" data-label="{_e(column.label)}"'
        f'{required} data-max-length="{max_length}" data-default="{_e(column.default)}">'
        f'<label for="{cid}">{_e(column.label)}{optional}</label>{control}{help_html}'
        f'<p class="calc-error" id="{cid}-error" data-record-error role="alert" hidden></p></div>'
    )


def store_html(calc, rows_field) -> str:
    """The stored-records block for `calc` (its entries described by `rows_field`)."""
    store: RecordStore = calc.store
    messages = "".join(f' data-msg-{k}="{_e(v)}"' for k, v in store.messages.items())
    handover = ""
    if store.handover:
        h = store.handover
        handover = (
            f' data-handover-page="{_e(h.page)}" data-handover-field="{_e(h.field)}" data-handover-params="{_e(h.params)}"'
        )
    migrations = _e(json.dumps([[v, dict(renames)] for v, renames in store.migrations], ensure_ascii=False))
    editor = "".join(_column_html(calc.id, c) for c in rows_field.columns)
    handover_button = (
        f'<button type="button" class="md-button" data-records-handover hidden>{_e(store.handover.label)}</button>' if store.handover else ""
    )
    privacy = f'<p class="calc-records__privacy">{_e(store.privacy)}</p>' if store.privacy else ""
    return (
        f'<div class="calc-records" data-store="{_e(store.key)}" data-store-title="{_e(store.title)}" data-store-version="{store.version}" data-store-rows="{_e(rows_field.name)}"'
        f' data-store-max-rows="{rows_field.max_rows}" data-store-migrations="{migrations}"{handover}{messages}>'
        f'<input type="hidden" id="calc-{_e(calc.id)}-{_e(rows_field.name)}" name="{_e(rows_field.name)}" value="0" data-private data-records-count>'
        # Python's messages about the saved entries (the summaries), e.g. over max_rows.
        f'<p class="calc-error" data-error-for="{_e(rows_field.name)}" role="alert" hidden></p>'
        '<div data-records-rows hidden></div>'
        f"{privacy}"
        '<div class="calc-records__problem" data-records-problem hidden><p class="calc-notice calc-notice--danger" role="alert" data-records-problem-text></p>'
        f'<button type="button" class="md-button" data-records-export-raw>{_e(store.messages["export-raw"])}</button></div>'
        '<noscript><p class="calc-notice calc-notice--warning">保存记录需要开启 JavaScript。</p></noscript>'
        f'<section class="calc-records__editor" data-records-editor hidden aria-label="添加或修改一条{_e(store.title)}">'
        f'<h2 class="calc-records__heading" data-records-editor-title data-new="添加一条{_e(store.title)}" data-edit="修改这条{_e(store.title)}">添加一条{_e(store.title)}</h2>'
        f'<div class="calc-records__fields">{editor}</div>'
        '<div class="calc-actions">'
        '<button type="button" class="md-button md-button--primary" data-records-save>保存这条记录</button>'
        '<button type="button" class="md-button" data-records-cancel hidden>取消修改</button></div>'
        '<p class="calc-records__status" role="status" data-records-status></p>'
        '<p class="calc-error" role="alert" data-records-alert hidden></p></section>'
        f'<section class="calc-records__saved" data-records-saved hidden aria-label="已保存的{_e(store.title)}">'
        f'<h2 class="calc-records__heading">已保存的{_e(store.title)}（<span data-records-count-text>0</span> 条）</h2>'
        '<p class="calc-records__undo" data-records-undo-bar hidden><span data-records-undo-text></span> '
        f'<button type="button" class="md-button" data-records-undo>{_e(store.messages["undo"])}</button></p>'
        f'<p data-records-empty>{_e(store.messages["empty"])}</p>'
        '<ol class="calc-records__list" data-records-list></ol>'
        '<div class="calc-records__tools">'
        f"{handover_button}"
        '<button type="button" class="md-button" data-records-export="json">导出 JSON（完整备份）</button>'
        '<button type="button" class="md-button" data-records-export="csv">导出 CSV（Excel / WPS）</button>'
        '<button type="button" class="md-button" data-records-print>打印证据清单</button>'
        f'<label class="calc-records__import">导入 JSON 或 CSV 文件<input type="file" accept=".json,.csv,application/json,text/csv" data-records-import></label>'
        '</div>'
        '<p class="calc-records__status" role="status" data-records-import-status></p>'
        f'<p class="calc-help">{_e(store.messages["python-summary"])}</p>'
        '<ul class="calc-records__rejected" data-records-rejected hidden></ul>'
        '<details class="calc-records__danger"><summary>清除全部记录</summary>'
        '<p>清除后无法撤销。请先导出 JSON 备份。确认要清除，请在下面输入“清除全部”。</p>'
        f'<label>确认文字<input type="text" autocomplete="off" data-records-clear-confirm></label>'
        '<button type="button" class="md-button" data-records-clear>清除全部记录</button>'
        '<p class="calc-error" role="alert" data-records-clear-status hidden></p></details>'
        '</section>'
        f'<section class="calc-records__print" data-records-print-view aria-hidden="true"><h2>{_e(calc.title)}：证据清单（按时间排序）</h2>'
        '<table><thead><tr data-records-print-head></tr></thead><tbody data-records-print-body></tbody></table></section>'
        "</div>"
    )
