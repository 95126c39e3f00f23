// mkdocs-material's storage helpers (normally an inline script in partials/javascripts/base.html),
// as a file so that a Content-Security-Policy without 'unsafe-inline' lets them run.
// The palette script calls these globals.
(function () {
  // This file lives at <site>/assets/js/theme/; the site root is three levels up.
  var root = new URL("../../../", document.currentScript.src);
  window.__md_scope = root;
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

  // The theme's stylesheet shows search only with <html class="js"> (the theme's script made
  // that change after the first paint). A class change on <html> makes the browser restyle
  // every element of the page (the theme has rules like `table:not([class]) td >
  // :first-child`); done here, before the body is parsed, it costs nothing. Only a browser
  // that runs scripts gets here.
  var classes = document.documentElement.classList;
  classes.remove("no-js");
  classes.add("js");
})();
