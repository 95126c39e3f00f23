"""What the server sends: nginx with deploy/nginx.conf (the deployed configuration), serving
the built site — headers, MIME types, precompressed variants, cache rules, file modes."""

import gzip
import hashlib
import json
import re
import stat
import urllib.request
from pathlib import Path

import brotli
import pytest

ROOT = Path(__file__).resolve().parents[2]
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'none'; frame-ancestors 'none'"
)
IMMUTABLE = "public, max-age=31536000, immutable"


def fetch(url, encoding="br, gzip", headers=None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def runtime(built_site):
    return json.loads((built_site / "pyodide" / "runtime.json").read_text())


def test_every_file_is_readable_by_a_server_running_as_another_user(built_site):
    bad = [f"{p.relative_to(built_site)} {stat.filemode(p.stat().st_mode)}" for p in built_site.rglob("*")
           if p.is_file() and not p.stat().st_mode & stat.S_IROTH]
    assert not bad, bad[:10]
    wheel = next((built_site / "pyodide" / runtime(built_site)["dir"]).glob("*.whl"))
    assert stat.S_IMODE(wheel.stat().st_mode) == 0o644


def test_every_compressible_file_has_brotli_and_gzip_variants_with_the_same_content(built_site):
    checked = 0
    for path in built_site.rglob("*"):
        if path.suffix in (".html", ".css", ".mjs", ".wasm", ".json", ".zip") and path.stat().st_size > 1024:
            data = path.read_bytes()
            assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
            checked += 1
    assert checked > 30


def test_the_pyodide_directory_is_named_by_its_content(built_site):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import pyodide_bundle

    info = runtime(built_site)
    folder = built_site / "pyodide" / info["dir"]
    files = {p.name: p for p in folder.iterdir() if p.suffix not in (".br", ".gz")}
    assert pyodide_bundle.bundle_hash(files) + "/" == info["dir"]
    assert [p.name for p in (built_site / "pyodide").iterdir() if p.is_dir()] == [info["dir"].rstrip("/")]
    worker = (built_site / "assets" / "js" / "calculator-worker.mjs").read_text()
    assert f'"dir": "{info["dir"]}"' in worker  # the worker finds it
    assert 1_000_000 < info["bytes"] < 4_500_000  # what a first visit downloads to start Python


@pytest.mark.parametrize("path, ctype", [
    ("", "text/html; charset=utf-8"),
    ("assets/js/calculator-worker.mjs", "text/javascript; charset=utf-8"),
    ("{runtime}pyodide.asm.wasm", "application/wasm"),
    ("{runtime}pyodide.mjs", "text/javascript; charset=utf-8"),
    ("{runtime}pyodide-lock.json", "application/json; charset=utf-8"),
    ("{runtime}python_stdlib.zip", "application/zip"),
])
def test_headers_and_types(site_url, built_site, path, ctype):
    path = path.replace("{runtime}", "pyodide/" + runtime(built_site)["dir"])
    status, headers, _ = fetch(site_url + path)
    assert status == 200
    assert headers["Content-Type"] == ctype
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "Server" not in headers or "/" not in headers["Server"]  # no version number


def test_the_readme_shows_the_same_csp():
    assert CSP in (ROOT / "README.md").read_text()
    assert CSP in (ROOT / "deploy" / "nginx.conf").read_text()


def test_brotli_then_gzip_then_identity(site_url, built_site):
    wasm = f"{site_url}pyodide/{runtime(built_site)['dir']}pyodide.asm.wasm"
    original = (built_site / "pyodide" / runtime(built_site)["dir"] / "pyodide.asm.wasm").read_bytes()
    _, headers, body = fetch(wasm, "gzip, deflate, br")
    assert headers["Content-Encoding"] == "br" and brotli.decompress(body) == original
    assert "Accept-Encoding" in headers["Vary"]
    _, headers, body = fetch(wasm, "gzip")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == original
    _, headers, body = fetch(wasm, "identity")
    assert "Content-Encoding" not in headers and body == original


def test_runtime_is_immutable_and_pages_revalidate(site_url, built_site):
    _, headers, _ = fetch(f"{site_url}pyodide/{runtime(built_site)['dir']}pyodide.asm.wasm")
    assert headers["Cache-Control"] == IMMUTABLE
    for path in ("", "tools/repayment-plan/", "assets/js/calculator-worker.mjs", "pyodide/runtime.json", "sw.js"):
        status, headers, _ = fetch(site_url + path)
        if status == 404 and path == "sw.js":
            continue
        assert headers["Cache-Control"] == "no-cache", path
        etag = headers["ETag"]
        assert etag, path
        status, _, body = fetch(site_url + path, headers={"If-None-Match": etag})
        assert status == 304 and body == b"", path


def test_the_worker_is_also_served_under_a_name_of_its_content(site_url, built_site):
    """assets/<hash>/calculator-worker.mjs: the built worker (hash = the start of its sha256),
    immutable; the two scripts that start it name that copy."""
    worker = (built_site / "assets" / "js" / "calculator-worker.mjs").read_bytes()
    digest = hashlib.sha256(worker).hexdigest()[:16]
    assert (built_site / "assets" / digest / "calculator-worker.mjs").read_bytes() == worker
    assert digest in [p.name for p in (built_site / "assets").iterdir() if re.fullmatch(r"[0-9a-f]{16}", p.name)]
    for starter in ("start-early.js", "python.mjs"):
        text = (built_site / "assets" / "js" / "calc" / starter).read_text()
        assert f'"../../{digest}/calculator-worker.mjs"' in text and '"../calculator-worker.mjs"' not in text, starter
    status, headers, _ = fetch(f"{site_url}assets/{digest}/calculator-worker.mjs")
    assert status == 200 and headers["Cache-Control"] == IMMUTABLE
    assert headers["Content-Type"] == "text/javascript; charset=utf-8"


def test_the_sites_own_files_are_served_from_folders_named_by_their_content(site_url, built_site):
    """assets/js/, assets/css/ and assets/images/ are each copied to assets/<hash of the folder>/
    (scripts/addressed_assets.py), served immutable; the pages name only the copies, so a repeat
    visit asks the server for none of them. The plain folders stay, asked for every time, for a
    page of an earlier build still open."""
    import addressed_assets

    for name in addressed_assets.FOLDERS:
        plain = built_site / "assets" / name
        copy = built_site / "assets" / addressed_assets.folder_hash(plain)
        files = sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*") if p.is_file() and p.suffix not in (".br", ".gz"))
        copied = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file() and p.suffix not in (".br", ".gz"))
        assert copied == [f for f in files if f"{name}/{f}" not in addressed_assets.NOT_COPIED] and copied, name
        for rel in copied:
            assert (copy / rel).read_bytes() == (plain / rel).read_bytes(), rel
        status, headers, _ = fetch(f"{site_url}assets/{copy.name}/{copied[0]}")
        assert status == 200 and headers["Cache-Control"] == IMMUTABLE, name
        _, headers, _ = fetch(f"{site_url}assets/{name}/{copied[0]}")
        assert headers["Cache-Control"] == "no-cache", name
    named = {}
    for page in built_site.rglob("*.html"):
        for ref in re.findall(r'(?:src|href)="([^"]*\bassets/(?:js|css|images)/[^"]*)"', page.read_text(encoding="utf-8")):
            named.setdefault(ref, page.relative_to(built_site).as_posix())
    assert not named, named


