// Browser glue for every calculator on the site. It knows no calculator by name: the form,
// its messages and the results all come from Python (calculators/), built into the page at
// build time and recomputed live in a Web Worker (calculator-worker.mjs).
//
// This entry module owns the page life cycle; the work is done by small modules in calc/:
//   python.mjs    the worker client (one worker per visit: start, state, requests; it takes
//                 over the worker start-early.js started from the head of calculator pages)
//   block.mjs     binding a calculator block, showing outcomes, errors and Python's state
//   form.mjs      helpers over a block's controls
//   fragment.mjs  the URL fragment (#field=value…): read on arrival, mirrored after each result
//   patch.mjs     applying a new result in place (only what changed)
//   copy.mjs      copying the plain-text summary
//   records.mjs   stored records, documents (letters) and the hand-over between tools
//   offline.mjs   registering the service worker once the visit is idle
//   theme-fixes.mjs  accessibility fixes to the theme's markup on every page (scrollable
//                 tables reachable by keyboard, section navs named)
//
// One worker per page load: links are plain links (the theme's script, and its instant
// navigation, are not loaded: overrides/main.html says why), so each page that has a
// calculator starts Python afresh — from the memory snapshot kept on this device after the
// first visit (calculator-worker.mjs).

import { registerOffline } from "./calc/offline.mjs";
import { fixThemePage } from "./calc/theme-fixes.mjs";

// The calculator and records modules (about 19 KB compressed) are fetched only by a page that
// has a calculator block or stored records: most visits read guide pages and need none of it.
// Imported once per visit; later pages reuse the same module instances (so the same worker).
// Tool pages name these modules in <link rel="modulepreload"> (overrides/main.html), so the
// download starts with the page instead of after this module has run.
const CALCULATORS = ".calc[data-calc], .calc-records[data-store]";
let calculators = null;

function loadCalculators() {
  calculators ??= Promise.all([import("./calc/python.mjs"), import("./calc/block.mjs"), import("./calc/records.mjs")]).then(
    ([python, block, records]) => {
      python.onPythonState((state) => {
        for (const b of blocks) block.pythonChanged(b, state);
      });
      return { python, block, records };
    },
    (error) => {
      calculators = null; // a failed download (offline, say) is tried again on the next page
      throw error;
    },
  );
  return calculators;
}

let blocks = []; // calculator blocks on the page

async function onPage() {
  fixThemePage();
  if (!document.querySelector(CALCULATORS)) return;
  const { python, block, records } = await loadCalculators();
  blocks = Array.from(document.querySelectorAll(".calc[data-calc]"), (el) => block.bindBlock(el));
  records.bindRecords(); // stored records, documents, hand-over (calc/records.mjs)
  if (!blocks.length) return;
  python.prepareCalculators(blocks.map((b) => b.calc));
  // Start Python after the first paint, or at the first touch when the reader saves data.
  python.startPythonSoon(blocks.map((b) => b.element));
  // Python may be ready, or have failed, before this page's blocks were bound (it is started
  // from the head): act on its state now as if it had just changed.
  for (const b of blocks) block.pythonChanged(b, python.pythonState());
}

onPage();
registerOffline(); // the service worker, once this visit is idle (calc/offline.mjs)
