// mkdocs-material's storage helpers (normally an inline script in partials/javascripts/base.html),
// as a file so that a Content-Security-Policy without 'unsafe-inline' lets them run.
// The theme's bundle and the palette script call these globals.
(function () {
  // This file lives at <site>/assets/js/theme/; the site root is three levels up.
  var root = new URL("../../../", document.currentScript.src);
  window.__md_scope = root;
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage full or disabled (private mode in some in-app browsers): the choice is not kept.
    }
  };

  // The theme's bundle swaps <html class="no-js"> for "js" and its focus-visible polyfill adds
  // "js-focus-visible", after the first paint. A class change on <html> makes the browser
  // restyle every element of the page (the theme has rules like `table:not([class]) td >
  // :first-child`); done here, before the body is parsed, it costs nothing, and the bundle's
  // own changes then change nothing. Only a browser that runs scripts gets here.
  var classes = document.documentElement.classList;
  classes.remove("no-js");
  classes.add("js", "js-focus-visible");

  // The theme's instant navigation, as it starts, rewrites every relative href and src in the
  // page to an absolute URL (`el.href = el.href`). For the stylesheets above this script that
  // makes the browser load and parse them again and then restyle the whole page, after the
  // first paint. Done here, before anything is styled, the same rewrite costs a re-parse of
  // the cached sheets and no restyle, and the theme then finds nothing to rewrite in <head>.
  var links = document.head.querySelectorAll("link[href]");
  for (var i = 0; i < links.length; i++) {
    if (!/^(?:[a-z]+:)?\/\//i.test(links[i].getAttribute("href"))) links[i].href = links[i].href;
  }
})();
