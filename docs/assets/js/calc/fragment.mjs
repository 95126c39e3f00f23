// The URL fragment: #field=value&field=value. A fragment is never sent to any server; it lets
// a reader share or bookmark a filled-in calculator.
//
// Links arrive mangled: people type a bare `%` (`rate=0%`), chat apps cut escapes in half
// (`%E4`), and anyone can craft a huge one. So reading is forgiving and bounded: a bad escape
// is kept as typed (Python then says what is wrong with the value), only names the form
// declares are read, private fields are never read or written, and only a sane length is
// looked at — with a visible message when something was left out.

import { controls, isDefault, isPrivate, openEnclosing } from "./form.mjs";

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

/** Fills the block's controls from location.hash; true if it needs computing. */
export function fillFromFragment(block) {
  const fields = new Map(controls(block).filter((el) => !isPrivate(el)).map((el) => [el.name, el]));
  const { values, cut } = readFragment((name) => fields.has(name));
  let filled = false;
  for (const [name, value] of values) {
    const el = fields.get(name);
    if (el.type === "checkbox") el.checked = ["yes", "true", "1", "on"].includes(value.toLowerCase());
    else el.value = value;
    if (!isDefault(el)) openEnclosing(el);
    filled = true;
  }
  showFragmentNote(block, cut ? MSG_CUT : "");
  // A cut fragment counts as filled: computing then rewrites it with what was actually read.
  return filled || cut;
}

/** Writes every input that differs from the page's default into location.hash. */
export function mirrorInFragment(block) {
  const params = new URLSearchParams();
  for (const el of controls(block)) {
    if (isPrivate(el) || isDefault(el)) continue;
    params.set(el.name, el.type === "checkbox" ? (el.checked ? "yes" : "no") : el.value);
  }
  const fragment = params.toString();
  history.replaceState(history.state, "", location.pathname + location.search + (fragment ? `#${fragment}` : ""));
}

export function clearFragment(block) {
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