def test_the_copies_are_renamed_when_a_file_in_them_changes(tmp_path):
    """A deploy that changes one script changes its folder's name (so the service worker and the
    HTTP cache, which keep the old folder for ever, cannot serve the old file to the new page)."""
    import addressed_assets

    site = tmp_path / "site"
    (site / "assets" / "js" / "calc").mkdir(parents=True)
    (site / "assets" / "js" / "calc" / "a.mjs").write_text("export const a = 1;\n")
    (site / "assets" / "js" / "calculator-worker.mjs").write_text("// addressed on its own\n")
    (site / "index.html").write_text('<script type="module" src="assets/js/calc/a.mjs"></script> assets/js/ in text stays')
    first = addressed_assets.address(site)["js"]
    assert (site / "index.html").read_text() == f'<script type="module" src="assets/{first}/calc/a.mjs"></script> assets/js/ in text stays'
    assert not (site / "assets" / first / "calculator-worker.mjs").exists()
    (site / "assets" / "js" / "calc" / "a.mjs").write_text("export const a = 2;\n")
    assert addressed_assets.folder_hash(site / "assets" / "js") != first


def test_theme_bundles_with_a_fingerprint_are_immutable(site_url, built_site):
    css = next((built_site / "assets" / "stylesheets").glob("main.*.min.css"))
    _, headers, _ = fetch(site_url + css.relative_to(built_site).as_posix())
    assert headers["Cache-Control"] == IMMUTABLE


def test_missing_page_is_the_sites_404(site_url):
    status, headers, body = fetch(site_url + "no/such/page/", "identity")
    assert status == 404 and "Content-Security-Policy" in headers
    assert b"404" in body


def test_wheel_served_matches_the_lock(site_url, built_site):
    info = runtime(built_site)
    lock = json.loads(fetch(f"{site_url}pyodide/{info['dir']}pyodide-lock.json", "identity")[2])
    entry = lock["packages"]["calculators"]
    _, _, wheel = fetch(f"{site_url}pyodide/{info['dir']}{entry['file_name']}", "identity")
    assert hashlib.sha256(wheel).hexdigest() == entry["sha256"]
