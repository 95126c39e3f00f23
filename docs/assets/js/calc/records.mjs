// Stored records (the contact log): entries the reader keeps in this browser, from the
// declaration Python put into the page (calculators/core/records.py). Nothing here names a
// calculator, and nothing here needs Python: reading, adding, editing, deleting, exporting and
// importing all work when Pyodide is blocked. When it runs, the entries are copied into hidden,
// private inputs of the calculator's form so Python can add summaries.
//
// Nothing is lost silently:
// - one localStorage key per entry (calc-records:<store>:e:<id>), so two tabs never write over
//   each other's entries; the `storage` event keeps every open tab's list current, and an edit
//   of an entry changed elsewhere meanwhile is not saved until the reader confirms;
// - a failed write says so at once (role=alert) and leaves the typed text in the editor;
// - a value that cannot be read (corrupt, or from a newer version) is listed with a button that
//   exports the raw text, and is never written over; a newer store version makes the log read-only;
// - delete asks and can be undone; 清除全部 needs the confirmation word typed.
//
// Also here: the buttons of a text document in a result (copy, download as .txt, print), and
// the hand-over of selected entries into another tool's field (through sessionStorage, never
// the URL).

import {
  checkCells,
  handoverText,
  mergePlan,
  parseImport,
  readEntry,
  sorted,
  toCsv,
  toJson,
} from "./records-format.mjs";

const SITE_ROOT = new URL("../../../", import.meta.url);
const PREFIX = "calc-records:";
const HANDOVER_KEY = "calc-records:handover";
const HANDOVER_MAX_AGE_MS = 10 * 60 * 1000;

/** The one call from the glue entry, after the page's calculator blocks are bound. */
export function bindRecords() {
  for (const calc of document.querySelectorAll(".calc[data-calc]")) bindDocuments(calc);
  for (const el of document.querySelectorAll(".calc-records[data-store]")) bindStore(el);
  receiveHandover();
}

// ---- small helpers -----------------------------------------------------------------------------

function storageOrNull(kind) {
  try {
    const s = window[kind];
    s.getItem(PREFIX + "probe");
    return s;
  } catch {
    return null;
  }
}

function say(el, name, vars = {}) {
  const key = "msg" + name.replace(/(^|-)(\w)/g, (_, _d, c) => c.toUpperCase());
  return (el.dataset[key] || "").replace(/\{(\w+)\}/g, (all, k) => (k in vars ? String(vars[k]) : all));
}

function messagesOf(el) {
  const out = {};
  for (const [key, value] of Object.entries(el.dataset)) {
    if (key.startsWith("msg")) out[key.slice(3).replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase())] = value;
  }
  return out;
}

