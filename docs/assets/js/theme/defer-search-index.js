// Fetch the search index only when the reader opens search.
//
// mkdocs-material requests search/search_index.json on every page load. With Chinese word
// segmentation the index of this guide is over 100 KB compressed: more than the rest of the
// home page together, paid on every visit by readers on mobile data who mostly never search.
// The theme offers no setting for this, so we hold back that one request (the theme loads it
// with XMLHttpRequest) until the search field is first focused, then let it go through.
//
// The search worker (assets/javascripts/workers/search.<hash>.min.js, 11 KB compressed) is
// held back the same way: the theme starts it on every page load, although it has nothing to
// do before the index arrives. Until search is opened the theme gets a stand-in with the
// worker's interface (postMessage, message events, terminate); messages posted meanwhile are
// delivered in order once the real worker starts.
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

  var SEARCH_WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var RealWorker = window.Worker;
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    var HeldWorker = function (url, options) {
      var stand = new EventTarget();
      var queue = [];
      var worker = null;
      var ended = false;
      stand.onmessage = null;
      stand.onerror = null;
      stand.postMessage = function (message) {
        if (worker) worker.postMessage(message);
        else queue.push(message);
      };
      stand.terminate = function () {
        ended = true;
        if (worker) worker.terminate();
      };
      held.push(function () {
        if (ended) return;
        worker = new RealWorker(url, options);
        worker.addEventListener("message", function (event) {
          var copy = new MessageEvent("message", { data: event.data });
          if (typeof stand.onmessage === "function") stand.onmessage(copy);
          stand.dispatchEvent(copy);
        });
        worker.addEventListener("error", function (event) {
          var copy = new Event("error");
          if (typeof stand.onerror === "function") stand.onerror(copy);
          stand.dispatchEvent(copy);
        });
        queue.splice(0).forEach(function (message) {
          worker.postMessage(message);
        });
      });
      return stand;
    };
    var Worker = function (url, options) {
      if (!released && SEARCH_WORKER.test(new URL(String(url), location.href).pathname)) return HeldWorker(url, options);
      return new RealWorker(url, options);
    };
    Worker.prototype = RealWorker.prototype; // `instanceof Worker` keeps working for real workers
    window.Worker = Worker;
  }

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
