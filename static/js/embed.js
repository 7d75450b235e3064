/* Embeds (embed/*.html): tell the framing page our height, so its iframe never scrolls. Two messages each time:
   pym.js's string ("pymxPYMx" + id + "xPYMxheightxPYMx" + height) and a JSON object for plain listeners. */
(function () {
  "use strict";

  var root = document.documentElement;
  if (!root.hasAttribute("data-embed") || window.parent === window) {
    return;
  }
  var id = new URLSearchParams(window.location.search).get("childId") || "explainer-" + root.getAttribute("data-embed");
  var sent = -1;

  function send() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === sent) {
      return;
    }
    sent = height;
    window.parent.postMessage("pymxPYMx" + id + "xPYMxheightxPYMx" + height, "*");
    window.parent.postMessage({ type: "explainer:height", id: id, height: height }, "*");
  }

  if ("ResizeObserver" in window) {
    new window.ResizeObserver(send).observe(root);
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  send();
})();
