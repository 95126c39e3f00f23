"""Shared fixtures: the site built once with `mkdocs build --strict`, served by nginx with
deploy/nginx.conf exactly as deployed (scripts/nginx_server.py: a foreground nginx on a free
port; brotli/gzip, MIME types, strict CSP, cache rules), and Chromium."""

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles: "ci" (bounded, the default: `make test` stays fast) and "long" for a
# thorough run, e.g. `.venv/bin/python -m pytest --hypothesis-profile=long tests/unit/test_properties.py`.
settings.register_profile("ci", max_examples=100, deadline=None)
settings.register_profile("long", max_examples=10000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
# Helper modules the tests import by name (pages, invariants, field_samples …).
sys.path[:0] = [str(ROOT / "tests" / "unit"), str(ROOT / "tests" / "browser")]
import local_site  # noqa: E402


@pytest.fixture(scope="session")
def site_port():
    return local_site.free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port):
    site = tmp_path_factory.mktemp("site")
    done = local_site.build(site, site_port)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return site


@pytest.fixture(scope="session")
def site_server(built_site, site_port):
    from nginx_server import NginxServer

    server = NginxServer(built_site, site_port)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site_url(site_server):
    return f"http://127.0.0.1:{site_server.port}/"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=local_site.chromium_executable(), args=local_site.CHROMIUM_ARGS)
        yield b
        b.close()
