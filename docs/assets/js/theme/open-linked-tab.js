// If the URL fragment names a content tab, open it (the theme's inline script in
// partials/javascripts/content.html, as a file for CSP). A fragment can hold anything
// (calculator inputs with a bare `%`): a malformed escape must not throw.
(function () {
  var id;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch (error) {
    return;
  }
  var target = document.getElementById(id);
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
