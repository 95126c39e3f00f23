"""Links from one calculator's result into another calculator, carrying the numbers.

The receiving page reads its inputs from the URL fragment (`#budget=1800&months=12`), the
same fragment the browser glue writes; a fragment is never sent to a server. Values are
percent-encoded as URLSearchParams expects, so `18%` arrives as `18%`.
"""

from collections.abc import Mapping
from urllib.parse import quote

from calculators.core.result import Link


def fragment(values: Mapping[str, str]) -> str:
    """`budget=1800&rate=18%25` — keys in the given order, every value percent-encoded."""
    return "&".join(f"{quote(str(k), safe='.')}={quote(str(v), safe='')}" for k, v in values.items())


def tool_link(text: str, tool_page: str, values: Mapping[str, str]) -> Link:
    """A Link to `tools/<tool_page>/` pre-filled with `values` (site-root relative, like every
    Link; to_html puts the page's link_base in front)."""
    frag = fragment(values)
    return Link(text, f"tools/{tool_page}/" + (f"#{frag}" if frag else ""))
