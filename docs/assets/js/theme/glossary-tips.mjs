// Glossary terms (<abbr title="definition">, marked at build time by hooks/glossary.py) show
// their definition when tapped. A phone has no hover, so the browser's own title tooltip never
// appears there; this was the theme's script's job (content.tooltips), which the site no
// longer loads (overrides/main.html says why). One listener for the whole page, nothing done
// until a tap: the page pays no start-up cost for the guide's hundreds of terms.
//
// The tip is one element, placed under the term (it scrolls with the page) and kept inside the
// screen; a second tap on the term, a tap anywhere else, Escape or a resize hides it. While it
// shows, the term's title is held back (the browser would otherwise show the same text a
// second time on hover) and the term is described by the tip (aria-describedby) for screen
// readers.

const TERM = ".md-typeset abbr[title], .md-typeset abbr[data-glossary-title]";
const MARGIN = 8; // px between the tip and the screen's edges

let tip = null;
let shownFor = null;

function tipElement() {
  if (!tip) {
    tip = document.createElement("div");
    tip.id = "glossary-tip";
    tip.className = "glossary-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.append(tip);
  }
  return tip;
}

function show(term) {
  if (shownFor === term) return hide();
  hide();
  const definition = term.getAttribute("title");
  if (!definition) return;
  const el = tipElement();
  el.textContent = definition;
  term.dataset.glossaryTitle = definition;
  term.removeAttribute("title");
  term.setAttribute("aria-describedby", el.id);
  el.hidden = false;
  shownFor = term;
  place(term, el);
}

function hide() {
  if (!shownFor) return;
  const term = shownFor;
  shownFor = null;
  term.setAttribute("title", term.dataset.glossaryTitle);
  delete term.dataset.glossaryTitle;
  term.removeAttribute("aria-describedby");
  tipElement().hidden = true;
}

// Under the term, left-aligned with it but moved left as far as needed to stay on screen.
function place(term, el) {
  const box = term.getBoundingClientRect();
  const width = Math.min(el.offsetWidth, document.documentElement.clientWidth - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(box.left, document.documentElement.clientWidth - MARGIN - width));
  el.style.left = `${left + window.scrollX}px`;
  el.style.top = `${box.bottom + window.scrollY + 4}px`;
}

document.addEventListener("click", (event) => {
  const term = event.target instanceof Element ? event.target.closest(TERM) : null;
  if (term && !term.closest("a")) show(term); // a term inside a link: the tap follows the link
  else if (!(event.target instanceof Node && tip && tip.contains(event.target))) hide();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hide();
});
window.addEventListener("resize", hide);
