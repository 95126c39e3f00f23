"""MkDocs hook: serve the Python runtime and the calculators from the site itself.

Into <site>/pyodide/ go
- the Pyodide runtime files from the npm package pinned in package.json / package-lock.json
  (node_modules/pyodide): nothing is fetched from a CDN;
- the `calculators` wheel, built from this checkout;
- pyodide-lock.json: the site's own lock file, made by pyodide-build's
  `pyodide lockfile add-wheels`, listing exactly what is served here (the wheel with its sha256).
The build steps themselves are in scripts/pyodide_bundle.py, also usable on their own.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import pyodide_bundle  # noqa: E402


def on_post_build(config):
    try:
        pyodide_bundle.install(Path(config["site_dir"]) / "pyodide")
    except pyodide_bundle.BundleError as exc:
        raise PluginError(str(exc)) from exc
