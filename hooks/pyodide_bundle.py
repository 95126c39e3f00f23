"""MkDocs hook: serve the Python runtime and the calculators from the site itself, fast.

Into <site>/pyodide/<hash>/ (a directory named by the hash of its files, served immutable) go
- the Pyodide runtime files from the npm package pinned in package.json / package-lock.json
  (node_modules/pyodide): nothing is fetched from a CDN;
- a trimmed standard library and the `calculators` wheel, both precompiled to .pyc by that
  same Pyodide at build time;
- pyodide-lock.json: the site's own lock file listing exactly the wheel (with its sha256).
The build writes the directory's name into the built calculator-worker.mjs and sw.js (the
`RUNTIME = {...}` line), and the download size into the pages' state messages ({runtime_mb}).
Then every compressible file of the site gets precompressed .br and .gz variants.
The build steps themselves are in scripts/pyodide_bundle.py and scripts/precompress.py.
"""

import json
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import precompress  # noqa: E402
import pyodide_bundle  # noqa: E402

RUNTIME_LINE = re.compile(r"^const RUNTIME = .*;$", re.M)
PRECACHE_LINE = re.compile(r"^const PRECACHE = \[\];$", re.M)
# Search languages other than Chinese are never loaded by this site.
UNUSED = re.compile(r"^assets/javascripts/lunr/min/lunr\.(?!zh|multi|stemmer\.support)[a-z]+\.min\.js$")
_info: dict = {}


def on_pre_build(config):
    try:
        _info.clear()
        _info.update(pyodide_bundle.runtime_info())
    except pyodide_bundle.BundleError as exc:
        raise PluginError(str(exc)) from exc


def on_post_page(output, page, config):
    if "{runtime_mb}" in output:
        output = output.replace("{runtime_mb}", f"{_info['bytes'] / 1e6:.1f}")
    return output


def on_post_build(config):
    site = Path(config["site_dir"])
    try:
        info = pyodide_bundle.install(site / "pyodide")
    except pyodide_bundle.BundleError as exc:
        raise PluginError(str(exc)) from exc
    version = json.dumps(info | {"build": build_id(site, info)})
    for script in (site / "assets" / "js" / "calculator-worker.mjs", site / "sw.js"):
        if script.exists():
            text, n = RUNTIME_LINE.subn(f"const RUNTIME = {version};", script.read_text(encoding="utf-8"), count=1)
            if not n:
                raise PluginError(f"{script.name}: the `const RUNTIME = …;` line is missing")
            if script.name == "sw.js":
                text, n = PRECACHE_LINE.subn(f"const PRECACHE = {json.dumps(precache_list(site))};", text, count=1)
                if not n:
                    raise PluginError("sw.js: the `const PRECACHE = [];` line is missing")
            script.write_text(text, encoding="utf-8")
    for path in site.rglob("*"):
        if path.is_file():
            path.chmod(0o644)
    precompress.compress_tree(site)


def build_id(site: Path, info: dict) -> str:
    """A hash of everything the site serves (sw.js as written, before its build id and precache
    list go in): changes with every deploy that changes anything, so the service worker knows
    to update its cache. sw.js's own code counts too: a new worker must never install into the
    cache of the worker it replaces (its cache is named after this id)."""
    import hashlib

    h = hashlib.sha256(info["dir"].encode())
    for path in sorted(site.rglob("*")):
        if path.is_file() and "pyodide" not in path.relative_to(site).parts[:1] and path.suffix not in (".br", ".gz"):
            h.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def precache_list(site: Path) -> list[str]:
    """What sw.js keeps for offline use, relative to the site root: every page (by its directory
    URL), the assets, the search index, the Python runtime. Not: compressed variants, source
    maps, sw.js itself."""
    out = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or path.suffix in (".br", ".gz", ".map") or rel in ("sw.js", "pyodide/runtime.json"):
            continue
        if rel.startswith("bench-") or UNUSED.match(rel):
            continue
        if path.name == "index.html":
            rel = rel[: -len("index.html")] or "./"
        out.append(rel)
    return out
