"""MkDocs hook: put each calculator into its page, with the result for the default inputs.

A page asks for a calculator with the marker  <!-- calculator: overdue-cost -->  on a line of
its own. The hook replaces it with the form generated from the calculator's Python definition
and the result computed now, with CPython, by the same `calculators.run` the browser calls.
So a reader sees a correct worked example before Python has loaded, or without JavaScript.
Such a page is marked with its calculators' ids (page.meta["calculators"]) so that its <head>
starts Python early and tells the worker which calculators to import before it says it is ready.
"""

import re

from mkdocs.exceptions import PluginError

from calculators import all_calculators, render_form

MARKER = re.compile(r"<!--\s*calculator:\s*([a-z0-9-]+)\s*-->")


def on_page_content(html, page, config, files):
    def replace(match):
        calc_id = match.group(1)
        if calc_id not in all_calculators():
            raise PluginError(f"{page.file.src_uri}: unknown calculator {calc_id!r}; known: {', '.join(all_calculators())}")
        # Links in a result point into the guide; make them relative to this page.
        link_base = "../" * page.url.count("/")
        # overrides/main.html starts Python from the <head> of the pages that have one.
        page.meta.setdefault("calculators", []).append(calc_id)
        return render_form(calc_id, link_base=link_base)

    return MARKER.sub(replace, html)
