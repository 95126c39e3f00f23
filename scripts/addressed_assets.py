"""Serve the site's own stylesheets, scripts and images from content-addressed folders.

assets/js/, assets/css/ and assets/images/ are each copied to assets/<hash of the folder's
files>/ (the same depth, so every relative URL in them — `../../../sw.js`, the calculator
worker's `../../<hash>/`, the runtime's `../../pyodide/` — means the same from the copy), and
every page is pointed at the copies. Like the runtime (pyodide/<hash>/) and the worker script
(assets/<hash>/calculator-worker.mjs), they are then served immutable (deploy/nginx.conf) and
taken from the device's copy first by the service worker (docs/sw.js): a repeat visit asks the
server for the page and nothing else. Before, the service worker fetched these files network
first, so that a deploy would be seen at once: on a repeat visit a stylesheet or head script
then waited a round trip for the server's 304, and the first paint and the start of Python with
it; on a network that connects but does not deliver, as long as the fetch took to fail. A
deploy that changes a file changes its folder's name, so it is seen at once all the same.

The plain folders stay in the site for a page of an earlier build still open (its scripts
import others by relative URL), and are not precached: no page of this build names them.
Called by hooks/pyodide_bundle.py once the worker has been addressed (which rewrites two of the
scripts) and before the service worker's precache list is written.
"""

import hashlib
import re
import shutil
from pathlib import Path

FOLDERS = ("js", "css", "images")
# The plain worker script is addressed on its own (hooks/pyodide_bundle.py: its address
# changes only when it does); a copy of it in the scripts' folder would be a second, unused one.
NOT_COPIED = {"js/calculator-worker.mjs"}
# A URL attribute of a page that points into one of the folders, whatever the path before it
# (`../../assets/js/…`, `/assets/js/…`, `assets/js/…`).
REFERENCE = re.compile(r'((?:src|href)="[^"]*?\bassets/)(' + "|".join(FOLDERS) + r')/')


def folder_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if f"{folder.name}/{rel}" in NOT_COPIED or path.suffix in (".br", ".gz"):
            continue
        h.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def _not_copied(folder: Path):
    """shutil.copytree's `ignore`: the files of `folder` listed in NOT_COPIED."""
    def ignore(directory, files):
        inside = Path(directory).relative_to(folder)
        return [f for f in files if f"{folder.name}/{(inside / f).as_posix()}" in NOT_COPIED]
    return ignore


def address(site: Path) -> dict[str, str]:
    """Copy each folder to assets/<hash>/ and point every page at it. Returns {"js": "<hash>", …}."""
    assets = site / "assets"
    names = {}
    for name in FOLDERS:
        folder = assets / name
        if not folder.is_dir():
            continue
        digest = folder_hash(folder)
        target = assets / digest
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder, target, ignore=_not_copied(folder))
        names[name] = digest
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = REFERENCE.sub(lambda m: m.group(1) + names.get(m.group(2), m.group(2)) + "/", text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return names


def plain_copies(names: dict[str, str]) -> re.Pattern:
    """The site-relative paths of the plain folders that were copied (not precached)."""
    if not names:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(r"^assets/(?:" + "|".join(re.escape(n) for n in names) + r")/")
