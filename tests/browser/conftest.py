"""Fixtures for the browser tests (helpers and the `visit` fixture are in pages.py)."""

from pages import visit  # noqa: F401
