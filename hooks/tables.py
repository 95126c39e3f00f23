"""MkDocs hook: give every table of a page's text the theme's scroll wrapper at build time.

The theme's stylesheet makes `.md-typeset__scrollwrap` the element that scrolls sideways, so a
wide table does not push the page wider than a phone's screen; its script used to add that
wrapper after the page had loaded. The site does not load the theme's script (see
overrides/main.html), and markup written into the page costs no work in the reader's browser.
The markup is the theme's own (templates/table/index.tsx). This hook runs before
calculators_build.py, so only the guide's Markdown tables are wrapped: a calculator's result
tables scroll in their own `.calc-table-wrap`. calc/theme-fixes.mjs makes a wrapper that
overflows reachable by keyboard.
"""

import re

TABLE = re.compile(r"<table>.*?</table>", re.S)


def wrap_tables(html: str) -> str:
    return TABLE.sub(lambda m: f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{m.group(0)}</div></div>', html)


def on_page_content(html, page, config, files):
    return wrap_tables(html)
