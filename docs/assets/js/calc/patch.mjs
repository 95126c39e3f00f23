// Updating a result in place. A new result mostly repeats the last one (the same sections,
// tables, notes and links, with other figures), and replacing all of it makes the browser
// build, style and lay out every node again on the way to the screen. So the new HTML is
// parsed into a <template> (an inert document: nothing is styled, laid out or loaded there)
// and only what differs is changed in the page: a text, an attribute, a node of another kind.
// The page ends up exactly as if the whole HTML had been set (tests/browser/test_recompute.py);
// what it keeps is what a full replacement would have thrown away for nothing — the nodes
// themselves, so focus on a kept element and a table's sideways scroll stay where they were.

/** Makes `target`'s children equal to `html` (trusted: built by Python, every text escaped). */
export function patchHTML(target, html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  patchChildren(target, template.content);
}

// Children are matched in order by kind (see `kind`). A new node whose kind comes later among
// the page's children means the ones before that were dropped; one whose kind does not come
// at all is inserted. So a notice that appears above two tables is inserted, and each table
// stays the same node (with focus on it, if it had focus), instead of every node after the
// notice being rewritten into the one before it.
function patchChildren(page, fresh) {
  let kept = page.firstChild;
  for (let node = fresh.firstChild; node; ) {
    const next = node.nextSibling;
    const wanted = kind(node);
    let match = kept;
    while (match && kind(match) !== wanted) match = match.nextSibling;
    if (match) {
      while (kept !== match) {
        const dropped = kept;
        kept = kept.nextSibling;
        dropped.remove();
      }
      kept = match.nextSibling; // before patchNode, which may replace `match`
      patchNode(match, node);
    } else {
      page.insertBefore(node, kept);
    }
    node = next;
  }
  while (kept) {
    const dropped = kept;
    kept = kept.nextSibling;
    dropped.remove();
  }
}

// What a node is, for matching: its name (which tells an SVG element from an HTML one: only
// HTML names are upper case), and for an element its first class and accessible name (a
// result's sections differ in those: a notice and the assumptions are both a <p>, 方案对比 and
// the schedule both a div.calc-table-wrap). Only the first class: the theme adds its own
// (focus-visible) to the element that has focus, and a modifier such as calc-figure--good
// comes after the name.
function kind(node) {
  if (node.nodeType !== Node.ELEMENT_NODE || !node.hasAttributes()) return node.nodeName;
  const classes = node.getAttribute("class");
  const first = classes ? classes.trim().split(/\s/, 1)[0] : "";
  return `${node.nodeName} ${first} ${node.getAttribute("aria-label")}`;
}

// Form controls carry state beside their markup (a value, a selection): they are always
// replaced, as a full replacement would (a result holds one at most, its summary). A
// template's content is not compared by isEqualNode.
const REPLACED = new Set(["INPUT", "TEXTAREA", "SELECT", "TEMPLATE"]);

function patchNode(page, fresh) {
  if (page.nodeType !== Node.ELEMENT_NODE) {
    if (page.nodeValue !== fresh.nodeValue) page.nodeValue = fresh.nodeValue;
    return;
  }
  if (REPLACED.has(page.nodeName)) {
    page.replaceWith(fresh);
    return;
  }
  // Every node is visited (no isEqualNode first: at every level that compares the whole
  // subtree again, which costs more than the walk itself).
  patchAttributes(page, fresh);
  patchChildren(page, fresh);
}

function patchAttributes(page, fresh) {
  if (!page.hasAttributes() && !fresh.hasAttributes()) return;
  const had = page.attributes;
  const wanted = fresh.attributes;
  for (let i = had.length - 1; i >= 0; i--) {
    const attr = had[i];
    if (!fresh.hasAttributeNS(attr.namespaceURI, attr.localName)) page.removeAttributeNS(attr.namespaceURI, attr.localName);
  }
  for (let i = 0; i < wanted.length; i++) {
    const attr = wanted[i];
    if (page.getAttributeNS(attr.namespaceURI, attr.localName) !== attr.value) page.setAttributeNS(attr.namespaceURI, attr.name, attr.value);
  }
}
