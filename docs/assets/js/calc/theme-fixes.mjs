// Accessibility fixes to mkdocs-material's own markup, on every page (the glue
// is loaded on every page). Nothing here concerns a calculator.

// Wide tables: each table of the guide's text is wrapped in the theme's .md-typeset__scrollwrap
// (at build time, hooks/tables.py), the element that actually scrolls sideways. It is out of
// the tab order, so a keyboard user could not scroll it: each one that overflows becomes a
// focusable, named region (arrow keys scroll it).
// Result tables sit in .calc-table-wrap, which is focusable already; calculator.css makes it
// the element that scrolls.
const TABLE_LABEL = "表格";

export function fixScrollableTables(root = document) {
  const used = new Set();
  for (const wrap of root.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.closest(".calc-table-wrap")) continue;
    const overflows = wrap.scrollWidth > wrap.clientWidth + 1;
    if (overflows) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      let label = tableLabel(wrap);
      for (let n = 2; used.has(label); n++) label = `${tableLabel(wrap)}（${n}）`;
      used.add(label);
      wrap.setAttribute("aria-label", label);
      wrap.dataset.scrollFixed = "";
    } else if (wrap.hasAttribute("data-scroll-fixed")) {
      for (const name of ["tabindex", "role", "aria-label", "data-scroll-fixed"]) wrap.removeAttribute(name);
    }
  }
}

// The table's caption, else the nearest heading before it.
function tableLabel(wrap) {
  const caption = wrap.querySelector("caption");
  if (caption && caption.textContent.trim()) return caption.textContent.trim();
  for (let el = wrap; el && !el.matches(".md-content"); el = el.previousElementSibling || el.parentElement) {
    if (/^H[1-6]$/.test(el.tagName)) {
      const heading = el.cloneNode(true);
      for (const link of heading.querySelectorAll(".headerlink")) link.remove();
      return `${TABLE_LABEL}：${heading.textContent.trim()}`;
    }
  }
  return TABLE_LABEL;
}

// With navigation.indexes the theme labels each section's <nav> by a <label> holding only
// an icon: every section landmark is then nameless and alike. Name it by its title.
// (The theme's search dialog is named by the template, overrides/main.html, so that nothing
// changes it after the first paint.)
function nameSectionNavs() {
  for (const nav of document.querySelectorAll("nav[aria-labelledby]")) {
    const label = document.getElementById(nav.getAttribute("aria-labelledby"));
    const title = nav.querySelector(":scope > .md-nav__title");
    if (label && !label.textContent.trim() && title && title.textContent.trim()) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  }
}

let resizeTimer = 0;

export function fixThemePage() {
  nameSectionNavs();
  // Once the page has laid out (the wrappers are in the HTML: hooks/tables.py).
  requestAnimationFrame(() => fixScrollableTables());
  if (!resizeTimer) {
    resizeTimer = -1;
    addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => fixScrollableTables(), 200);
    });
  }
}
