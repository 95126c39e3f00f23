"""Shared fixtures: the site built once with `mkdocs build --strict`, served the way a static
host would serve it (scripts/static_server.py: gzip, MIME types, strict CSP), and Chromium."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def site_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port):
    site = tmp_path_factory.mktemp("site")
    # Instant navigation only follows links listed in sitemap.xml, which the theme matches by
    # host AND port: build for the address the tests will serve it on.
    env = dict(os.environ, SITE_URL=f"http://127.0.0.1:{site_port}/")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return site


@pytest.fixture(scope="session")
def site_url(built_site, site_port):
    from static_server import serve

    server = serve(built_site, port=site_port)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",  # the closed network refuses Chromium's own calls home
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()
