// The site's search: the theme's search dialog and its search worker, driven by this module
// instead of the theme's script (not loaded: see overrides/main.html, block scripts).
//
// Nothing is fetched until the reader opens search. The index (search/search_index.json) is
// over 100 KB compressed with Chinese word segmentation, more than the rest of a page, and
// most readers on mobile data never search; the worker (lunr with Chinese support) has
// nothing to do before the index arrives. The markup is the theme's (partials/search.html),
// so the theme's stylesheet lays it out; the worker protocol is the theme's too (its
// integrations/search/worker/message: SETUP with the index, READY, QUERY, RESULT).

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const FAILED = "搜索暂时不可用，请检查网络后重试";
const PAGE_SIZE = 10; // result pages rendered at a time; more as the list is scrolled
const SHOWN_SECTIONS = 2; // matching sections shown under a page; the others folded
const EXCERPT = 72; // characters of a matching passage: four lines on a phone (~18 a line)
const SETUP_TIMEOUT = 30_000; // ms for the worker to build the index (a slow phone: a few s)

const toggle = document.getElementById("__search");
const dialog = document.querySelector('[data-md-component="search"]');
const query = dialog && dialog.querySelector('input[data-md-component="search-query"]');
const result = dialog && dialog.querySelector('[data-md-component="search-result"]');
const configElement = document.getElementById("__config");

if (toggle && query && result && configElement) setUp();

