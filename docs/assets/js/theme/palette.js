// The reader's light/dark palette, in place of the theme's palette script.
//
// Runs from the header, right after the palette toggle is parsed and before the page first
// paints: it applies the saved choice (or, with none, the one the device prefers) and shows the
// right toggle; then the toggle switches it. The choice is stored as the theme stores it
// (localStorage "__palette": {index, color}), so pages built before and after read the same.
//
// The theme's script is not loaded at all (overrides/main.html says why); its palette code was
// replaced first, on its own account: on every page load it added <meta name="color-scheme"> and then set it, and each
// of the two makes the browser restyle every element of the page (Chromium treats it as a
// change of the platform's colours) — two whole-page restyles after the first paint, on every
// page, each tens of milliseconds on a phone (tests/browser/test_theme_restyle.py). It also
// applied the device's preference only after the first paint: a dark-mode phone without a
// saved choice saw the page flash light.
(function () {
  var form = document.querySelector("form[data-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input.md-option"));
  if (!inputs.length) return;

  function colorOf(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent"),
    };
  }

  function apply(index, save) {
    var color = colorOf(inputs[index]);
    for (var key in color) {
      // Setting an attribute to the value it has changes nothing for the browser's styles.
      if (color[key] !== null) document.body.setAttribute("data-md-color-" + key, color[key]);
    }
    inputs.forEach(function (input, i) {
      input.checked = i === index;
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
    if (save) window.__md_set("__palette", { index: index, color: color });
  }

  var saved = null;
  try {
    saved = window.__md_get("__palette");
  } catch (error) {
    // Storage disabled or garbled: as if nothing were saved.
  }
  var index = saved && typeof saved.index === "number" ? saved.index : -1;
  if (index < 0 || index >= inputs.length) {
    index = inputs.findIndex(function (input) {
      var media = input.getAttribute("data-md-color-media");
      return media && window.matchMedia(media).matches;
    });
  }
  apply(Math.max(0, index), false);

  // A label points at the next option (the theme's markup): clicking it checks that radio.
  form.addEventListener("change", function (event) {
    var i = inputs.indexOf(event.target);
    if (i >= 0) apply(i, true);
  });
  // The radios are what the keyboard reaches; Enter moves to the next palette, as the theme did.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var i = inputs.indexOf(event.target);
    if (i < 0) return;
    event.preventDefault();
    var next = inputs[(i + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
