"""Run nginx in the foreground with deploy/nginx.conf for a built site, on loopback only.

    python scripts/nginx_server.py site [--port 8000]      (make preview)

Used by the tests, the bench and `make preview`, so that what is tested is what is deployed:
the generated configuration is a minimal main file around deploy/nginx.conf, of which only
`listen` and `root` are replaced. Every response is logged as "path status bytes" (hits()).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONF = ROOT / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise RuntimeError("nginx is not installed: run scripts/ensure-nginx.sh (make test does)")
    return found


def site_config(site: Path, port: int, host: str = "127.0.0.1") -> str:
    conf = SITE_CONF.read_text()
    conf, n_listen = re.subn(r"^(\s*)listen\s+80;", rf"\1listen {host}:{port};", conf, flags=re.M)
    conf, n_root = re.subn(r"^(\s*)root\s+\S+;", lambda m: f"{m.group(1)}root {site.resolve()};", conf, flags=re.M)
    assert n_listen == 1 and n_root == 1, "deploy/nginx.conf must have one `listen 80;` and one `root …;`"
    if not BROTLI_MODULE.exists():
        conf = re.sub(r"^\s*brotli_static\s+on;\n", "", conf, flags=re.M)
    return conf


def main_config(site: Path, port: int, prefix: Path, host: str = "127.0.0.1") -> str:
    lines = []
    if BROTLI_MODULE.exists():
        lines.append(f"load_module {BROTLI_MODULE};")
    if os.geteuid() == 0:
        lines.append("user root;")  # CI runs as root; the test site lives in root's temp dir
    lines += [
        "worker_processes 1;",
        f"pid {prefix}/nginx.pid;",
        f"error_log {prefix}/error.log warn;",
        "events { worker_connections 256; }",
        "http {",
        f"  client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;",
        f"  fastcgi_temp_path {prefix}/fastcgi; uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;",
        "  sendfile on;",
        "  log_format hits '$request_uri $status $body_bytes_sent';",
        f"  access_log {prefix}/access.log hits;",
        site_config(site, port, host),
        "}",
    ]
    return "\n".join(lines) + "\n"


class NginxServer:
    """nginx in the foreground for `site` on 127.0.0.1:`port`; stop() ends it."""

    def __init__(self, site: Path, port: int, host: str = "127.0.0.1"):
        self.port = port
        self._dir = Path(tempfile.mkdtemp(prefix="nginx-"))
        self.conf = self._dir / "nginx.conf"
        self.conf.write_text(main_config(Path(site), port, self._dir, host))
        self.log = self._dir / "access.log"
        self.log.touch()
        binary = nginx_binary()
        check = subprocess.run([binary, "-t", "-q", "-p", str(self._dir), "-c", str(self.conf)], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        self._process = subprocess.Popen([binary, "-p", str(self._dir), "-c", str(self.conf), "-g", "daemon off;"])
        url = f"http://{host}:{port}/"
        for _ in range(200):
            try:
                urllib.request.urlopen(url, timeout=1).read()
                break
            except OSError:
                if self._process.poll() is not None:
                    raise RuntimeError((self._dir / "error.log").read_text())
                time.sleep(0.05)
        self.clear()

    def clear(self):
        self.log.write_text("")

    def hits(self) -> list[tuple[str, int, int]]:
        out = []
        for line in self.log.read_text().splitlines():
            parts = line.rsplit(" ", 2)
            if len(parts) == 3:
                out.append((parts[0], int(parts[1]), int(parts[2])))
        return out

    def stop(self):
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        shutil.rmtree(self._dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = NginxServer(args.directory, args.port, args.host)
    print(f"nginx serving {args.directory} on http://{args.host}:{args.port}/ with deploy/nginx.conf (Ctrl+C to stop)")
    try:
        server._process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
