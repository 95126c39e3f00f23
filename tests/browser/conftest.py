"""Fixtures for the browser tests (helpers are in pages.py)."""

import pytest

from pages import Visit, new_phone_context


@pytest.fixture
def visit(browser, site_url):
    context = new_phone_context(browser)
    v = Visit(context, site_url)
    yield v
    context.close()
