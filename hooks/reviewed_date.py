"""MkDocs hook: every page must say when it was last reviewed (front matter `reviewed:`).

The date is shown by overrides/main.html; a page without one fails the build, because a
legal guide whose age the reader cannot see is a defect.
"""

import datetime as dt

from mkdocs.exceptions import PluginError


def on_page_markdown(markdown, page, config, files):
    reviewed = page.meta.get("reviewed")
    if isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed)
        except ValueError:
            reviewed = None
    if not isinstance(reviewed, dt.date):
        raise PluginError(f"{page.file.src_uri}: front matter needs 'reviewed: YYYY-MM-DD' (the date the page was last checked)")
    page.meta["reviewed_label"] = f"{reviewed.year}年{reviewed.month}月{reviewed.day}日"
    return markdown
