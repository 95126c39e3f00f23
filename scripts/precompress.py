"""Write name.br (brotli -11) and name.gz (gzip -9) beside every compressible file of a built
site, for nginx's brotli_static / gzip_static (deploy/nginx.conf).

    python scripts/precompress.py site

Compressed bytes are cached in build/precompress-cache/ by the sha256 of the original, so a
rebuild only compresses what changed (brotli -11 of pyodide.asm.wasm takes tens of seconds).
A variant is only written when it is smaller than the original. Every file is left 0644.
"""

import gzip
import hashlib
import os
import sys
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "precompress-cache"
SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".xml", ".svg", ".txt", ".map", ".zip", ".ico"}
MIN_SIZE = 256


def _cached(data: bytes, kind: str) -> bytes:
    key = hashlib.sha256(data).hexdigest()
    path = CACHE / f"{key}.{kind}"
    if path.exists():
        return path.read_bytes()
    if kind == "br":
        out = brotli.compress(data, quality=11)
    else:
        out = gzip.compress(data, compresslevel=9, mtime=0)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(out)
    tmp.replace(path)
    return out


def compress_tree(site: Path) -> int:
    """Precompress every eligible file under `site`; returns how many variants were written."""
    written = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES:
            continue
        data = path.read_bytes()
        for kind in ("br", "gz"):
            variant = path.with_name(f"{path.name}.{kind}")
            if len(data) < MIN_SIZE:
                variant.unlink(missing_ok=True)
                continue
            packed = _cached(data, kind)
            if len(packed) < len(data):
                variant.write_bytes(packed)
                variant.chmod(0o644)
                os.utime(variant, (path.stat().st_atime, path.stat().st_mtime))
                written += 1
            else:
                variant.unlink(missing_ok=True)
    return written


if __name__ == "__main__":
    print(compress_tree(Path(sys.argv[1])), "files written")
