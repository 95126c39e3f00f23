// Stored records, the pure part: checking entries, JSON and CSV export/import, merging.
// No DOM and no storage here, so Node runs the same code in the tests (tests/unit/test_records_js.py).
// Columns come from Python's declaration (calculators/core/records.py) as plain objects:
//   {name, kind: "datetime"|"date"|"choice"|"bool"|"text"|"multiline", label, required,
//    maxLength, options: [[value, label], …]}
// Messages are passed in (Chinese, from Python); `say(name, vars)` fills them.

export const FORMAT = "calc-records";

const FULL_WIDTH = /[\uff10-\uff19\uff0f\uff1a\uff0d]/g;

function halfWidth(text) {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const pad = (n) => String(n).padStart(2, "0");

/** "2025-03-15 14:30" from what people type or a datetime-local control gives; "" if unreadable.
 *  A date alone gives "2025-03-15". Python's DateTimeField reads every form this returns. */
export function normaliseDateTime(text) {
  const s = halfWidth(String(text || "")).trim();
  const m = s.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T|(?<=日))\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?::\d{1,2}(?:\.\d+)?)?)?$/);
  if (!m) return "";
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return "";
  const stamp = `${year}-${pad(month)}-${pad(day)}`;
  if (m[4] === undefined) return stamp;
  const [hour, minute] = [Number(m[4]), Number(m[5] || 0)];
  if (hour > 23 || minute > 59) return "";
  return `${stamp} ${pad(hour)}:${pad(minute)}`;
}

function fill(template, vars = {}) {
  return String(template).replace(/\{(\w+)\}/g, (all, k) => (k in vars ? String(vars[k]) : all));
}

/** Checks one entry's cells; returns {cells, errors: {column: message}}. Cells are strings;
 *  a choice may be given by its value or its label; dates are normalised. */
export function checkCells(columns, raw, messages) {
  const cells = {};
  const errors = {};
  for (const c of columns) {
    let value = raw && raw[c.name] != null ? String(raw[c.name]) : "";
    value = value.replace(/\r\n?/g, "\n");
    if (c.kind !== "multiline") value = value.replace(/\s+/g, " ");
    value = value.trim();
    const vars = { label: c.label, max: c.maxLength, n: [...value].length };
    if (!value) {
      if (c.required) errors[c.name] = fill(messages.required, vars);
      cells[c.name] = c.kind === "choice" ? c.default || "" : "";
      continue;
    }
    if (c.kind === "datetime" || c.kind === "date") {
      const normal = normaliseDateTime(value);
      if (!normal) errors[c.name] = fill(messages["bad-datetime"], vars);
      cells[c.name] = normal || value;
    } else if (c.kind === "choice") {
      const found = (c.options || []).find(([v, label]) => value === v || value === label);
      if (!found) errors[c.name] = fill(messages["bad-choice"], vars);
      cells[c.name] = found ? found[0] : value;
    } else {
      if (c.maxLength && vars.n > c.maxLength) errors[c.name] = fill(messages["too-long"], vars);
      cells[c.name] = value;
    }
  }
  return { cells, errors };
}

/** Applies the declared column renames to an entry older than `version`. */
export function migrate(entry, version, migrations) {
  let cells = { ...entry.cells };
  for (const [to, renames] of migrations || []) {
    if (entry.v < to && to <= version) {
      for (const [from, into] of Object.entries(renames)) {
        if (from in cells) {
          cells[into] = cells[from];
          delete cells[from];
        }
      }
    }
  }
  return { ...entry, v: version, cells };
}

/** A stored value → {entry} or {problem: reason}. Never throws. */
export function readEntry(raw, id, version, migrations) {
  let entry;
  try {
    entry = JSON.parse(raw);
  } catch {
    return { problem: "corrupt" };
  }
  if (!entry || typeof entry !== "object" || typeof entry.cells !== "object" || entry.cells === null || !Number.isInteger(entry.v)) {
    return { problem: "corrupt" };
  }
  if (id !== undefined && entry.id !== id) return { problem: "corrupt" };
  if (entry.v > version) return { problem: "newer" };
  return { entry: entry.v < version ? migrate(entry, version, migrations) : entry };
}

export function sortKey(columns, entry) {
  const first = columns.find((c) => c.kind === "datetime" || c.kind === "date");
  return `${first ? entry.cells[first.name] || "" : ""}\u0000${entry.created || ""}\u0000${entry.id}`;
}

export function sorted(columns, entries) {
  return [...entries].sort((a, b) => (sortKey(columns, a) < sortKey(columns, b) ? -1 : 1));
}

// ---- JSON ----------------------------------------------------------------------------------

export function toJson(store, version, entries, columns, now) {
  return JSON.stringify({ format: FORMAT, store, version, exported: now, entries: sorted(columns, entries) }, null, 2) + "\n";
}

// ---- CSV (RFC 4180; UTF-8 with BOM for Excel and WPS) ---------------------------------------

const META = [
  ["id", "编号"],
  ["created", "创建时间"],
  ["updated", "修改时间"],
];

/** A cell a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading '; so does a
 *  cell that already starts with ', so that reading it back removes exactly one. */
