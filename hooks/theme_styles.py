"""MkDocs hook: take out of the theme's stylesheets a rule that costs every page load a full
restyle, twice.

mkdocs-material sets `data-md-color-switching` on <body> whenever it applies the light/dark
palette, which its script does on every page load, and removes it one task later. Its stylesheet
has `[data-md-color-switching] *, … :after, … :before { transition-duration: 0s !important }`
(so that colours switch at once instead of fading). Because of the universal descendant
selector, the browser must recompute the style of every element of the page each time the
attribute comes or goes: two whole-page restyles on every page load, for nothing (Chromium's
trace counts the elements restyled during a page load: repayment-plan 5170 → 3890, /law/ 9362 →
6350 with this hook alone; README, "Speed").
Without the rule a reader who switches palette sees the few colours that have a transition
fade over the theme's 125–250 ms instead of changing at once; nothing else changes.

The rule is replaced by a comment of the same length, so the stylesheet's source map still
lines up. The file's name carries a hash of its content (the theme's, e.g. palette.fb2fffe2.min.css),
and such names are served as immutable (deploy/nginx.conf): the changed file gets the hash of
its new content in its name, and every page is pointed at it. A theme upgrade that no longer has
the rule fails the build here, so that this hook is looked at again rather than silently doing
nothing.
"""

import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# The whole rule, selector list and block; it must start a rule (after "}" or at the start).
RULE = re.compile(r"(?:(?<=\})|^)\[data-md-color-switching\][^{}]*\{[^{}]*\}", re.M)
HASHED = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{8}\.min\.css$")


def blank(match: re.Match) -> str:
    return "/*" + " " * (len(match.group(0)) - 4) + "*/"


def drop_switching_rule(site: Path) -> dict[str, str]:
    """Blanks the rule in the theme's stylesheets, renames each changed one after its new
    content and points every page at it. Returns {old name: new name}."""
    renamed = {}
    for css in sorted((site / "assets" / "stylesheets").glob("*.css")):
        text = css.read_text(encoding="utf-8")
        new, n = RULE.subn(blank, text)
        if not n:
            continue
        named = HASHED.match(css.name)
        if not named:
            raise PluginError(f"hooks/theme_styles.py: {css.name} is not named <name>.<hash>.min.css")
        digest = hashlib.sha256(new.encode("utf-8")).hexdigest()[:8]
        target = css.with_name(f"{named['stem']}.{digest}.min.css")
        target.write_text(new, encoding="utf-8")
        css.unlink()
        renamed[css.name] = target.name
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        changed = html
        for old, new in renamed.items():
            changed = changed.replace(f"/{old}", f"/{new}")
        if changed != html:
            page.write_text(changed, encoding="utf-8")
    return renamed


def on_post_build(config):
    if not drop_switching_rule(Path(config["site_dir"])):
        raise PluginError(
            "hooks/theme_styles.py: the theme's [data-md-color-switching] rule was not found; "
            "check whether the new theme version still restyles the whole page on load"
        )
