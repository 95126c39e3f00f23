// One calculator block (.calc[data-calc]): binding its form, sending its inputs to Python,
// showing the outcome, field errors and Python's state (the status line is a live region).
// The form, its messages and the results all come from Python; nothing here names a calculator.

import { pythonProgress, pythonState, request, startPython } from "./python.mjs";
import { controls, isDefault, openEnclosing, readInputs, resetControl } from "./form.mjs";
import { clearFragment, fillFromFragment, mirrorLater, mirrorSettled } from "./fragment.mjs";
import { copySummary, revealCopyButton } from "./copy.mjs";
import { bindRows, isDefaultGroup, restoreRows } from "./rows.mjs";
import { patchHTML } from "./patch.mjs";

const DEBOUNCE_MS = 250;
// A request still unanswered after this long dims the result (data-busy="slow"); most answers
// come within a frame or two, and dimming those would only flicker.
const SLOW_MS = 150;
// Said on the status line when Python rejected an input (a block may set data-msg-invalid).
const MSG_INVALID = "有输入需要修改（见各栏下的提示）。下面仍是上一次的结果，与现在填的内容不对应。";
const PROGRESS_LABEL = "计算器加载进度";

export function bindBlock(element) {
  const form = element.querySelector("form");
  const block = {
    element,
    form,
    calc: element.dataset.calc,
    result: element.querySelector(".calc-result"),
    statusText: element.querySelector(".calc-status__text"),
    progress: element.querySelector(".calc-progress"),
    latest: 0,
    dirty: false,
    timer: 0,
    slowTimer: 0,
  };
  const later = () => {
    block.dirty = true;
    clearTimeout(block.timer);
    block.timer = setTimeout(() => compute(block), DEBOUNCE_MS);
  };
  const now = (event) => {
    if (event) event.preventDefault();
    block.dirty = true;
    clearTimeout(block.timer);
    compute(block);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", (event) => (event.target.type === "text" ? later() : now()));
  form.addEventListener("submit", now);
  // 计算 and Enter in a field compute at once and do not submit the form: the browser's form
  // submission does work of its own before any submit listener runs (Chromium marks every
  // control as interacted with and lays the page out, for its autofill: 2–5 ms here, measured),
  // all of it on the way to the result. (The submit listener stays for any other submission.)
  form.addEventListener("click", (event) => event.target.closest('[type="submit"]') && now(event));
  form.addEventListener("keydown", (event) => event.key === "Enter" && !event.isComposing && event.target.type === "text" && now(event));
  element.querySelector("[data-calc-reset]").addEventListener("click", () => restoreDefaults(block, true));
  element.addEventListener("click", (event) => copySummary(event, element));

  announceErrors(element);
  block.onNewRow = announceErrors;
  block.groups = bindRows(block, { changed: later, onNewRow: announceErrors });
  if (!block.progress.hasAttribute("aria-label")) block.progress.setAttribute("aria-label", PROGRESS_LABEL);

  try {
    if (fillFromFragment(block)) block.dirty = true;
  } catch (error) {
    // Whatever a link holds, the calculator must still start.
    console.warn("could not read the link's inputs", error);
  }
  // A result that depends on the reader's today (declared in Python) was built for the build
  // date: recompute it as soon as Python is ready, as if the reader had asked.
  if ("recomputeOnReady" in element.dataset) block.dirty = true;
  revealCopyButton(element);
  return block;
}

// Messages must be heard, not only seen: every error slot (the whole-form one too) is an
// alert, announced when Python fills it.
function announceErrors(root) {
  for (const slot of root.querySelectorAll("[data-error-for]")) {
    if (!slot.hasAttribute("role")) slot.setAttribute("role", "alert");
  }
}

function allDefault(block) {
  return controls(block).every((el) => el.closest("fieldset.calc-rows") || isDefault(el)) && block.groups.every(isDefaultGroup);
}

/** Python's state changed: show it, and act on it. */
export function pythonChanged(block, state) {
  renderState(block);
  if (state === "ready" && block.dirty) compute(block);
  // The built-in example is all we can show: put the inputs back to match it.
  if (state === "error" && block.dirty) restoreDefaults(block, false);
}

export function compute(block) {
  if (pythonState() === "error") {
    // Python cannot run here: the result is the built-in example, so it matches the inputs
    // only while they are the example's.
    markStale(block, !allDefault(block));
    return;
  }
  if (pythonState() !== "ready") {
    startPython();
    renderState(block);
    return;
  }
  block.element.dataset.busy = "true";
  clearTimeout(block.slowTimer);
  block.slowTimer = setTimeout(() => block.element.dataset.busy && (block.element.dataset.busy = "slow"), SLOW_MS);
  block.latest = request(block.calc, readInputs(block), (outcome, id) => {
    if (block.latest === id) showOutcome(block, outcome);
  });
  // The link in the address bar is not on the way to the result: written once it is shown.
  mirrorLater(block);
}

function showOutcome(block, outcome) {
  block.dirty = false;
  clearTimeout(block.slowTimer);
  delete block.element.dataset.busy;
  const errors = outcome.ok ? {} : outcome.errors;
  for (const slot of block.element.querySelectorAll("[data-error-for]")) {
    const message = errors[slot.dataset.errorFor] || "";
    // Written only when there is something to say or to take away (a message is written again
    // even if unchanged: the alert is announced again); empty slots stay untouched, as any
    // write makes the browser restyle on the way to the result.
    if (message || slot.firstChild) slot.textContent = message;
    if (slot.hidden !== !message) slot.hidden = !message;
    if (message) openEnclosing(slot);
    const control = slot.dataset.errorFor && block.form.elements.namedItem(slot.dataset.errorFor);
    // aria-invalid="" would mean false: the value must be the word "true".
    if (control && message) control.setAttribute("aria-invalid", "true");
    else if (control && control.hasAttribute("aria-invalid")) control.removeAttribute("aria-invalid");
  }
  if (outcome.ok) {
    // Built by Python with every text escaped; only what changed is touched (patch.mjs).
    patchHTML(block.result, outcome.html);
    block.result.classList.remove("calc-result--stale");
    revealCopyButton(block.element);
    // The state line is a live region: announce the update with the headline figure rather
    // than making screen readers read out the whole result again.
    const figure = block.result.querySelector(".calc-figure");
    const headline = figure ? `${figure.querySelector("dt").textContent}：${figure.querySelector("dd").firstChild.textContent}` : "";
    block.statusText.textContent = block.element.dataset.msgUpdated + headline;
  } else {
    // Keep the last good result, visibly marked as not matching the inputs any more, and
    // stop the status line from still announcing it as the answer.
    block.result.classList.add("calc-result--stale");
    block.statusText.textContent = block.element.dataset.msgInvalid || MSG_INVALID;
  }
  block.element.dataset.result = outcome.ok ? "ok" : "errors";
  mirrorSettled(block);
}

function markStale(block, stale) {
  block.result.classList.toggle("calc-result--stale", stale);
  if (stale) block.element.dataset.result = "stale";
  else delete block.element.dataset.result;
}

export function renderState(block) {
  const python = pythonState();
  const state = python === "idle" ? "static" : python;
  block.element.dataset.state = state;
  let text = block.element.dataset[`msg${state[0].toUpperCase()}${state.slice(1)}`] || "";
  const progress = pythonProgress();
  if (state === "loading" && progress.steps) text += `（${progress.step}/${progress.steps}）`;
  block.statusText.textContent = text;
  block.progress.hidden = state !== "loading";
  if (state === "loading" && progress.steps) {
    block.progress.max = progress.steps + 1;
    block.progress.value = progress.step;
  } else {
    block.progress.removeAttribute("value");
  }
}

function restoreDefaults(block, recompute) {
  for (const g of block.groups) restoreRows(g);
  for (const el of controls(block)) resetControl(el);
  clearFragment(block);
  if (pythonState() === "error") markStale(block, false);
  block.dirty = recompute;
  if (recompute) compute(block);
}
