"""MkDocs hook: serve the Python runtime and the calculators from the site itself, fast.

Into <site>/pyodide/<hash>/ (a directory named by the hash of its files, served immutable) go
- the Pyodide runtime files from the npm package pinned in package.json / package-lock.json
  (node_modules/pyodide): nothing is fetched from a CDN;
- a trimmed standard library and the `calculators` wheel, both precompiled to .pyc by that
  same Pyodide at build time;
- pyodide-lock.json: the site's own lock file listing exactly the wheel (with its sha256).
The build writes the directory's name into the built calculator-worker.mjs and sw.js (the
`RUNTIME = {...}` line), and the download size into the pages' state messages ({runtime_mb}).
The worker script is then also served under a name of its content, assets/<hash>/
calculator-worker.mjs (immutable, like the runtime: a repeat visit starts it from this device
without asking the server), and the two scripts that start it (calc/start-early.js,
calc/python.mjs) are pointed at that copy. The site's own stylesheets, scripts and images are
then served from content-addressed folders too (scripts/addressed_assets.py).
Then every compressible file of the site gets precompressed .br and .gz variants.
The build steps themselves are in scripts/pyodide_bundle.py and scripts/precompress.py.
"""

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import addressed_assets  # noqa: E402
import precompress  # noqa: E402
import pyodide_bundle  # noqa: E402

RUNTIME_LINE = re.compile(r"^const RUNTIME = .*;$", re.M)
PRECACHE_LINE = re.compile(r"^const PRECACHE = \[\];$", re.M)
# How start-early.js and python.mjs name the worker script (relative to assets/js/calc/).
WORKER_REF = '"../calculator-worker.mjs"'
WORKER_STARTERS = ("start-early.js", "python.mjs")
# Not precached: the theme's search worker, with one language (mkdocs.yml: `lang: zh`), loads only
# lunr.stemmer.support and lunr.zh; the other languages, lunr.multi (for several languages) and
# the Japanese and Thai segmenters are never loaded by this site.
UNUSED = re.compile(r"^assets/javascripts/lunr/(?:tinyseg\.js|wordcut\.js|min/lunr\.(?!(?:zh|stemmer\.support)\.min\.js$)[a-z.]+\.min\.js)$")
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
    build = build_id(site, info)
    worker = site / "assets" / "js" / "calculator-worker.mjs"
    if worker.exists():
        # The worker gets the runtime's directory and size, not the build id: a deploy that
        # changes only pages keeps the worker's content, hence its address.
        write_runtime_line(worker, json.dumps(info))
        address_worker(worker)
    # After the worker: addressing it rewrites two of the scripts copied here.
    plain = addressed_assets.plain_copies(addressed_assets.address(site))
    sw = site / "sw.js"
    if sw.exists():
        text = write_runtime_line(sw, json.dumps(info | {"build": build}))
        text, n = PRECACHE_LINE.subn(f"const PRECACHE = {json.dumps(precache_list(site, plain))};", text, count=1)
        if not n:
            raise PluginError("sw.js: the `const PRECACHE = [];` line is missing")
        sw.write_text(text, encoding="utf-8")
    for path in site.rglob("*"):
        if path.is_file():
            path.chmod(0o644)
    precompress.compress_tree(site)


def write_runtime_line(script: Path, value: str) -> str:
    text, n = RUNTIME_LINE.subn(f"const RUNTIME = {value};", script.read_text(encoding="utf-8"), count=1)
    if not n:
        raise PluginError(f"{script.name}: the `const RUNTIME = …;` line is missing")
    script.write_text(text, encoding="utf-8")
    return text


def address_worker(worker: Path) -> str:
    """Copy the built worker to assets/<hash of its content>/calculator-worker.mjs (served
    immutable by deploy/nginx.conf and taken from this device first by sw.js) and point the
    scripts that start it there. The folder sits beside assets/js/, at the same depth, so the
    worker's relative URLs (the runtime, the site's root) are the same from both copies; the
    plain assets/js/calculator-worker.mjs stays for a page of an earlier build still open.
    Returns the copy's path relative to the site."""
    digest = hashlib.sha256(worker.read_bytes()).hexdigest()[:16]
    assets = worker.parent.parent
    folder = assets / digest
    folder.mkdir(exist_ok=True)
    shutil.copyfile(worker, folder / worker.name)
    for name in WORKER_STARTERS:
        script = worker.parent / "calc" / name
        text = script.read_text(encoding="utf-8")
        if text.count(WORKER_REF) != 1:
            raise PluginError(f"{name}: expected the worker named once as {WORKER_REF}")
        script.write_text(text.replace(WORKER_REF, f'"../../{digest}/{worker.name}"'), encoding="utf-8")
    return f"assets/{digest}/{worker.name}"


def build_id(site: Path, info: dict) -> str:
    """A hash of everything the site serves (sw.js as written, before its build id and precache
    list go in): changes with every deploy that changes anything, so the service worker knows
    to update its cache. sw.js's own code counts too: a new worker must never install into the
    cache of the worker it replaces (its cache is named after this id)."""
    h = hashlib.sha256(info["dir"].encode())
    for path in sorted(site.rglob("*")):
        if path.is_file() and "pyodide" not in path.relative_to(site).parts[:1] and path.suffix not in (".br", ".gz"):
            h.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def precache_list(site: Path, plain: re.Pattern = re.compile(r"(?!)")) -> list[str]:
    """What sw.js keeps for offline use, relative to the site root: every page (by its directory
    URL), the assets, the search index, the Python runtime. Not: compressed variants, source
    maps, sw.js itself, the plain folders whose content-addressed copies the pages use (`plain`)."""
    out = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or path.suffix in (".br", ".gz", ".map") or rel in ("sw.js", "pyodide/runtime.json"):
            continue
        if rel.startswith("bench-") or UNUSED.match(rel) or plain.match(rel):
            continue
        if path.name == "index.html":
            rel = rel[: -len("index.html")] or "./"
        out.append(rel)
    return out
