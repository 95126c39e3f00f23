// The URL fragment: #field=value&field=value. A fragment is never sent to any server; it lets
// a reader share or bookmark a filled-in calculator.
//
// Links arrive mangled: people type a bare `%` (`rate=0%`), chat apps cut escapes in half
// (`%E4`), and anyone can craft a huge one. So reading is forgiving and bounded: a bad escape
// is kept as typed (Python then says what is wrong with the value), only names the form
// declares are read, private fields are never read or written, and only a sane length is
// looked at — with a visible message when something was left out.

import { controls, isDefault, isPrivate, openEnclosing } from "./form.mjs";
import { columns, isDefaultGroup, resize, rows } from "./rows.mjs";

const MAX_FRAGMENT = 32_768; // characters of location.hash looked at (30 rows × 6 cells fit)
const MAX_VALUE = 1_000; // characters of one value (longer ones are ignored)
const MSG_CUT = "这个链接里的内容太长或不完整，只读取了其中一部分。请核对下面各栏的数字。";

/** Decodes one component; never throws. A malformed escape decodes as far as it can. */
export function decode(text) {
  text = text.replace(/\+/g, " ");
  try {
    return decodeURIComponent(text);
  } catch {
    // Each valid %XX is a byte, anything else is itself; bad UTF-8 becomes U+FFFD.
    const encoder = new TextEncoder();
    const bytes = [];
    for (let i = 0; i < text.length; ) {
      const hex = text.slice(i + 1, i + 3);
      if (text[i] === "%" && /^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 3;
      } else {
        const char = String.fromCodePoint(text.codePointAt(i));
        bytes.push(...encoder.encode(char));
        i += char.length;
      }
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }
}

/**
 * The fragment's name → value pairs for the names accepted by `wanted(name)`.
 * Returns {values: Map, cut: boolean} — cut when part of the fragment was not read.
 */
export function readFragment(wanted) {
  const values = new Map();
  let hash = location.hash.slice(1);
  let cut = false;
  if (!hash.includes("=")) return { values, cut };
  if (hash.length > MAX_FRAGMENT) {
    hash = hash.slice(0, hash.lastIndexOf("&", MAX_FRAGMENT) + 1 || MAX_FRAGMENT);
    cut = true;
  }
  for (const pair of hash.split("&")) {
    const at = pair.indexOf("=");
    if (at < 1) continue;
    const name = decode(pair.slice(0, at));
    if (!wanted(name) || values.has(name)) continue;
    const value = decode(pair.slice(at + 1));
    if (value.length > MAX_VALUE) {
      cut = true;
      continue;
    }
    values.set(name, value);
  }
  return { values, cut };
}

// Is this control part of a row group (its cells or its hidden count)? Groups are read and
// written as a whole.
export function inGroup(el) {
  return Boolean(el.closest("fieldset.calc-rows"));
}

/** Fills the block's controls from location.hash; true if it needs computing. */
export function fillFromFragment(block) {
  const fields = new Map(
    controls(block)
      .filter((el) => !isPrivate(el) && !inGroup(el))
      .map((el) => [el.name, el]),
  );
  // Row groups: the count `debts` and cells `debts.<row>.<column>` of public columns.
  const groups = new Map();
  for (const g of block.groups || []) {
    const model = g.template.content;
    const cols = new Set(columns(g).filter((c) => !isPrivate(model.querySelector(`[name="${CSS.escape(`${g.name}.__n__.${c}`)}"]`))));
    groups.set(g.name, { g, cols, cells: new Map(), count: null, highest: 0 });
  }
  let over = false;
  const cell = (name) => {
    const m = /^(.+)\.(\d{1,4})\.([^.]+)$/.exec(name);
    const entry = m && groups.get(m[1]);
    if (!entry || !entry.cols.has(m[3])) return null;
    return { entry, row: Number(m[2]), col: m[3] };
  };
  const { values, cut } = readFragment((name) => fields.has(name) || groups.has(name) || Boolean(cell(name)));
  let filled = false;
  for (const [name, value] of values) {
    if (groups.has(name)) {
      if (/^\d{1,4}$/.test(value.trim())) groups.get(name).count = Number(value.trim());
      continue;
    }
    const c = cell(name);
    if (c) {
      if (c.row < 1) continue;
      c.entry.cells.set(`${c.row}.${c.col}`, value);
      c.entry.highest = Math.max(c.entry.highest, c.row);
      continue;
    }
    const el = fields.get(name);
    setValue(el, value);
    if (!isDefault(el)) openEnclosing(el);
    filled = true;
  }
  for (const { g, cells, count, highest } of groups.values()) {
    if (count === null && !cells.size) continue; // the group keeps its built default rows
    const rowsWanted = count === null ? highest : count;
    if (rowsWanted > g.max || highest > g.max) over = true;
    resize(g, 0);
    resize(g, rowsWanted, block.onNewRow);
    rows(g).forEach((row, i) => {
      for (const el of row.querySelectorAll("[name]")) {
        const key = `${i + 1}.${el.name.slice(g.name.length + 1).split(".").slice(1).join(".")}`;
        if (cells.has(key)) setValue(el, cells.get(key));
      }
    });
    openEnclosing(g.el);
    filled = true;
  }
  showFragmentNote(block, cut || over ? MSG_CUT : "");
  // A cut fragment counts as filled: computing then rewrites it with what was actually read.
  return filled || cut || over;
}

function setValue(el, value) {
  if (el.type === "checkbox") el.checked = ["yes", "true", "1", "on"].includes(value.toLowerCase());
  else el.value = value;
}

/** Writes every input that differs from the page's default into location.hash. */
export function mirrorInFragment(block) {
  const params = new URLSearchParams();
  for (const el of controls(block)) {
    if (isPrivate(el) || inGroup(el) || isDefault(el)) continue;
    params.set(el.name, el.type === "checkbox" ? (el.checked ? "yes" : "no") : el.value);
  }
  // A group that differs from its built default goes in whole: its count and every
  // non-empty cell (never a private one).
  for (const g of block.groups || []) {
    if (isDefaultGroup(g)) continue;
    params.set(g.name, String(rows(g).length));
    for (const row of rows(g)) {
      for (const el of row.querySelectorAll("[name]")) {
        if (isPrivate(el)) continue;
        const value = el.type === "checkbox" ? (el.checked ? "yes" : "") : el.value;
        if (value.trim()) params.set(el.name, value);
      }
    }
  }
  const fragment = params.toString();
  history.replaceState(history.state, "", location.pathname + location.search + (fragment ? `#${fragment}` : ""));
}

// Writing the address (history.replaceState) costs the main thread milliseconds: the browser
// first brings style and layout up to date, which after a change to the page is most of a
// frame's work (3–9 ms on the bench's machine). So it is not done on the way to a result: a
// computation marks its block (mirrorLater), and the address is written once that result is
// on screen (mirrorSettled: after the next frame), or after MIRROR_LATEST_MS if no result
// comes. Whenever the address may be read or left, every pending write is done at once: a
// click (it may follow a link), the window losing
// focus (to the address bar, a share sheet), the page hidden or unloaded.
const MIRROR_LATEST_MS = 1_000;
const pending = new Set();
let timer = 0;

/** Marks the block's inputs for the address; written by mirrorSettled or a flush. */
export function mirrorLater(block) {
  pending.add(block);
  clearTimeout(timer);
  timer = setTimeout(flushFragments, MIRROR_LATEST_MS);
}

/** The block's new result is in the page: write its address once that frame is painted. */
export function mirrorSettled(block) {
  if (!pending.has(block)) return;
  requestAnimationFrame(() => setTimeout(() => flushBlock(block)));
}

/** Writes every pending address now. */
function flushFragments() {
  clearTimeout(timer);
  for (const block of pending) flushBlock(block);
}

function flushBlock(block) {
  if (pending.delete(block)) mirrorInFragment(block);
}

const flushIfPending = () => pending.size && flushFragments();
// Capture: before any handler of the click itself.
document.addEventListener("click", flushIfPending, { capture: true });
document.addEventListener("visibilitychange", flushIfPending);
// Not captured: only the window's own blur, not every field's.
window.addEventListener("blur", flushIfPending);
window.addEventListener("pagehide", flushIfPending);

export function clearFragment(block) {
  pending.delete(block);
  history.replaceState(history.state, "", location.pathname + location.search);
  showFragmentNote(block, "");
}

// A note above the status line, announced once (role=alert), gone when the form is reset.
function showFragmentNote(block, text) {
  let note = block.element.querySelector(".calc-fragment-note");
  if (!text) {
    if (note) note.remove();
    return;
  }
  if (!note) {
    note = document.createElement("p");
    note.className = "calc-notice calc-notice--warning calc-fragment-note";
    note.setAttribute("role", "alert");
    block.element.querySelector(".calc-status").before(note);
  }
  note.textContent = text;
}
