"""How a result is presented: key figures, tables, a chart, notices and a plain-text summary.

A calculator builds a Result from these parts; `to_html` and `summary` are the only renderers,
used identically at build time (CPython) and in the browser (Pyodide). All text passes through
html.escape, so nothing a reader typed can become markup.
"""

from decimal import Decimal
from html import escape

from calculators.core.valueclass import factory, valueclass


@valueclass
class Figure:
    """A key number shown large: label, value, an optional note below it."""

    label: str
    value: str
    note: str = ""
    tone: str = ""  # "", "good", "bad": only changes the colour, the words carry the meaning


@valueclass
class Table:
    """A table in a result: caption, column heads, rows of text, an optional foot row."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    foot: tuple[str, ...] | None = None
    # Rows to draw attention to (e.g. the option that fits the budget), by index.
    highlight: tuple[int, ...] = ()


@valueclass
class BarChart:
    """Stacked bars: one bar per category, one coloured segment per series."""

    caption: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[Decimal, ...]], ...]
    unit: str = "元"
    # Optional horizontal reference lines: (label, value).
    lines: tuple[tuple[str, Decimal], ...] = ()


@valueclass
class Document:
    """A text to send (a letter): shown as written, with buttons to copy, download as a .txt
    file and print it (the print stylesheet then prints this text alone)."""

    title: str
    text: str
    filename: str


# What the document's buttons say; the browser glue reads them from data attributes.
DOCUMENT_MESSAGES = {
    "copied": "已复制全文，可以粘贴到 App 客服、短信或邮件里。",
    "copy-failed": "这个浏览器不允许自动复制：请长按文字，选择“全选”后复制。",
    "downloaded": "已生成文本文件，请在浏览器的下载记录里查看。",
}


@valueclass
class Notice:
    """A message in a result, with its level (info, warning or danger)."""

    level: str  # "info", "warning" or "danger"
    text: str


@valueclass
class Link:
    """A link into the guide; `path` is relative to the site root, e.g. 'how-to-negotiate/'."""

    text: str
    path: str


@valueclass(frozen=False)
class Result:
    """What a calculator returns: key figures, notices, tables and charts, the assumptions line, links and a plain-text summary."""

    figures: list[Figure] = factory(list)
    notices: list[Notice] = factory(list)
    blocks: list[Table | BarChart | Document] = factory(list)
    assumptions: str = ""
    guide: Link | None = None
    # Next steps: other tools (with the numbers already entered, in the fragment) and guide pages.
    links: list[Link] = factory(list)
    summary: str = ""
    # Key numbers as strings, for tests and for other tools to read.
    data: dict[str, str] = factory(dict)


def _e(text: str) -> str:
    return escape(str(text), quote=True)


def _figures_html(figures: list[Figure]) -> str:
    items = []
    for f in figures:
        tone = f" calc-figure--{_e(f.tone)}" if f.tone else ""
        note = f'<span class="calc-figure__note">{_e(f.note)}</span>' if f.note else ""
        items.append(
            f'<div class="calc-figure{tone}"><dt class="calc-figure__label">{_e(f.label)}</dt>'
            f'<dd class="calc-figure__value">{_e(f.value)}{note}</dd></div>'
        )
    return f'<dl class="calc-figures">{"".join(items)}</dl>' if items else ""


def _table_html(t: Table) -> str:
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in t.columns)
    body = []
    for i, row in enumerate(t.rows):
        cls = ' class="calc-row--highlight"' if i in t.highlight else ""
        cells = f'<th scope="row">{_e(row[0])}</th>' + "".join(f"<td>{_e(c)}</td>" for c in row[1:])
        body.append(f"<tr{cls}>{cells}</tr>")
    foot = ""
    if t.foot:
        foot = "<tfoot><tr>" + f'<th scope="row">{_e(t.foot[0])}</th>' + "".join(f"<td>{_e(c)}</td>" for c in t.foot[1:]) + "</tr></tfoot>"
    return (
        f'<div class="calc-table-wrap" tabindex="0" role="region" aria-label="{_e(t.caption)}">'
        f"<table><caption>{_e(t.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody>{foot}</table></div>"
    )


def _chart_html(c: BarChart) -> str:
    """An inline SVG drawn here, so no chart library and no script is needed to see it.

    Colours come from CSS classes (calc-series-N), not inline styles, to suit a strict CSP.
    The numbers are also in a table next to the chart, so the SVG is marked decorative text
    with a summary label for screen readers.
    """
    width, height, left, bottom, top = 320, 180, 8, 34, 22
    totals = [sum((s[1][i] for s in c.series), Decimal(0)) for i in range(len(c.categories))]
    peak = max(totals + [v for _, v in c.lines] + [Decimal(1)])
    scale = Decimal(height - bottom - top) / peak
    slot = Decimal(width - 2 * left) / len(c.categories)
    bar = slot * Decimal("0.6")
    parts = []
    for i, category in enumerate(c.categories):
        x = left + slot * i + (slot - bar) / 2
        y = Decimal(height - bottom)
        for n, (_name, values) in enumerate(c.series):
            h = values[i] * scale
            if h > 0:
                y -= h
                parts.append(f'<rect class="calc-series-{n}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}"/>')
        parts.append(f'<text class="calc-chart__value" x="{x + bar / 2:.1f}" y="{y - 4:.1f}">{_e(_short(totals[i]))}</text>')
        parts.append(f'<text class="calc-chart__label" x="{x + bar / 2:.1f}" y="{height - bottom + 16}">{_e(category)}</text>')
    for label, value in c.lines:
        y = Decimal(height - bottom) - value * scale
        parts.append(f'<line class="calc-chart__line" x1="{left}" x2="{width - left}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="calc-chart__line-label" x="{width - left}" y="{y - 3:.1f}">{_e(label)}</text>')
    legend = "".join(
        f'<li><span class="calc-swatch calc-series-{n}" aria-hidden="true"></span>{_e(name)}</li>' for n, (name, _v) in enumerate(c.series)
    )
    label = "；".join(f"{cat}：{_short(t)}{c.unit}" for cat, t in zip(c.categories, totals))
    return (
        f'<figure class="calc-chart"><svg viewBox="0 0 {width} {height}" role="img" aria-label="{_e(c.caption + "：" + label)}">'
        f'{"".join(parts)}</svg><figcaption>{_e(c.caption)}</figcaption><ul class="calc-legend">{legend}</ul></figure>'
    )


def _short(value: Decimal) -> str:
    """Compact label for a chart: 12345.67 → '1.23万', 980 → '980'."""
    if value >= 10000:
        return f"{value / 10000:.2f}万"
    return f"{value:.0f}"


def _document_html(d: Document) -> str:
    """The text in a <pre> (white-space kept), so what is copied, downloaded and printed is
    exactly the text shown. The buttons are shown (by CSS) only once the glue can make them work."""
    messages = "".join(f' data-msg-{k}="{_e(v)}"' for k, v in DOCUMENT_MESSAGES.items())
    return (
        f'<article class="calc-document" data-calc-document data-filename="{_e(d.filename)}"{messages} aria-label="{_e(d.title)}">'
        '<div class="calc-document__actions">'
        '<button type="button" class="md-button md-button--primary" data-document-copy>复制全文</button>'
        '<button type="button" class="md-button" data-document-download>下载为 .txt 文件</button>'
        '<button type="button" class="md-button" data-document-print>打印</button>'
        "</div>"
        f'<pre class="calc-document__text">{_e(d.text)}</pre></article>'
    )


def to_html(result: Result, link_base: str = "") -> str:
    """The result as an HTML fragment. `link_base` turns site-root paths into page-relative ones."""
    out = [_figures_html(result.figures)]
    for n in result.notices:
        out.append(f'<p class="calc-notice calc-notice--{_e(n.level)}">{_e(n.text)}</p>')
    for block in result.blocks:
        if isinstance(block, Document):
            out.append(_document_html(block))
        else:
            out.append(_chart_html(block) if isinstance(block, BarChart) else _table_html(block))
    if result.links:
        items = "".join(f'<li><a href="{_e(link_base + n.path)}">{_e(n.text)}</a></li>' for n in result.links)
        out.append(f'<nav class="calc-next" aria-label="下一步"><p class="calc-next__title">下一步</p><ul>{items}</ul></nav>')
    if result.summary:
        out.append(
            '<div class="calc-summary"><label class="calc-summary__label">可复制的文字摘要'
            f'<textarea class="calc-summary__text" readonly rows="6">{_e(result.summary)}</textarea></label>'
            '<button type="button" class="md-button calc-copy" data-calc-copy hidden>复制摘要</button></div>'
        )
    if result.assumptions or result.guide:
        guide = ""
        if result.guide:
            guide = f' <a href="{_e(link_base + result.guide.path)}">{_e(result.guide.text)}</a>'
        out.append(f'<p class="calc-assumptions">{_e(result.assumptions)}{guide}</p>')
    return "".join(out)
