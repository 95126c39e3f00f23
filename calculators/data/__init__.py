"""Data files shipped with the calculators (lpr.json, channels.json)."""

import json
import pkgutil


def read_json(name: str):
    """One of this package's JSON files, through the package's own loader (so it also works
    from a zip). Not importlib.resources: that pulls in zipfile, tempfile, shutil and pathlib,
    which in the browser cost a cold start about 50 ms for two small files."""
    data = pkgutil.get_data(__name__, name)
    if data is None:  # pragma: no cover - only for a loader without get_data
        raise FileNotFoundError(name)
    return json.loads(data.decode("utf-8"))
