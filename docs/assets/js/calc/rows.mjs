// Row groups (lists: payments, income sources, debts): the browser side of the contract in
// calculators/core/form.py. Nothing here names a calculator or a column.
//
//   <fieldset class="calc-rows" data-rows="debts" data-min-rows data-max-rows data-row-label
//             data-msg-max>  <input type="hidden" name="debts" value="2">  (the row count)
//     <ol class="calc-rows__list"><li class="calc-row" data-row="1">…cells named debts.1.x…
//       <button data-row-remove>…</button></li></ol>
//     <template data-row-template>…the same <li> with __n__ for the row number…</template>
//     <button data-row-add>…</button>  <p class="calc-error" data-error-for="debts">
//
// Rows are numbered from 1 with no gaps. Adding clones the template; removing renumbers the
// rows after it (names, ids, for, aria-describedby, data-error-for, legends, button text) by
// walking each row alongside the template, so whatever carries the number is found from the
// template itself rather than from a list kept here.

const N = "__n__";

export function rowGroups(form) {
  return Array.from(form.querySelectorAll("fieldset.calc-rows[data-rows]"), (el) => group(el));
}

function group(el) {
  const name = el.dataset.rows;
  return {
    el,
    name,
    list: el.querySelector(".calc-rows__list"),
    template: el.querySelector("template[data-row-template]"),
    count: el.querySelector(`input[type="hidden"][name="${CSS.escape(name)}"]`),
    add: el.querySelector("[data-row-add]"),
    max: Number(el.dataset.maxRows) || Infinity,
    min: Number(el.dataset.minRows) || 0,
  };
}

/** The group's column names, from the template (debts.__n__.balance → balance). */
export function columns(g) {
  const prefix = `${g.name}.${N}.`;
  return Array.from(g.template.content.querySelectorAll("[name]"), (el) => el.getAttribute("name"))
    .filter((n) => n.startsWith(prefix))
    .map((n) => n.slice(prefix.length));
}

export function rows(g) {
  return Array.from(g.list.children).filter((li) => li.matches(".calc-row"));
}

/** Sets every attribute and text of `row` that holds __n__ in the template to number n. */
function number(g, row, n) {
  const model = g.template.content.querySelector(".calc-row");
  const pairs = [[model, row]];
  const a = model.querySelectorAll("*");
  const b = row.querySelectorAll("*");
  if (a.length !== b.length) throw new Error(`row ${n} of ${g.name} does not match its template`);
  a.forEach((el, i) => pairs.push([el, b[i]]));
  for (const [from, to] of pairs) {
    for (const attr of from.attributes) {
      if (attr.value.includes(N)) to.setAttribute(attr.name, attr.value.replaceAll(N, String(n)));
    }
    from.childNodes.forEach((node, i) => {
      const target = to.childNodes[i];
      if (node.nodeType === Node.TEXT_NODE && node.data.includes(N) && target && target.nodeType === Node.TEXT_NODE) {
        target.data = node.data.replaceAll(N, String(n));
      }
    });
  }
}

function newRow(g, n) {
  const row = g.template.content.querySelector(".calc-row").cloneNode(true);
  number(g, row, n);
  return row;
}

function setCount(g) {
  const n = rows(g).length;
  g.count.value = String(n);
  g.count.defaultValue = g.count.getAttribute("value"); // hidden inputs keep both in step
  atLimit(g, false);
  return n;
}

// At the limit the add button stays in the tab order (focus is not lost) but says why it
// adds nothing; the message is announced.
function atLimit(g, show) {
  let note = g.el.querySelector(".calc-rows__limit");
  const full = rows(g).length >= g.max;
  g.add?.setAttribute("aria-disabled", String(full));
  if (!show || !full) {
    if (note) note.hidden = true;
    return;
  }
  if (!note) {
    note = document.createElement("p");
    note.className = "calc-rows__limit calc-notice calc-notice--info";
    note.setAttribute("role", "status");
    (g.add || g.list).after(note);
  }
  note.textContent = g.el.dataset.msgMax || "";
  note.hidden = false;
}

/** Adds a row at the end; returns it (or null at the limit). */
export function addRow(g, onNewRow) {
  if (rows(g).length >= g.max) {
    atLimit(g, true);
    return null;
  }
  const row = newRow(g, rows(g).length + 1);
  g.list.append(row);
  if (onNewRow) onNewRow(row);
  setCount(g);
  return row;
}

/** Removes `row` and renumbers the rows after it; returns the element to focus next. */
export function removeRow(g, row) {
  const all = rows(g);
  const at = all.indexOf(row);
  row.remove();
  const rest = rows(g);
  rest.forEach((r, i) => {
    if (i >= at) number(g, r, i + 1);
  });
  setCount(g);
  const next = rest[at] || rest[at - 1];
  return next ? firstControl(next) : g.add;
}

export function firstControl(row) {
  return row.querySelector("input:not([type=hidden]), select, textarea, button");
}

/** Makes the group exactly `count` rows long (rows from the template at the end). */
export function resize(g, count, onNewRow) {
  count = Math.max(0, Math.min(count, g.max));
  let all = rows(g);
  while (all.length > count) all.pop().remove();
  for (let n = all.length + 1; n <= count; n++) {
    const row = newRow(g, n);
    g.list.append(row);
    if (onNewRow) onNewRow(row);
  }
  setCount(g);
}

/** The group's state in flat form: count first, then every cell in row order. */
export function flat(g) {
  const out = [[g.name, String(rows(g).length)]];
  rows(g).forEach((row) => {
    for (const el of row.querySelectorAll("[name]")) {
      out.push([el.name, el.type === "checkbox" ? (el.checked ? "yes" : "no") : el.value]);
    }
  });
  return out;
}

/** Binds add/remove for every group of the block; returns the groups. */
export function bindRows(block, { changed, onNewRow }) {
  const groups = rowGroups(block.form);
  for (const g of groups) {
    if (!g.template || !g.list || !g.count) continue;
    g.defaultHTML = g.list.innerHTML; // the built default rows, for 恢复默认数字
    g.defaultFlat = JSON.stringify(flat(g));
    g.el.addEventListener(
      "click",
      (event) => {
        const add = event.target.closest("[data-row-add]");
        const remove = event.target.closest("[data-row-remove]");
        if (add) {
          const row = addRow(g, onNewRow);
          if (row) firstControl(row).focus();
          if (row) changed();
        } else if (remove) {
          const row = remove.closest(".calc-row");
          const next = removeRow(g, row);
          if (next) next.focus();
          changed();
        }
      },
    );
    setCount(g);
  }
  return groups.filter((g) => g.defaultHTML !== undefined);
}

export function restoreRows(g) {
  g.list.innerHTML = g.defaultHTML;
  setCount(g);
}

export function isDefaultGroup(g) {
  return JSON.stringify(flat(g)) === g.defaultFlat;
}
