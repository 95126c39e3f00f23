// Registers the site's service worker (sw.js: offline after the first visit) once this visit
// is idle: after the page has loaded and, on a tool page, after Python is ready and the reader
// has asked for no calculation for QUIET_MS — so that the precache never competes with what
// the reader is waiting for. Not when the reader saves data
// (the precache downloads the guide pages), and nothing happens where service workers are
// unavailable: the site works the same without.

import { compileRuntimeForNextVisit, onPythonState, pythonState, savingData, whenQuiet } from "./python.mjs";

const SW_URL = new URL("../../../sw.js", import.meta.url);
const SCOPE = new URL("../../../", import.meta.url).pathname;
const QUIET_MS = 3000; // as the worker's memory snapshot (SNAPSHOT_DELAY_MS)
let registered = false;

function register() {
  if (registered) return;
  registered = true;
  const idle = self.requestIdleCallback || ((callback) => setTimeout(callback, 1000));
  idle(() => {
    navigator.serviceWorker.register(SW_URL, { scope: SCOPE }).then((registration) => {
      // An update whose install failed (the reader went offline during it: sw.js installs a
      // version only once all of it is on the device) is tried again when the network is back,
      // not only at the next visit: a reader who keeps this page open gets it too.
      addEventListener("online", () => registration.update().catch(() => {}));
    }, () => {});
    // This visit used Python: keep the runtime for offline use too (it is in the HTTP cache).
    navigator.serviceWorker.ready.then((registration) => {
      if (pythonState() !== "ready" || !registration.active) return;
      const reply = new MessageChannel();
      reply.port1.onmessage = runtimeKept;
      registration.active.postMessage("keep-runtime", [reply.port2]);
    });
  }, { timeout: 5000 });
  // A first visit: the service worker takes this page over once it has installed (and kept the
  // runtime, which this visit's Python had loaded before the registration).
  navigator.serviceWorker.addEventListener("controllerchange", runtimeKept);
}

// The runtime is in the service worker's cache: have V8's compiled code for its script kept
// beside it, if it is not there yet, so that the next visit starts sooner (python.mjs).
function runtimeKept() {
  whenQuiet(QUIET_MS, compileRuntimeForNextVisit);
}

function whenSettled() {
  const settled = (state) => state === "ready" || state === "error";
  if (!document.querySelector(".calc[data-calc]")) register();
  else if (settled(pythonState())) whenQuiet(QUIET_MS, register);
  else onPythonState((next) => settled(next) && whenQuiet(QUIET_MS, register));
}

export function registerOffline() {
  if (!("serviceWorker" in navigator) || savingData()) return;
  if (document.readyState === "complete") whenSettled();
  else addEventListener("load", whenSettled, { once: true });
}
