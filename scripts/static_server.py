"""Serve a built site the way a careful static host would, on loopback only.

    python scripts/static_server.py site [--host 127.0.0.1] [--port 8000]

- correct MIME types for Pyodide: .wasm → application/wasm (needed for streaming
  compilation), .mjs → text/javascript (needed for module scripts and workers);
- gzip for text, JSON, JavaScript and WebAssembly when the browser accepts it;
- the Content-Security-Policy the site is written for: nothing but this origin, plus
  'wasm-unsafe-eval' so WebAssembly may be compiled. No inline script can run under it.
Used by `make preview`, the browser tests and the benchmark.
"""

import argparse
import email.utils
import gzip
import http.server
import io
import mimetypes
import threading
from functools import lru_cache, partial
from pathlib import Path

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}
COMPRESSIBLE = ("text/", "application/json", "application/wasm", "image/svg+xml", "application/xml")


@lru_cache(maxsize=256)
def _gzipped(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


class Handler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path):
        suffix = Path(str(path)).suffix
        return TYPES.get(suffix) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"

    def end_headers(self):
        for name, value in HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the slash form
            path = path / "index.html"
        ctype = self.guess_type(path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants_gzip or not ctype.startswith(COMPRESSIBLE):
            return super().send_head()
        mtime = path.stat().st_mtime
        if self._not_modified(mtime):
            self.send_response(304)
            self.end_headers()
            return None
        body = _gzipped(str(path), mtime)
        self.send_response(200)
        self.send_header("Last-Modified", self.date_time_string(int(mtime)))
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_modified(self, mtime: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        try:
            return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False

    def copyfile(self, source, outputfile):
        # Count response bytes as sent (compressed when compressed), for the benchmark.
        data = source.read()
        outputfile.write(data)
        if self.server_stats is not None:
            self.server_stats.append((self.path, len(data)))

    server_stats: list | None = None

    def log_message(self, format, *args):
        pass


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 0, stats: list | None = None) -> http.server.ThreadingHTTPServer:
    """A server for `directory`. If `stats` is a list, (path, body bytes) is appended to it
    for every response."""
    handler = type("CountingHandler", (Handler,), {"server_stats": stats})
    return http.server.ThreadingHTTPServer((host, port), partial(handler, directory=str(directory)))


def serve(directory: Path, host: str = "127.0.0.1", port: int = 0, stats: list | None = None) -> http.server.ThreadingHTTPServer:
    """Start serving in a background thread; returns the server (server.server_port is the port)."""
    server = make_server(directory, host, port, stats)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(args.directory, args.host, args.port)
    print(f"serving {args.directory} on http://{args.host}:{args.port}/ (Ctrl+C to stop)")
    server.serve_forever()


if __name__ == "__main__":
    main()
