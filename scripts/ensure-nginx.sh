#!/usr/bin/env bash
# Make sure nginx (Debian's package) and its brotli_static module exist for the tests, the
# bench and `make preview`, which serve the site with deploy/nginx.conf. Prints nginx's path.
set -eu
module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  if [ -f "$module" ] || [ "$(id -u)" != 0 ]; then command -v nginx || echo /usr/sbin/nginx; exit 0; fi
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's nginx and its brotli_static module…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx libnginx-mod-http-brotli-static >&2
  command -v nginx || echo /usr/sbin/nginx
  exit 0
fi
echo "nginx is needed: install it with your package manager (Debian: apt-get install nginx libnginx-mod-http-brotli-static)" >&2
exit 1
