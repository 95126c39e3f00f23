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
lines up. A theme upgrade that no longer has the rule fails the build here, so that this hook is
looked at again rather than silently doing nothing.
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# The whole rule, selector list and block; it must start a rule (after "}" or at the start).
RULE = re.compile(r"(?:(?<=\})|^)\[data-md-color-switching\][^{}]*\{[^{}]*\}", re.M)


def blank(match: re.Match) -> str:
    return "/*" + " " * (len(match.group(0)) - 4) + "*/"


def drop_switching_rule(stylesheets: Path) -> int:
    """Blanks the rule in every theme stylesheet; returns how many rules were blanked."""
    count = 0
    for css in sorted(stylesheets.glob("*.css")):
        text = css.read_text(encoding="utf-8")
        new, n = RULE.subn(blank, text)
        if n:
            css.write_text(new, encoding="utf-8")
            count += n
    return count


def on_post_build(config):
    if not drop_switching_rule(Path(config["site_dir"]) / "assets" / "stylesheets"):
        raise PluginError(
            "hooks/theme_styles.py: the theme's [data-md-color-switching] rule was not found; "
            "check whether the new theme version still restyles the whole page on load"
        )
