// Focal point picker for the image admin: click the preview to fill the two percentage fields.
// Progressive enhancement only: without JavaScript the fields are typed in by hand. No inline
// script or style attribute is needed, so it works under a strict Content-Security-Policy.
(function () {
  "use strict";

  function clamp(value) {
    return Math.max(0, Math.min(100, Math.round(value)));
  }

  function setUp(picker) {
    var inputX = document.getElementById(picker.dataset.x);
    var inputY = document.getElementById(picker.dataset.y);
    var image = picker.querySelector("img");
    var marker = picker.querySelector(".focal-picker__marker");
    if (!inputX || !inputY || !image || !marker) {
      return;
    }
    var upload = picker.dataset.upload && document.getElementById(picker.dataset.upload);
    if (upload) {
      // Before the upload: show the chosen file (a data: URL, which the CSP allows).
      upload.addEventListener("change", function () {
        var file = upload.files && upload.files[0];
        if (!file) {
          return;
        }
        var reader = new FileReader();
        reader.addEventListener("load", function () {
          image.src = reader.result;
          image.hidden = false;
          showMarker();
        });
        reader.readAsDataURL(file);
      });
    }

    function showMarker() {
      var x = parseFloat(inputX.value);
      var y = parseFloat(inputY.value);
      if (isNaN(x) || isNaN(y)) {
        marker.hidden = true;
        return;
      }
      marker.style.left = clamp(x) + "%";
      marker.style.top = clamp(y) + "%";
      marker.hidden = false;
    }

    picker.classList.add("focal-picker--active");
    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      inputX.value = clamp(((event.clientX - box.left) / box.width) * 100);
      inputY.value = clamp(((event.clientY - box.top) / box.height) * 100);
      inputX.dispatchEvent(new Event("change", { bubbles: true }));
      showMarker();
    });
    inputX.addEventListener("input", showMarker);
    inputY.addEventListener("input", showMarker);
    showMarker();
  }

  function init() {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
