// Click-to-load embeds: nothing reaches the provider until the reader asks (richtext/rendering.py).
(function () {
  "use strict";
  var boxes = document.querySelectorAll("[data-embed-src]");
  Array.prototype.forEach.call(boxes, function (box) {
    var button = box.querySelector(".embed__load");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-embed-src");
      frame.title = box.getAttribute("data-embed-title") || "";
      frame.className = "embed__frame";
      frame.setAttribute("allow", "encrypted-media; fullscreen; picture-in-picture");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation allow-popups-to-escape-sandbox");
      box.parentNode.replaceChild(frame, box);
      frame.focus();
    });
  });
})();
