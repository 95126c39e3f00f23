#!/usr/bin/env bash
# Print the path of a Python 3.12 or newer (the Pyodide toolchain needs it).
# Looks on PATH first, then in pyenv's installed versions; fails with a clear message.
set -u

ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }

for name in python3.14 python3.13 python3.12 python3 python; do
  candidate=$(command -v "$name" 2>/dev/null) || continue
  if ok "$candidate"; then echo "$candidate"; exit 0; fi
done

root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for candidate in $(ls -d "$root"/versions/3.*/bin/python3 2>/dev/null | sort -t/ -k1,1 -V -r); do
  if ok "$candidate"; then echo "$candidate"; exit 0; fi
done

echo "error: no Python 3.12 or newer found (looked on PATH and in $root/versions)." >&2
echo "Install one (e.g. 'pyenv install 3.12') and run the command again." >&2
exit 1
