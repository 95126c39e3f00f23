"""MkDocs hook: glossary tooltips from ONE file, docs/_fragments/glossary.md.

The file uses the abbreviation syntax of mkdocs-material (`*[罚息]: 定义`). The stock `abbr`
extension cannot be used for Chinese: it matches terms between word boundaries (\\b), and
between two Chinese characters there is none, so 罚息 inside 支付罚息和 would never be marked.
This hook adds a small Markdown extension that marks the first occurrence of each term on a
page (longest term first, so 征信报告 wins over 征信) with <abbr title>, whose definition a tap
shows (docs/assets/js/theme/glossary-tips.mjs). It also renders the whole list on the glossary
page in place of the marker <!-- glossary-list -->.
"""

import re
from html import escape
from pathlib import Path
from xml.etree import ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

GLOSSARY_FILE = Path("docs/_fragments/glossary.md")
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.+?)\s*$")
LIST_MARKER = "<!-- glossary-list -->"
# Inside these, a tooltip would be noise or break the markup.
SKIP_TAGS = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}


def read_glossary(path: Path = GLOSSARY_FILE) -> dict[str, str]:
    terms = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = DEFINITION.match(line)
        if match:
            terms[match["term"].strip()] = match["text"]
    return terms


class _Marker(Treeprocessor):
    def __init__(self, md, terms):
        super().__init__(md)
        self.terms = terms
        self.pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))

    def run(self, root):
        self.seen = set()
        self._walk(root)

    def _walk(self, element):
        if element.tag in SKIP_TAGS:
            return
        children = list(element)  # before marking: new <abbr> nodes need no walking
        element.text = self._mark(element, element.text, 0)
        for child in children:
            self._walk(child)
            child.tail = self._mark(element, child.tail, list(element).index(child) + 1)

    def _mark(self, parent, text, position):
        """Wrap the first unseen term in `text`; new nodes are inserted at `position`."""
        if not text:
            return text
        for match in self.pattern.finditer(text):
            term = match.group(0)
            if term in self.seen:
                continue
            self.seen.add(term)
            abbr = etree.Element("abbr", {"title": self.terms[term]})
            abbr.text = term
            parent.insert(position, abbr)
            abbr.tail = self._mark(parent, text[match.end():], position + 1)
            return text[: match.start()]
        return text


class GlossaryExtension(Extension):
    def __init__(self, terms):
        super().__init__()
        self.terms = terms

    def extendMarkdown(self, md):
        # After inline parsing (priority < 20 runs later than 'inline'), before pretty-printing.
        md.treeprocessors.register(_Marker(md, self.terms), "cjk_glossary", 15)


_terms: dict[str, str] = {}


def on_config(config):
    _terms.clear()
    _terms.update(read_glossary(Path(config["docs_dir"]) / "_fragments" / "glossary.md"))
    config["markdown_extensions"].append(GlossaryExtension(_terms))
    return config


def on_page_content(html, page, config, files):
    if LIST_MARKER not in html:
        return html
    items = "".join(
        f'<dt id="term-{i}">{escape(term)}</dt><dd>{escape(text)}</dd>' for i, (term, text) in enumerate(_terms.items(), start=1)
    )
    return html.replace(LIST_MARKER, f'<dl class="glossary">{items}</dl>')
