// Browser glue for every calculator on the site. It knows no calculator by name: the form,
// its messages and the results all come from Python (calculators/), built into the page at
// build time and recomputed live in a Web Worker (calculator-worker.mjs).
//
// This entry module owns the page life cycle; the work is done by small modules in calc/:
//   python.mjs    the worker client (one worker per visit: start, state, requests)
//   block.mjs     binding a calculator block, showing outcomes, errors and Python's state
//   form.mjs      helpers over a block's controls
//   fragment.mjs  the URL fragment (#field=value…): read on arrival, mirrored while typing
//   copy.mjs      copying the plain-text summary
//   theme-fixes.mjs  accessibility fixes to the theme on every page (scrollable tables,
//                 names for its dialog and progress bar, search fed by Chinese IMEs)
//
// One worker per visit: this module is evaluated once, and mkdocs-material's instant
// navigation swaps page content without reloading it, so the worker (and Python in it) lives
// on from page to page. Each page's listeners are bound through `document$` and removed when
// the page is left.

import { onPythonState, pythonState, startPythonSoon } from "./calc/python.mjs";
import { bindBlock, pythonChanged } from "./calc/block.mjs";
import { registerOffline } from "./calc/offline.mjs";
import { bindRecords } from "./calc/records.mjs";
import { fixThemePage } from "./calc/theme-fixes.mjs";

let blocks = []; // calculator blocks on the current page
let pageController = null;

onPythonState((state) => {
  for (const block of blocks) pythonChanged(block, state);
});

function onPage() {
  if (pageController) pageController.abort();
  pageController = new AbortController();
  fixThemePage();
  blocks = Array.from(document.querySelectorAll(".calc[data-calc]"), (el) => bindBlock(el, pageController.signal));
  bindRecords(pageController.signal); // stored records, documents, hand-over (calc/records.mjs)
  if (!blocks.length) return;
  // Start Python after the first paint, or at the first touch when the reader saves data.
  startPythonSoon(blocks.map((block) => block.element), pageController.signal);
  // Python may be ready, or have failed, before this page's blocks were bound (it is started
  // from the head): act on its state now as if it had just changed.
  for (const block of blocks) pythonChanged(block, pythonState());
}

// `document$` is mkdocs-material's observable of page loads (first load and every instant
// navigation). Without it (theme changed, script blocked) fall back to a single run.
if (window.document$) window.document$.subscribe(onPage);
else onPage();
registerOffline(); // the service worker, once this visit is idle (calc/offline.mjs)
