// Fetch the search index only when the reader opens search.
//
// mkdocs-material requests search/search_index.json on every page load. With Chinese word
// segmentation the index of this guide is over 100 KB compressed: more than the rest of the
// home page together, paid on every visit by readers on mobile data who mostly never search.
// The theme offers no setting for this, so we hold back that one request (the theme loads it
// with XMLHttpRequest) until the search field is first focused, then let it go through.
(function () {
  var INDEX = /\/search\/search_index\.json$/;
  var released = false;
  var held = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__holdUntilSearch = INDEX.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    var args = arguments;
    if (xhr.__holdUntilSearch && !released) {
      held.push(function () {
        send.apply(xhr, args);
      });
      return;
    }
    return send.apply(xhr, args);
  };

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (go) {
      go();
    });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });
})();
