// The URL fragment: #field=value&field=value. A fragment is never sent to any server; it lets
// a reader share or bookmark a filled-in calculator.

import { controls, isDefault, openEnclosing } from "./form.mjs";

/** Fills the block's controls from location.hash; true if anything was filled. */
export function fillFromFragment(block) {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (!hash.includes("=")) return false;
  const params = new URLSearchParams(location.hash.slice(1));
  let filled = false;
  for (const el of controls(block)) {
    if (!params.has(el.name)) continue;
    const value = params.get(el.name);
    if (el.type === "checkbox") el.checked = ["yes", "true", "1", "on"].includes(value.toLowerCase());
    else el.value = value;
    if (!isDefault(el)) openEnclosing(el);
    filled = true;
  }
  return filled;
}

/** Writes every input that differs from the page's default into location.hash. */
export function mirrorInFragment(block) {
  const params = new URLSearchParams();
  for (const el of controls(block)) {
    if (!isDefault(el)) params.set(el.name, el.type === "checkbox" ? (el.checked ? "yes" : "no") : el.value);
  }
  const fragment = params.toString();
  history.replaceState(history.state, "", location.pathname + location.search + (fragment ? `#${fragment}` : ""));
}

export function clearFragment() {
  history.replaceState(history.state, "", location.pathname + location.search);
}