function setUp() {
  const config = JSON.parse(configElement.textContent);
  const base = new URL(config.base, location.href);
  const translations = config.translations || {};
  const say = (key, n) => (translations[key] || "").replace("#", String(n));
  const meta = result.querySelector(".md-search-result__meta");
  const list = result.querySelector(".md-search-result__list");
  const scroller = dialog.querySelector(".md-search__scrollwrap") || result;
  const opener = document.querySelector('header label[for="__search"]');
  const narrow = matchMedia("(max-width: 59.984375em)"); // the theme's breakpoint for the overlay
  const loadingText = meta.textContent.trim(); // the template's "initialising" line

  let worker = null;
  let state = "idle"; // idle → loading → ready, or failed (retried when search is reopened)
  let inFlight = null; // the query the worker is answering; one at a time, see ask()
  let shown = null; // the query whose results are on screen
  let returnTo = null; // what had the focus before search opened
  let groups = [];
  let rendered = 0;

  // --- Opening and closing -------------------------------------------------------------

  function open() {
    if (!toggle.checked) toggle.checked = true; // no change event: the theme's CSS only reads :checked
    lockScroll(true);
    if (state === "idle" || state === "failed") start();
  }

  function close() {
    toggle.checked = false;
    leave();
  }

  // Focus goes back where it was before search opened, as from any dialog (a keyboard user
  // on a phone reaches the field, zero-sized until search opens, by Tab). It must not stay in
  // a dialog no longer shown: on a phone that is zero-sized, and a screen reader would keep
  // reading it. The header's search button is a <label>, which takes no focus (and axe
  // forbids a button role on it), so a tap on it leaves nothing to go back to.
  function leave() {
    lockScroll(false);
    const back = returnTo;
    returnTo = null;
    if (!dialog.contains(document.activeElement)) return;
    if (back && back.isConnected && back !== document.body && !dialog.contains(back)) back.focus({ preventScroll: true });
    if (dialog.contains(document.activeElement)) document.activeElement.blur();
  }

  // On a phone the open dialog covers the page, and the page under it must neither scroll
  // nor grow: the theme's opening animation scales a circle (.md-search__overlay) 45 times,
  // and in a page that can scroll it widens the layout viewport to over 1000 px, the dialog
  // with it (its width is 100% of that viewport). The theme's stylesheet fixes the body in
  // place when it carries data-md-scrolllock (the theme's script set it); the page is kept
  // where it was by an offset, and scrolled back there on closing.
  function lockScroll(on) {
    const body = document.body;
    const locked = body.hasAttribute("data-md-scrolllock");
    if (on && !locked && narrow.matches) {
      body.style.top = `-${scrollY}px`;
      body.setAttribute("data-md-scrolllock", "");
    } else if (!on && locked) {
      const y = -parseInt(body.style.top, 10) || 0;
      body.removeAttribute("data-md-scrolllock");
      body.style.top = "";
      scrollTo(0, y);
    }
  }

  if (opener) {
    // Focus the field in the tap itself: a phone only brings up its keyboard for a focus
    // that a user gesture caused. The label's own toggling is replaced, so that checking
    // the box here is not undone by it.
    opener.addEventListener("click", (event) => {
      event.preventDefault();
      if (!toggle.checked) returnTo = document.activeElement;
      open();
      query.focus();
    });
  }

  // On a wide screen the field sits in the header: focusing it opens search.
  query.addEventListener("focus", (event) => {
    if (!toggle.checked) returnTo = event.relatedTarget;
    open();
  });
  toggle.addEventListener("change", () => (toggle.checked ? open() : leave()));

  // The other labels for the box (the overlay, the back arrow) close search natively.
  dialog.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a[href]")) close();
  });

  // Tabbing out of the dialog leaves search (it would otherwise cover the page that now
  // has the focus). A focus that goes nowhere (the window lost it) does not count.
  dialog.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (toggle.checked && next instanceof Node && !dialog.contains(next)) {
      returnTo = null;
      toggle.checked = false;
      lockScroll(false);
    }
  });

  document.addEventListener("keydown", (event) => {
    // Keys that an IME is using to compose (Escape cancels the composition) are its own.
    if (!toggle.checked || event.defaultPrevented || event.isComposing) return;
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && dialog.contains(document.activeElement)) {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    }
  });

  // The field, then every result link (and the fold of more sections), in order.
  const focusStops = () => [query, ...list.querySelectorAll(":scope > li > a, summary, details[open] > a")];
  function move(step) {
    let stops = focusStops();
    let i = stops.indexOf(document.activeElement);
    if (step > 0 && i === stops.length - 1 && renderMore()) stops = focusStops();
    i = (Math.max(i, 0) + step + stops.length) % stops.length;
    stops[i].focus();
  }

  // --- The query -----------------------------------------------------------------------

  // Every committed change: typing, paste, autofill, voice input, and an IME's commit.
  // While an IME composes (pinyin still being picked) the field holds Latin letters that
  // are not the query; its commit comes with compositionend (Chrome's last input event
  // during a composition still says isComposing).
  query.addEventListener("input", (event) => {
    if (!event.isComposing) update();
  });
  query.addEventListener("compositionend", update);
  // The clear button resets the form, which sends no input event (and the value changes
  // only after the reset event).
  query.form.addEventListener("reset", () => {
    setTimeout(update);
    query.focus();
  });
  // Enter follows the best result. Never a form submission: it would reload the page (and
  // the Content-Security-Policy forbids it: form-action 'none').
  query.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const best = list.querySelector("a[href]");
    if (best) best.click();
  });

  function update() {
    if (state === "ready") ask();
  }

  // One query at a time: while the worker answers one, newer keystrokes only change the
  // field, and the latest value is asked when the answer comes. A slow phone then skips
  // the intermediate queries instead of queueing them all.
  function ask() {
    const value = query.value.trim();
    if (inFlight !== null || value === shown) return;
    if (!value) {
      show(value, []);
      return;
    }
    inFlight = value;
    worker.postMessage({ type: QUERY, data: value });
  }

  // --- The worker and the index -------------------------------------------------------

  function start() {
    state = "loading";
    meta.textContent = loadingText;
    list.replaceChildren();
    shown = null;
    inFlight = null;
    try {
      worker = new Worker(new URL(config.search, base));
    } catch (error) {
      fail(error);
      return;
    }
    const current = worker;
    worker.addEventListener("error", (event) => current === worker && fail(event.message || "worker failed"));
    worker.addEventListener("message", ({ data }) => current === worker && receive(data));
    // The worker is started while the index downloads; its own scripts load meanwhile.
    fetch(new URL("search/search_index.json", base))
      .then((response) => {
        if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
        return response.json();
      })
      .then(({ config: indexConfig, docs }) => {
        if (current !== worker) return;
        worker.postMessage({ type: SETUP, data: { config: indexConfig, docs, options: { suggest: false } } });
        // A worker that fails while it builds the index says nothing (its message handler
        // is async: the error is an unhandled rejection inside the worker).
        setTimeout(() => current === worker && state === "loading" && fail("no answer from the search worker"), SETUP_TIMEOUT);
      })
      .catch((error) => current === worker && fail(error));
  }

  function fail(error) {
    console.warn("search unavailable:", error);
    if (worker) worker.terminate();
    worker = null;
    state = "failed";
    inFlight = null;
    meta.textContent = FAILED;
    list.replaceChildren();
  }

  function receive(message) {
    if (message.type === READY) {
      state = "ready";
      ask();
      if (!query.value.trim()) meta.textContent = say("search.result.placeholder");
    } else if (message.type === RESULT) {
      const asked = inFlight;
      inFlight = null;
      // Only the answer to what the field still says is shown; otherwise ask again.
      if (asked === query.value.trim()) show(asked, message.data.items || []);
      else ask();
    }
  }

  // --- Results -------------------------------------------------------------------------

  function show(value, items) {
    shown = value;
    groups = items;
    rendered = 0;
    list.replaceChildren();
    scroller.scrollTop = 0;
    if (!value) meta.textContent = say("search.result.placeholder");
    else if (!items.length) meta.textContent = say("search.result.none");
    else if (items.length === 1) meta.textContent = say("search.result.one");
    else meta.textContent = say("search.result.other", items.length);
    renderMore();
  }

  // Renders the next few pages of results; false when all are on screen.
  function renderMore() {
    if (rendered >= groups.length) return false;
    const next = groups.slice(rendered, rendered + PAGE_SIZE);
    rendered += next.length;
    list.append(...next.map(renderGroup));
    return true;
  }

  scroller.addEventListener(
    "scroll",
    () => {
      if (scroller.scrollTop + scroller.clientHeight > scroller.scrollHeight - 400) renderMore();
    },
    { passive: true },
  );

  // One page of the site: its title (and matching passage), then its matching sections.
  // The worker lists a page's matches best first, the page itself last if only its
  // sections matched.
  function renderGroup(docs) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const page = docs.find((doc) => !doc.location.includes("#")) || docs[0];
    const sections = docs.filter((doc) => doc !== page);
    li.append(link(page, "h1"));
    const folded = sections.slice(SHOWN_SECTIONS);
    li.append(...sections.slice(0, SHOWN_SECTIONS).map((doc) => link(doc, "h2")));
    if (folded.length) {
      const details = document.createElement("details");
      details.className = "md-search-result__more";
      const summary = document.createElement("summary");
      const label = document.createElement("div");
      label.textContent = folded.length === 1 ? say("search.result.more.one") : say("search.result.more.other", folded.length);
      summary.append(label);
      details.append(summary, ...folded.map((doc) => link(doc, "h2")));
      li.append(details);
    }
    return li;
  }

  function link(doc, heading) {
    const url = new URL(doc.location, base);
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = url.pathname + url.search + url.hash; // same origin: a path, wherever the site is served
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (heading === "h1") {
      const icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.append(icon);
    }
    const title = document.createElement(heading);
    title.append(...marked(doc.title));
    article.append(title);
    // A passage only where the worker marked a match: an unmatched text is the whole page.
    if (doc.text && doc.text.includes("<mark>")) {
      const p = document.createElement("p");
      p.append(...excerpt(marked(doc.text)));
      article.append(p);
    }
    a.append(article);
    return a;
  }

  // The index holds HTML (the worker adds <mark> around matches). Only its text and the
  // marks are kept: a link or a heading inside a result link would be invalid, and nothing
  // from the index runs or loads (template content is inert). The zero-width spaces are
  // the build's word boundaries for the Chinese index, not text.
  function marked(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const out = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) out.push(document.createTextNode(child.data.replace(/\u200b/g, "")));
        else if (child.nodeName === "MARK") {
          const mark = document.createElement("mark");
          mark.textContent = child.textContent.replace(/\u200b/g, "");
          out.push(mark);
        } else walk(child);
      }
    };
    walk(template.content);
    return out;
  }

  // At most EXCERPT characters, starting a little before the first match.
  function excerpt(nodes) {
    const total = nodes.reduce((n, node) => n + node.textContent.length, 0);
    if (total <= EXCERPT) return nodes;
    let offset = 0;
    let first = 0;
    for (const node of nodes) {
      if (node.nodeName === "MARK") {
        first = offset;
        break;
      }
      offset += node.textContent.length;
    }
    const from = Math.max(0, Math.min(first - 12, total - EXCERPT));
    const to = from + EXCERPT;
    const out = [];
    offset = 0;
    for (const node of nodes) {
      const length = node.textContent.length;
      const a = Math.max(from, offset);
      const b = Math.min(to, offset + length);
      if (a < b) {
        const part = node.textContent.slice(a - offset, b - offset);
        if (node.nodeName === "MARK") {
          const mark = document.createElement("mark");
          mark.textContent = part;
          out.push(mark);
        } else out.push(document.createTextNode(part));
      }
      offset += length;
    }
    if (from > 0) out.unshift(document.createTextNode("…"));
    if (to < total) out.push(document.createTextNode("…"));
    return out;
  }

  // Search opened before this module ran (the reader was quick, or the page was restored).
  if (toggle.checked || document.activeElement === query) open();
}
