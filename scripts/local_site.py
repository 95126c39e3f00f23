"""Build the site for a local address and drive it with Chromium: shared by tests and bench.

The theme's instant navigation only follows links listed in sitemap.xml, matched by host AND
port, so the site is built for the exact address it will be served on (SITE_URL).
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",  # the closed network refuses Chromium's own calls home
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_executable() -> str:
    """The browser scripts/ensure-chromium.sh installed (exported as CHROMIUM by the Makefile)."""
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(site_dir: Path, port: int) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into site_dir for http://127.0.0.1:<port>/; returns the process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=dict(os.environ, SITE_URL=f"http://127.0.0.1:{port}/"),
        capture_output=True,
        text=True,
        timeout=600,
    )