export function neutralise(text) {
  return /^[=+\-@\t\r']/.test(text) ? `'${text}` : text;
}

export function unneutralise(text) {
  return text.startsWith("'") ? text.slice(1) : text;
}

function quote(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns, entries) {
  const header = [...columns.map((c) => c.label), ...META.map(([, label]) => label)];
  const lines = [header.map(quote).join(",")];
  for (const e of sorted(columns, entries)) {
    const row = columns.map((c) => {
      const value = e.cells[c.name] ?? "";
      const option = c.kind === "choice" && (c.options || []).find(([v]) => v === value);
      return option ? option[1] : value;
    });
    row.push(...META.map(([key]) => e[key] ?? ""));
    lines.push(row.map((cell) => quote(neutralise(String(cell)))).join(","));
  }
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const s = text.replace(/^\ufeff/, "");
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      if (ch === "\r" && s[i + 1] === "\n") i += 1;
    } else cell += ch;
    i += 1;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

// ---- import --------------------------------------------------------------------------------

/** Reads an exported JSON or CSV text. Returns {entries: [{entry, line}], rejected: [{row, reason}]}
 *  or {error: message}. Entries from CSV have no id unless the file had one. */
export function parseImport(text, { store, version, migrations, columns, messages }) {
  const body = String(text).replace(/^\ufeff/, "");
  const rejected = [];
  const entries = [];
  const take = (raw, row) => {
    const { cells, errors } = checkCells(columns, raw.cells, messages);
    const reasons = Object.values(errors);
    if (reasons.length) rejected.push({ row, reason: reasons.join(" ") });
    else entries.push({ entry: { ...raw, cells }, row });
  };
  if (/^\s*[[{]/.test(body)) {
    let data;
    try {
      data = JSON.parse(body);
    } catch {
      return { error: messages["import-bad-file"] };
    }
    if (!data || data.format !== FORMAT || !Array.isArray(data.entries)) return { error: messages["import-bad-file"] };
    if (data.store !== store) return { error: fill(messages["import-wrong-store"], { store: data.store }) };
    if (!Number.isInteger(data.version) || data.version > version) return { error: fill(messages["import-newer"], { version: data.version }) };
    data.entries.forEach((item, i) => {
      const row = i + 1;
      if (!item || typeof item !== "object" || typeof item.cells !== "object" || item.cells === null) {
        rejected.push({ row, reason: messages["import-bad-file"] });
        return;
      }
      const v = Number.isInteger(item.v) ? item.v : data.version;
      if (v > version) {
        rejected.push({ row, reason: fill(messages["import-newer"], { version: v }) });
        return;
      }
      const entry = migrate({ ...item, v }, version, migrations);
      take(entry, row);
    });
    return { entries, rejected };
  }
  const rows = parseCsv(body);
  if (!rows.length) return { error: messages["import-bad-file"] };
  const header = rows[0].map((h) => h.trim());
  const where = (c) => header.findIndex((h) => h === c.label || h === c.name);
  const places = columns.map(where);
  if (!places.some((p) => p !== -1)) return { error: messages["import-bad-file"] };
  const meta = META.map(([key, label]) => [key, header.findIndex((h) => h === label || h === key)]);
  rows.slice(1).forEach((cellsText, i) => {
    const row = i + 2; // the header is line 1
    const raw = { v: version, cells: {} };
    columns.forEach((c, k) => {
      raw.cells[c.name] = places[k] === -1 ? "" : unneutralise(cellsText[places[k]] ?? "");
    });
    for (const [key, at] of meta) if (at !== -1 && cellsText[at]) raw[key] = unneutralise(cellsText[at]);
    take(raw, row);
  });
  return { entries, rejected };
}

function sameCells(columns, a, b) {
  return columns.every((c) => (a.cells[c.name] ?? "") === (b.cells[c.name] ?? ""));
}

/** Which imported entries to add: an entry already present (same id and same content, or
 *  the same content under any id) is skipped; one with a known id but other content is added
 *  as a new entry (nothing is overwritten). Returns {add: [entry], skipped: n}. */
export function mergePlan(columns, existing, incoming, newId, now) {
  const byId = new Map(existing.map((e) => [e.id, e]));
  const add = [];
  let skipped = 0;
  const all = [...existing];
  for (const { entry } of incoming) {
    if (all.some((e) => sameCells(columns, e, entry))) {
      skipped += 1;
      continue;
    }
    const clash = !entry.id || typeof entry.id !== "string" || byId.has(entry.id) || !/^[A-Za-z0-9_-]{1,64}$/.test(entry.id);
    const made = {
      v: entry.v,
      id: clash ? newId() : entry.id,
      created: entry.created || now,
      updated: entry.updated || now,
      rev: Number.isInteger(entry.rev) ? entry.rev : 1,
      cells: entry.cells,
    };
    byId.set(made.id, made);
    all.push(made);
    add.push(made);
  }
  return { add, skipped };
}

/** One line per entry for a hand-over into a letter: the date and choices as they are, other
 *  cells as 「label：value」, in column order. */
export function handoverText(columns, entries) {
  return sorted(columns, entries)
    .map((e, i) => {
      const parts = [];
      for (const c of columns) {
        const value = e.cells[c.name];
        if (!value) continue;
        if (c.kind === "datetime" || c.kind === "date") parts.push(value);
        else if (c.kind === "choice") parts.push(((c.options || []).find(([v]) => v === value) || [, value])[1]);
        else parts.push(`${c.label}：${value.replace(/\n+/g, " ")}`);
      }
      return `${i + 1}. ${parts.join("；")}`;
    })
    .join("\n");
}
