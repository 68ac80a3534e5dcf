// Live scoring: tell screen readers about progress once per change, not on every poll.
(function () {
  "use strict";

  function announce(root) {
    var region = document.getElementById("round-announce");
    var source = root && root.querySelector ? root.querySelector("[data-announce]") : null;
    if (!region || !source) {
      return;
    }
    // Someone who turned off "Read out other people's changes" hears nothing (live.js).
    if (window.liveUpdates && !window.liveUpdates.announcing()) {
      return;
    }
    var words = source.getAttribute("data-announce");
    if (words && words !== region.getAttribute("data-last")) {
      region.setAttribute("data-last", words);
      region.textContent = words;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    // What the page was drawn with is already on screen: only changes are announced.
    var region = document.getElementById("round-announce");
    var source = document.querySelector("[data-announce]");
    if (region && source) {
      region.setAttribute("data-last", source.getAttribute("data-announce"));
    }
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var live = document.getElementById("round-live") || document.getElementById("meeting-live");
    if (live && (event.detail.elt === live || live.contains(event.detail.elt) || event.detail.elt.contains(live))) {
      announce(live);
    }
  });
})();
