// If the URL fragment names a content tab, open it (the theme's inline script in
// partials/javascripts/content.html, as a file for CSP).
(function () {
  var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