function newId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function localNow() {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function today() {
  return localNow().slice(0, 10);
}

/** Saves text as a file: generated here, never fetched (a Blob and an object URL). */
export function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// ---- a text document in a result: copy, download, print ------------------------------------------

function bindDocuments(calc) {
  calc.dataset.documents = "ready"; // the CSS shows the document's buttons only now
  // What a button did is said outside the result, which Python may redraw at any moment.
  let live = calc.querySelector(":scope > .calc-document__live");
  if (!live) {
    live = document.createElement("p");
    live.className = "calc-document__live";
    live.setAttribute("role", "status");
    calc.querySelector(".calc-result").before(live);
  }
  calc.addEventListener(
    "click",
    async (event) => {
      const button = event.target.closest("[data-document-copy], [data-document-download], [data-document-print]");
      const doc = button && button.closest("[data-calc-document]");
      if (!doc) return;
      const pre = doc.querySelector(".calc-document__text");
      const text = pre.textContent;
      const status = live;
      if (button.hasAttribute("data-document-copy")) {
        try {
          await navigator.clipboard.writeText(text);
          status.textContent = say(doc, "copied");
        } catch {
          // Older in-app browsers: select the text for a long-press copy.
          const range = document.createRange();
          range.selectNodeContents(pre);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          status.textContent = document.execCommand("copy") ? say(doc, "copied") : say(doc, "copy-failed");
        }
      } else if (button.hasAttribute("data-document-download")) {
        // With a BOM and CRLF line ends, so old Windows Notepad shows it right too.
        download("\ufeff" + text.replace(/\n/g, "\r\n"), doc.dataset.filename, "text/plain;charset=utf-8");
        status.textContent = say(doc, "downloaded");
      } else {
        window.print();
      }
    },
  );
}

// ---- hand-over of selected entries into another tool ---------------------------------------------

function receiveHandover() {
  const session = storageOrNull("sessionStorage");
  const raw = session && session.getItem(HANDOVER_KEY);
  if (!raw) return;
  let data;
  try {
    data = JSON.parse(raw);
  } catch {
    session.removeItem(HANDOVER_KEY);
    return;
  }
  if (!data || Date.now() - data.at > HANDOVER_MAX_AGE_MS) {
    session.removeItem(HANDOVER_KEY);
    return;
  }
  const control = document.querySelector(`.calc form [name="${CSS.escape(data.field)}"]`);
  if (!control) return; // not this page: the next page may be the one
  session.removeItem(HANDOVER_KEY);
  control.value = data.text;
  const details = control.closest("details");
  if (details) details.open = true;
  control.dispatchEvent(new Event("input", { bubbles: true }));
  control.scrollIntoView({ block: "center" });
}

// ---- one store ---------------------------------------------------------------------------------

function bindStore(el) {
  const q = (sel) => el.querySelector(sel);
  const st = {
    el,
    key: el.dataset.store,
    version: Number(el.dataset.storeVersion),
    rows: el.dataset.storeRows,
    maxRows: Number(el.dataset.storeMaxRows),
    migrations: JSON.parse(el.dataset.storeMigrations || "[]"),
    messages: messagesOf(el),
    storage: storageOrNull("localStorage"),
    entries: new Map(),
    problems: [],
    readOnly: false,
    editing: null,
    deleted: null,
  };
  st.prefix = `${PREFIX}${st.key}:e:`;
  st.metaKey = `${PREFIX}${st.key}:meta`;
  st.columns = Array.from(el.querySelectorAll("[data-column]"), (field) => {
    const input = field.querySelector("[data-column-input]");
    return {
      name: field.dataset.column,
      kind: field.dataset.kind,
      label: field.dataset.label,
      required: field.hasAttribute("data-required"),
      maxLength: Number(field.dataset.maxLength) || 0,
      default: field.dataset.default || "",
      options: input.tagName === "SELECT" ? Array.from(input.options, (o) => [o.value, o.textContent]) : [],
      field,
      input,
      error: field.querySelector("[data-record-error]"),
    };
  });

  q("[data-records-editor]").hidden = false;
  q("[data-records-saved]").hidden = false;
  const handover = q("[data-records-handover]");
  if (handover) handover.hidden = false;

  // The editor's own typing is not the calculator's input: only saved entries reach Python.
  for (const type of ["input", "change"]) {
    el.addEventListener(type, (event) => {
      if (!event.target.name) event.stopPropagation();
    });
  }
  el.addEventListener("click", (event) => onClick(st, event));
  q("[data-records-import]").addEventListener("change", (event) => importFile(st, event.target));
  window.addEventListener(
    "storage",
    (event) => {
      if (event.key === null || event.key.startsWith(PREFIX + st.key + ":")) {
        load(st);
        render(st);
      }
    },
  );

  if (!st.storage) alert(st, say(el, "unavailable"));
  load(st);
  resetEditor(st);
  render(st);
}

function load(st) {
  st.entries = new Map();
  st.problems = [];
  st.readOnly = false;
  if (!st.storage) return;
  const metaRaw = st.storage.getItem(st.metaKey);
  if (metaRaw !== null) {
    let meta = null;
    try {
      meta = JSON.parse(metaRaw);
    } catch {
      /* reported below */
    }
    if (!meta || !Number.isInteger(meta.version)) {
      st.problems.push({ key: st.metaKey, raw: metaRaw });
    } else if (meta.version > st.version) {
      st.readOnly = true;
      st.newer = meta.version;
    }
  }
  for (let i = 0; i < st.storage.length; i += 1) {
    const key = st.storage.key(i);
    if (!key || !key.startsWith(st.prefix)) continue;
    const raw = st.storage.getItem(key);
    const read = readEntry(raw, key.slice(st.prefix.length), st.version, st.migrations);
    if (read.entry) st.entries.set(read.entry.id, read.entry);
    else st.problems.push({ key, raw, reason: read.problem });
  }
}

function write(st, entry) {
  // Throws on a full or refused storage; callers say so and keep what was typed.
  if (st.readOnly || !st.storage) throw new Error("read-only");
  if (st.storage.getItem(st.metaKey) === null) st.storage.setItem(st.metaKey, JSON.stringify({ version: st.version }));
  st.storage.setItem(st.prefix + entry.id, JSON.stringify(entry));
  st.entries.set(entry.id, entry);
}

function status(st, text) {
  st.el.querySelector("[data-records-status]").textContent = text;
}

function alert(st, text) {
  const slot = st.el.querySelector("[data-records-alert]");
  slot.textContent = text;
  slot.hidden = !text;
}

// ---- the editor ----------------------------------------------------------------------------------

function resetEditor(st) {
  st.editing = null;
  for (const c of st.columns) {
    if (c.input.type === "checkbox") c.input.checked = false;
    else if (c.kind === "datetime") c.input.value = c.input.type === "datetime-local" ? localNow() : localNow().replace("T", " ");
    else if (c.kind === "date") c.input.value = today();
    else c.input.value = c.default;
    showError(c, "");
  }
  const title = st.el.querySelector("[data-records-editor-title]");
  title.textContent = title.dataset.new;
  st.el.querySelector("[data-records-cancel]").hidden = true;
}

function showError(c, message) {
  c.error.textContent = message;
  c.error.hidden = !message;
  if (message) c.input.setAttribute("aria-invalid", "true");
  else c.input.removeAttribute("aria-invalid");
}

function typedCells(st) {
  const raw = {};
  for (const c of st.columns) {
    raw[c.name] = c.input.type === "checkbox" ? (c.input.checked ? "yes" : "") : c.input.value;
  }
  return raw;
}

function save(st) {
  alert(st, "");
  const { cells, errors } = checkCells(st.columns, typedCells(st), st.messages);
  let first = null;
  for (const c of st.columns) {
    showError(c, errors[c.name] || "");
    if (errors[c.name] && !first) first = c;
  }
  if (first) {
    first.input.focus();
    return;
  }
  if (st.readOnly) {
    alert(st, say(st.el, "newer", { version: st.newer, known: st.version }));
    return;
  }
  const now = new Date().toISOString();
  let entry;
  if (st.editing) {
    const raw = st.storage && st.storage.getItem(st.prefix + st.editing.id);
    const stored = raw === null || raw === undefined ? null : readEntry(raw, st.editing.id, st.version, st.migrations).entry;
    if (!stored) {
      // Deleted in another tab meanwhile: the next save keeps this text as a new entry.
      st.editing = null;
      alert(st, say(st.el, "gone-elsewhere"));
      return;
    }
    if (stored.rev !== st.editing.rev) {
      st.editing.rev = stored.rev; // saving again confirms: this text wins
      alert(st, say(st.el, "changed-elsewhere"));
      return;
    }
    entry = { v: st.version, id: stored.id, created: stored.created, updated: now, rev: stored.rev + 1, cells };
  } else {
    entry = { v: st.version, id: newId(), created: now, updated: now, rev: 1, cells };
  }
  const wasEditing = Boolean(st.editing);
  try {
    write(st, entry);
  } catch {
    alert(st, say(st.el, "save-failed"));
    return; // the typed text stays in the editor
  }
  resetEditor(st);
  status(st, say(st.el, wasEditing ? "updated" : "saved"));
  render(st);
}

function edit(st, id) {
  const entry = st.entries.get(id);
  if (!entry) return;
  st.editing = { id, rev: entry.rev };
  for (const c of st.columns) {
    const value = entry.cells[c.name] ?? "";
    if (c.input.type === "checkbox") c.input.checked = Boolean(value);
    else if (c.input.type === "datetime-local") c.input.value = value.length > 10 ? value.replace(" ", "T") : value ? `${value}T00:00` : "";
    else c.input.value = value;
    showError(c, "");
  }
  const title = st.el.querySelector("[data-records-editor-title]");
  title.textContent = title.dataset.edit;
  st.el.querySelector("[data-records-cancel]").hidden = false;
  status(st, say(st.el, "editing"));
  st.columns[0].input.focus();
  st.el.querySelector("[data-records-editor]").scrollIntoView({ block: "start" });
}

// ---- actions -------------------------------------------------------------------------------------

function onClick(st, event) {
  const t = event.target.closest("button");
  if (!t || !st.el.contains(t)) return;
  if (t.hasAttribute("data-records-save")) save(st);
  else if (t.hasAttribute("data-records-cancel")) {
    resetEditor(st);
    status(st, "");
  } else if (t.dataset.recordsEdit) edit(st, t.dataset.recordsEdit);
  else if (t.dataset.recordsDelete) remove(st, t.dataset.recordsDelete);
  else if (t.hasAttribute("data-records-undo")) undo(st);
  else if (t.dataset.recordsExport) exportAs(st, t.dataset.recordsExport);
  else if (t.hasAttribute("data-records-export-raw")) exportRaw(st);
  else if (t.hasAttribute("data-records-print")) window.print();
  else if (t.hasAttribute("data-records-clear")) clearAll(st);
  else if (t.hasAttribute("data-records-handover")) handOver(st);
}

function remove(st, id) {
  const entry = st.entries.get(id);
  if (!entry || !window.confirm(say(st.el, "confirm-delete"))) return;
  try {
    if (st.readOnly) throw new Error("read-only");
    st.storage.removeItem(st.prefix + id);
  } catch {
    alert(st, say(st.el, "save-failed"));
    return;
  }
  st.entries.delete(id);
  if (st.editing && st.editing.id === id) resetEditor(st);
  st.deleted = entry;
  const bar = st.el.querySelector("[data-records-undo-bar]");
  bar.querySelector("[data-records-undo-text]").textContent = say(st.el, "deleted");
  bar.hidden = false;
  bar.querySelector("[data-records-undo]").focus();
  render(st);
}

function undo(st) {
  if (!st.deleted) return;
  try {
    write(st, st.deleted);
  } catch {
    alert(st, say(st.el, "save-failed"));
    return;
  }
  st.deleted = null;
  st.el.querySelector("[data-records-undo-bar]").hidden = true;
  status(st, say(st.el, "undone"));
  render(st);
}

function clearAll(st) {
  const input = st.el.querySelector("[data-records-clear-confirm]");
  const out = st.el.querySelector("[data-records-clear-status]");
  out.hidden = false;
  if (input.value.trim() !== say(st.el, "clear-word")) {
    out.textContent = say(st.el, "clear-mismatch");
    input.focus();
    return;
  }
  try {
    if (st.readOnly) throw new Error("read-only");
    for (const id of st.entries.keys()) st.storage.removeItem(st.prefix + id);
  } catch {
    out.textContent = say(st.el, "save-failed");
    load(st);
    render(st);
    return;
  }
  st.entries.clear();
  st.deleted = null;
  st.el.querySelector("[data-records-undo-bar]").hidden = true;
  input.value = "";
  out.textContent = say(st.el, "cleared");
  resetEditor(st);
  render(st);
}

function stamp() {
  return today().replace(/-/g, "");
}

function exportAs(st, kind) {
  const entries = [...st.entries.values()];
  const name = `${st.el.dataset.storeTitle || st.key}-${stamp()}`;
  if (kind === "csv") download(toCsv(st.columns, entries), `${name}.csv`, "text/csv;charset=utf-8");
  else download(toJson(st.key, st.version, entries, st.columns, new Date().toISOString()), `${name}.json`, "application/json");
}

function exportRaw(st) {
  const raw = {};
  if (st.storage) {
    for (let i = 0; i < st.storage.length; i += 1) {
      const key = st.storage.key(i);
      if (key && key.startsWith(`${PREFIX}${st.key}:`)) raw[key] = st.storage.getItem(key);
    }
  }
  download(JSON.stringify(raw, null, 2) + "\n", `${st.el.dataset.storeTitle || st.key}-原始数据-${stamp()}.json`, "application/json");
}

async function importFile(st, input) {
  const file = input.files && input.files[0];
  if (!file) return;
  const out = st.el.querySelector("[data-records-import-status]");
  const list = st.el.querySelector("[data-records-rejected]");
  list.replaceChildren();
  list.hidden = true;
  const text = await file.text();
  input.value = "";
  const parsed = parseImport(text, { store: st.key, version: st.version, migrations: st.migrations, columns: st.columns, messages: st.messages });
  if (parsed.error) {
    out.textContent = parsed.error;
    return;
  }
  const { add, skipped } = mergePlan(st.columns, [...st.entries.values()], parsed.entries, newId, new Date().toISOString());
  let added = 0;
  try {
    for (const entry of add) {
      write(st, { ...entry, v: st.version });
      added += 1;
    }
  } catch {
    alert(st, say(st.el, "save-failed"));
  }
  out.textContent = say(st.el, "import-done", { added, skipped, rejected: parsed.rejected.length + (add.length - added) });
  for (const r of parsed.rejected) {
    const li = document.createElement("li");
    li.textContent = say(st.el, "import-rejected", { row: r.row, reason: r.reason });
    list.append(li);
  }
  list.hidden = !parsed.rejected.length;
  render(st);
}

function handOver(st) {
  const picked = Array.from(st.el.querySelectorAll("[data-records-pick]:checked"), (box) => st.entries.get(box.value)).filter(Boolean);
  if (!picked.length) {
    alert(st, say(st.el, "handover-none"));
    return;
  }
  const session = storageOrNull("sessionStorage");
  const data = { field: st.el.dataset.handoverField, text: handoverText(st.columns, picked), at: Date.now() };
  try {
    session.setItem(HANDOVER_KEY, JSON.stringify(data));
  } catch {
    alert(st, say(st.el, "save-failed"));
    return;
  }
  const params = st.el.dataset.handoverParams;
  location.href = new URL(st.el.dataset.handoverPage, SITE_ROOT).href + (params ? `#${params}` : "");
}

// ---- showing the entries -----------------------------------------------------------------------

function cellText(c, value) {
  if (c.kind === "choice") return (c.options.find(([v]) => v === value) || [, value])[1];
  return value;
}

function render(st) {
  const el = st.el;
  const entries = sorted(st.columns, [...st.entries.values()]);
  el.querySelector("[data-records-count-text]").textContent = String(entries.length);
  el.querySelector("[data-records-empty]").hidden = entries.length > 0;

  // Newest first on screen; the printed evidence list is in date order.
  const list = el.querySelector("[data-records-list]");
  const picked = new Set(Array.from(list.querySelectorAll("[data-records-pick]:checked"), (b) => b.value));
  list.replaceChildren(
    ...[...entries].reverse().map((entry) => {
      const li = document.createElement("li");
      li.className = "calc-records__item";
      const dl = document.createElement("dl");
      for (const c of st.columns) {
        const value = entry.cells[c.name];
        if (!value) continue;
        const dt = document.createElement("dt");
        dt.textContent = c.label;
        const dd = document.createElement("dd");
        dd.textContent = cellText(c, value);
        dl.append(dt, dd);
      }
      const actions = document.createElement("div");
      actions.className = "calc-records__item-actions";
      const pick = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = entry.id;
      box.dataset.recordsPick = "";
      box.checked = picked.has(entry.id);
      pick.append(box, " " + say(el, "select"));
      const editButton = button(say(el, "edit"), { recordsEdit: entry.id });
      const deleteButton = button(say(el, "delete"), { recordsDelete: entry.id });
      actions.append(pick, editButton, deleteButton);
      li.append(dl, actions);
      return li;
    }),
  );

  // The problems: never hidden, never written over.
  const problem = el.querySelector("[data-records-problem]");
  const text = el.querySelector("[data-records-problem-text]");
  if (st.readOnly) text.textContent = say(el, "newer", { version: st.newer, known: st.version });
  else if (st.problems.length) text.textContent = say(el, "problem", { n: st.problems.length });
  problem.hidden = !(st.readOnly || st.problems.length);

  // The print view: every entry in date order, every column.
  el.querySelector("[data-records-print-head]").replaceChildren(
    ...st.columns.map((c) => {
      const th = document.createElement("th");
      th.textContent = c.label;
      return th;
    }),
  );
  el.querySelector("[data-records-print-body]").replaceChildren(
    ...entries.map((entry) => {
      const tr = document.createElement("tr");
      for (const c of st.columns) {
        const td = document.createElement("td");
        td.textContent = cellText(c, entry.cells[c.name] || "");
        tr.append(td);
      }
      return tr;
    }),
  );
  handToPython(st, entries);
}

function button(label, data) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "md-button";
  b.textContent = label;
  Object.assign(b.dataset, data);
  return b;
}

/** The saved entries (the latest maxRows, in date order) as the hidden, private inputs of
 *  the calculator's row group; a `change` tells the calculator block to recompute. */
function handToPython(st, entries) {
  const latest = entries.slice(-st.maxRows);
  const holder = st.el.querySelector("[data-records-rows]");
  const inputs = [];
  latest.forEach((entry, i) => {
    for (const c of st.columns) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = `${st.rows}.${i + 1}.${c.name}`;
      input.value = entry.cells[c.name] ?? "";
      input.dataset.private = "";
      inputs.push(input);
    }
  });
  holder.replaceChildren(...inputs);
  const count = st.el.querySelector("[data-records-count]");
  const before = count.value;
  count.value = String(latest.length);
  if (latest.length || before !== "0") count.dispatchEvent(new Event("change", { bubbles: true }));
}

