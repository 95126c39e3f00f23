"""MkDocs hook: the theme's script bundle is not published.

overrides/main.html does not load mkdocs-material's script (why: see there). The theme still
copies it, with its source map, into the site. Removed here, so that the offline precache
(sw.js) does not download 114 KB that no page runs. A page that names the bundle again (a theme
upgrade that loads it elsewhere, an override undone) fails the build instead of loading a
missing file.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

BUNDLE = "assets/javascripts/bundle."


def on_post_build(config):
    site = Path(config["site_dir"])
    for page in site.rglob("*.html"):
        if BUNDLE in page.read_text(encoding="utf-8"):
            raise PluginError(f"hooks/theme_script.py: {page.relative_to(site)} loads the theme's bundle")
    for path in (site / "assets" / "javascripts").glob("bundle.*"):
        path.unlink()
