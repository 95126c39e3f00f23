// The site's service worker: offline after the first visit, updated with every deploy.
//
// Registered (docs/assets/js/calc/offline.mjs) once the first visit is idle — on a tool page,
// after Python is ready and the reader has asked for no calculation for 3 s — and not at all
// when the reader asks to save data. It then precaches
// the guide pages and the assets into a cache named after this build, and the Python runtime
// if it is already in the HTTP cache (no second download; a guide-only reader is not charged
// 4 MB for it) — otherwise the runtime is kept the first time a calculator loads it.
// - Pages and our own unversioned files: network first (a deploy is seen at once), this
//   device's copy when offline or when the network has not answered in PATIENCE_MS. Pages with
//   navigation preload (asked for while this worker starts).
// - Content-addressed files (pyodide/<hash>/; assets/<hash>/ — the calculator worker, and the
//   site's own scripts, stylesheets and images, which every page of a build names there —; the
//   theme's fingerprinted files): this device's copy first; they never change. A repeat visit
//   asks the network for the page alone.
// - Update: the build writes its id into this file (the RUNTIME line), so every deploy that
//   changes anything changes sw.js; the browser installs the new worker, which precaches the
//   new build, takes over at once (skipWaiting + clients.claim) and deletes the old caches.
//   All or nothing: the new worker is only activated once every page and asset of its build is
//   in its cache; if one cannot be fetched (the reader went offline during the update, a deploy
//   still uploading) the install fails, the previous version stays active with its full cache,
//   and the update is tried again at the next visit or when the page is back online.
// Nothing here runs on a browser without service workers: the site works the same, online.

const RUNTIME = { dir: "", bytes: 0, build: "dev" };
const PRECACHE = [];
const CACHE = `site-${RUNTIME.build}`;
const SCOPE = new URL(self.registration.scope);
const IMMUTABLE = [/\/pyodide\/[0-9a-f]{16}\//, /\/assets\/[0-9a-f]{16}\//, /\/assets\/(stylesheets|javascripts)\/.+\.[0-9a-f]{8}\.min\.(css|js)$/];

// This build's files, split once: the Python runtime (pyodide/<hash>/, kept only once this device
// has used it) and everything else (pages and assets, precached at install).
const PRECACHE_URLS = PRECACHE.map((path) => new URL(path, SCOPE));
const RUNTIME_URLS = PRECACHE_URLS.filter((url) => url.pathname.includes("/pyodide/"));
const PAGE_URLS = PRECACHE_URLS.filter((url) => !RUNTIME_URLS.includes(url));

function immutable(url) {
  return IMMUTABLE.some((pattern) => pattern.test(url.pathname));
}

// A file the new version needs could not be fetched (offline, a deploy still uploading, a
// server error): the install fails, so this version is not activated.
class MissingFile extends Error {}

const ATTEMPTS = [0, 500, 2000]; // ms before each try: a brief network hiccup is not a failed update
const PARALLEL = 4;

async function fetchForPrecache(url) {
  let failure;
  for (const delay of ATTEMPTS) {
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const response = await fetch(new Request(url, { cache: "no-cache" }));
      if (response.ok && response.type === "basic") return response;
      failure = `${response.status}`;
    } catch (error) {
      failure = `${error}`;
    }
  }
  throw new MissingFile(`${url.pathname}: ${failure}`);
}

