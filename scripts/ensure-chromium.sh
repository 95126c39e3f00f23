#!/usr/bin/env bash
# Make sure a Chromium for the browser tests exists; print its path.
# As root: Debian's `chromium` package. Otherwise: Playwright's own browser download.
set -eu
if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then echo "$CHROMIUM"; exit 0; fi
if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium for the browser tests…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  echo /usr/bin/chromium
  exit 0
fi
echo "installing Playwright's Chromium for the browser tests…" >&2
"${VENV:-.venv}/bin/python" -m playwright install chromium >&2
"${VENV:-.venv}/bin/python" -c 'from playwright.sync_api import sync_playwright as p; s=p().start(); print(s.chromium.executable_path); s.stop()'
