// Small helpers over a block's form controls, shared by block.mjs, fragment.mjs and rows.mjs.

export function controls(block) {
  return Array.from(block.form.elements).filter((el) => el.name);
}

export function readInputs(block) {
  const inputs = {};
  for (const el of controls(block)) inputs[el.name] = el.type === "checkbox" ? (el.checked ? "yes" : "no") : el.value;
  return inputs;
}

// Private fields (name, ID number, phone, account, address) go to Python on this device but
// never into the URL fragment, and are never read from one.
export function isPrivate(el) {
  return el.hasAttribute("data-private") || Boolean(el.closest("[data-private]"));
}

export function isDefault(el) {
  if (el.type === "checkbox") return el.checked === el.defaultChecked;
  if (el.tagName === "SELECT") return Array.from(el.options).every((o) => o.selected === o.defaultSelected);
  return el.value === el.defaultValue;
}

export function resetControl(el) {
  if (el.type === "checkbox") el.checked = el.defaultChecked;
  else if (el.tagName === "SELECT") for (const o of el.options) o.selected = o.defaultSelected;
  else el.value = el.defaultValue;
}

// A field under "更多选项" that holds something to see must not stay folded away.
export function openEnclosing(el) {
  const details = el.closest("details");
  if (details) details.open = true;
}
