// The site's service worker: offline after the first visit, updated with every deploy.
//
// Registered (docs/assets/js/calc/offline.mjs) once the first visit is idle — after Python is
// ready on a tool page — and not at all when the reader asks to save data. It then precaches
// the guide pages and the assets into a cache named after this build, and the Python runtime
// if it is already in the HTTP cache (no second download; a guide-only reader is not charged
// 4 MB for it) — otherwise the runtime is kept the first time a calculator loads it.
// - Pages and our own unversioned files: network first (a deploy is seen at once), this
//   device's copy when offline.
// - Content-addressed files (pyodide/<hash>/, the theme's fingerprinted bundles): this
//   device's copy first; they never change.
// - Update: the build writes its id into this file (the RUNTIME line), so every deploy that
//   changes anything changes sw.js; the browser installs the new worker, which precaches the
//   new build, takes over at once (skipWaiting + clients.claim) and deletes the old caches.
// Nothing here runs on a browser without service workers: the site works the same, online.

const RUNTIME = { dir: "", bytes: 0, build: "dev" };
const PRECACHE = [];
const CACHE = `site-${RUNTIME.build}`;
const SCOPE = new URL(self.registration.scope);
const IMMUTABLE = [/\/pyodide\/[0-9a-f]{16}\//, /\/assets\/(stylesheets|javascripts)\/.+\.[0-9a-f]{8}\.min\.(css|js)$/];

function immutable(url) {
  return IMMUTABLE.some((pattern) => pattern.test(url.pathname));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const urls = PRECACHE.map((path) => new URL(path, SCOPE));
      // Pages and assets: revalidated, so the cache holds this build.
      // One at a time: a single missing file must not leave the reader without offline pages.
      const pages = urls.filter((url) => !url.pathname.includes("/pyodide/"));
      await Promise.allSettled(pages.map((url) => cache.add(new Request(url, { cache: "no-cache" }))));
      // The Python runtime (4 MB) only if this device already has it (a calculator was used):
      // a reader who only read the guide is not charged for it. Otherwise it is kept the
      // first time a calculator loads it (cacheFirst below).
      for (const url of urls.filter((u) => u.pathname.includes("/pyodide/"))) {
        try {
          const copy = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
          if (copy.ok) await cache.put(url, copy);
        } catch {
          // not in the HTTP cache
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith("site-") && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// A page that used Python asks us to keep the runtime (read from the HTTP cache: no download).
self.addEventListener("message", (event) => {
  if (event.data !== "keep-runtime") return;
  const urls = PRECACHE.map((path) => new URL(path, SCOPE)).filter((url) => url.pathname.includes("/pyodide/"));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(urls)).catch(() => {}));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const copy = await cache.match(request, { ignoreSearch: true });
    if (copy) return copy;
    if (request.mode === "navigate") {
      const missing = await cache.match(new URL("404.html", SCOPE));
      if (missing) return missing;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const copy = await caches.match(request, { ignoreSearch: true });
  if (copy) return copy;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  if (request.headers.has("range")) return;
  event.respondWith(immutable(url) ? cacheFirst(request) : networkFirst(request));
});
