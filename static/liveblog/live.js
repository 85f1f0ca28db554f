/* Live blog: asks for new updates every ~15 s and inserts them without moving what the
   reader is reading. The page is complete without it (its "Refresh" link reloads).
   The update check is a conditional request (If-None-Match), usually answered 304. */
(function () {
  "use strict";
  var section = document.getElementById("live-updates");
  if (!section || !window.fetch) return;
  var list = section.querySelector("[data-live-entries]");
  var announcer = section.querySelector("[role=status]");
  var base = section.getAttribute("data-updates-url").replace(/0\/$/, "");
  var latest = parseInt(section.getAttribute("data-latest"), 10) || 0;
  var every = (parseInt(section.getAttribute("data-poll-seconds"), 10) || 15) * 1000;
  var etag = null;
  var timer = null;
  // This script keeps the reader's place itself; the browser's own scroll anchoring would
  // move the page a second time.
  document.documentElement.classList.add("live-js");

  // The entry at the top of the screen, if any: new updates must not move it.
  function entryOnScreen() {
    var items = list.children;
    for (var i = 0; i < items.length; i++) {
      var box = items[i].getBoundingClientRect();
      if (box.bottom > 0 && box.top < window.innerHeight) return items[i];
    }
    return null;
  }

  function insert(html, count) {
    var anchor = entryOnScreen();
    var listBox = list.getBoundingClientRect();
    var above = !anchor && listBox.bottom <= 0; // the reader is past the updates
    var before = anchor ? anchor.getBoundingClientRect().top : listBox.height;
    var empty = list.querySelector(".live-entries__empty");
    if (empty) empty.remove();
    var holder = document.createElement("ol");
    holder.innerHTML = html;
    var items = Array.prototype.slice.call(holder.children);
    for (var i = items.length - 1; i >= 0; i--) {
      var old = document.getElementById(items[i].id);
      if (old) old.remove();
      items[i].classList.add("live-entry--new");
      list.insertBefore(items[i], list.firstChild);
    }
    var shift = 0;
    if (anchor) shift = anchor.getBoundingClientRect().top - before;
    else if (above) shift = list.getBoundingClientRect().height - before;
    // At once: the site scrolls smoothly, which would show the page moving.
    if (shift) window.scrollBy({ top: shift, behavior: "instant" });
    announcer.textContent = count === 1 ? "1 new update" : count + " new updates";
  }

  function check() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(base + latest + "/", { headers: headers, cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (response.status === 304) return null;
        if (!response.ok) throw new Error(response.status);
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (data) {
        if (data) {
          if (data.count) {
            insert(data.html, data.count);
            latest = data.latest;
            etag = null;
          }
          if (data.more) announcer.textContent = "More new updates: refresh the page to see them all.";
          if (data.state === "ended") return;
        }
        schedule();
      })
      .catch(function () { schedule(every * 2); });
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(check, delay || every);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") schedule(500);
    else clearTimeout(timer);
  });
  schedule();
})();