// Every page and asset of this build, or nothing: a version is only activated once all of it
// is in its cache, because activating deletes the previous version's cache. (It was once
// Promise.allSettled: an update that ran while the reader went offline activated an empty
// cache and deleted the full one, and the next offline visit had no pages and no scripts.)
async function precachePages(urls) {
  const existed = await caches.has(CACHE);
  const cache = await caches.open(CACHE);
  const queue = [...urls];
  let failed = null;
  const worker = async () => {
    while (queue.length && !failed) {
      const url = queue.shift();
      try {
        await cache.put(url, await fetchForPrecache(url));
      } catch (error) {
        failed ??= error; // the others stop: one missing file already fails the install
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (failed) {
    // Leave no half-filled cache behind (unless it was there before, i.e. not ours to drop).
    if (!existed) await caches.delete(CACHE);
    throw failed;
  }
  return cache;
}

self.addEventListener("install", (event) => {
  // The runtime's files (content-addressed: they never change) straight from this device's
  // copy, without running this script for each of them (Static Routing API; where there is
  // none, the fetch handler below does the same). A file not kept here yet goes to the network
  // as any other (the HTTP cache has it, immutable). The runtime is asked for by the calculator
  // worker, and Chromium 156 does not apply the route to a dedicated worker's requests (a copy
  // of this file that listed what its fetch handler saw on a repeat visit: all five of the
  // worker's requests for the runtime; a fetch by the page of a file there did not reach it):
  // there, cacheFirst below serves them. Kept: the specification applies routes to a worker's
  // requests as well.
  if (typeof event.addRoutes === "function" && typeof URLPattern === "function" && RUNTIME.dir) {
    const runtime = new URLPattern({ pathname: `${SCOPE.pathname}pyodide/${RUNTIME.dir}*` });
    event.addRoutes([{ condition: { urlPattern: runtime }, source: "cache" }]).catch(() => {});
  }
  event.waitUntil(
    (async () => {
      // Pages and assets: revalidated, so the cache holds this build. If this rejects, the
      // browser discards this worker; the previous version stays active with its full cache,
      // and the update is tried again at the next visit (or when the page is back online).
      const cache = await precachePages(PAGE_URLS);
      // The Python runtime (4 MB) only if this device already has it (a calculator was used):
      // a reader who only read the guide is not charged for it. Otherwise it is kept the
      // first time a calculator loads it (cacheFirst below). Content-addressed, so the copy the
      // previous version kept is the same file: taken from there first (the HTTP cache may
      // have evicted it), then from the HTTP cache; never downloaded here.
      for (const url of RUNTIME_URLS) {
        try {
          const kept = await caches.match(url);
          const copy = kept || (await fetch(url, { cache: "only-if-cached", mode: "same-origin" }));
          if (copy.ok) await cache.put(url, copy);
        } catch {
          // not on this device
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Navigation preload: the browser asks the network for a page while it starts this
      // worker, instead of after (a repeat visit's first paint waited for both, one after the
      // other).
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable().catch(() => {});
      for (const name of await caches.keys()) if (name.startsWith("site-") && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// The cache this worker may write to, or null once a newer version has replaced it: that
// version's activate deleted our cache, and caches.open would create it again as an orphan
// nobody deletes (a fetch or a message the old worker was still handling when it was replaced).
async function ownCache() {
  if (self.serviceWorker?.state === "redundant" || !(await caches.has(CACHE))) return null;
  return caches.open(CACHE);
}

// A page that used Python asks us to keep the runtime (read from the HTTP cache: no download),
// on every visit: only the files not kept yet are added. (Adding them all again, as this once
// did, read 4 MB back from the HTTP cache on every visit — or from the network once the HTTP
// cache had dropped them, since repeat visits take them from here — and replaced each entry,
// and with it the compiled code Chromium keeps beside it: the next visit compiled Pyodide's
// script again.) Answers on the message's port (with how many it added) once they are kept: the
// page then has V8 compile the runtime script from here once (python.mjs, compileRuntimeForNextVisit).
self.addEventListener("message", (event) => {
  if (event.data !== "keep-runtime") return;
  const reply = event.ports[0];
  event.waitUntil(keepRuntime().then((added) => reply?.postMessage({ added }), () => reply?.postMessage({ added: 0 })));
});

async function keepRuntime() {
  const cache = await ownCache();
  if (!cache) return 0;
  // What is kept is read from the cache's keys, not with match(): a Response that match() gives
  // and nobody reads holds its cache entry open until this worker's garbage collector frees it,
  // and Chromium finishes writing the compiled code it keeps beside an entry (the code-cache
  // step after this) only when the entry is closed. A browser closed or killed before that (a
  // phone may end a browser left in the background) lost the code: a relaunched browser's next
  // visit was handed none in 8 of 13 visits; with the look-up made this way, it was handed the
  // code in 14 of 14.
  const kept = new Set((await cache.keys()).map((request) => request.url));
  const missing = RUNTIME_URLS.filter((url) => !kept.has(url.href));
  if (missing.length) await cache.addAll(missing);
  return missing.length;
}

async function keep(request, response) {
  if (!response.ok || response.type !== "basic") return;
  const cache = await ownCache();
  if (!cache) return;
  // Not written again when the copy here is the same file (same ETag): a repeat visit
  // revalidates every page and script (304), and rewriting each of them would compete with
  // the calculator worker's reads of the runtime and the snapshot from this same storage.
  const etag = response.headers.get("etag");
  if (etag && (await cache.match(request))?.headers.get("etag") === etag) return;
  await cache.put(request, response);
}

// Offline: this version's copy; failing that, a copy another cache on this device still holds
// (a file this version does not precache, while an update is taking over) rather than an error.
async function offlineCopy(request) {
  return (await caches.match(request, { cacheName: CACHE, ignoreSearch: true })) || (await caches.match(request, { ignoreSearch: true }));
}

// A network that connects but delivers nothing (one bar of signal) fails no request: without a
// limit a page this device has would wait for it as long as the browser does, minutes. After
// this long, this device's copy is served instead; the network's answer, if it still comes, is
// kept for the next visit. A slow network that delivers within it is not affected.
const PATIENCE_MS = 4000;

async function networkFirst(event) {
  const request = event.request;
  // A page: the response navigation preload already asked for (undefined without it).
  const network = Promise.resolve(event.preloadResponse).then((preloaded) => preloaded || fetch(request));
  // Kept for offline use, without holding the page back; a failed write (storage full) does
  // not fail the page. Cloned before the page reads the response (this runs first).
  event.waitUntil(network.then((response) => keep(request, response.clone())).catch(() => {}));
  let timer;
  const tooLong = new Promise((resolve) => {
    timer = setTimeout(resolve, PATIENCE_MS);
  });
  // Without a copy here, only the network can answer.
  const copyIfTooLong = tooLong.then(() => offlineCopy(request)).then((copy) => copy || network);
  try {
    return await Promise.race([network, copyIfTooLong]);
  } catch (error) {
    const copy = await offlineCopy(request);
    if (copy) return copy;
    if (request.mode === "navigate") {
      const missing = await caches.match(new URL("404.html", SCOPE));
      if (missing) return missing;
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function cacheFirst(event) {
  const request = event.request;
  // The exact URL first: a look-up that ignores the query has to read every entry of every
  // cache (the runtime's files are looked up this way on every visit). Only a URL with a query
  // (the snapshot helper's worker script, ?snapshot) needs that.
  const copy = (await caches.match(request)) || (new URL(request.url).search ? await caches.match(request, { ignoreSearch: true }) : undefined);
  if (copy) return copy;
  const response = await fetch(request);
  event.waitUntil(keep(request, response.clone()).catch(() => {}));
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  if (request.headers.has("range")) return;
  event.respondWith(immutable(url) ? cacheFirst(event) : networkFirst(event));
});
