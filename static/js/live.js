// Live pages (all of them share this): silence others' changes, pause and catch up, rest
// while hidden, poll no faster than the server's X-Poll-Interval. See README "Quiet live updates".
(function () {
  "use strict";

  var body = document.body;
  var box = document.querySelector("[data-live-controls]");
  var last = {}; // when each live part (by id) last polled
  var held = {}; // changes waiting while paused, by id
  var full = {}; // parts whose next poll brings everything
  var moved = {}; // revisions to ask from, after a 204 with X-Live-Revision
  var gap = 0;

  function flag(name) {
    return body.getAttribute("data-live-" + name) === "on";
  }

  function isPoll(el) {
    return Boolean(el && el.hasAttribute && el.hasAttribute("data-poll"));
  }

  // Paused, or held on a narrow screen (data-live-hold-narrow: README "The lake").
  function holding(el) {
    var narrow = el.getAttribute("data-live-hold-narrow");
    return flag("paused") || Boolean(narrow && window.matchMedia(narrow).matches);
  }

  window.liveUpdates = {
    announcing: function () {
      return flag("announce");
    },
    // A page showing the person's own change wants everything, even while paused.
    bringUpToDate: function (el) {
      full[el.id] = true;
    },
  };

  function quiet() {
    document.querySelectorAll("[data-live-region]").forEach(function (region) {
      region.setAttribute("aria-live", flag("announce") ? "polite" : "off");
    });
  }

  function save() {
    var data = new FormData();
    ["announce", "paused"].forEach(function (name, i) {
      if (flag(name)) {
        data.set(["live_announcements", "live_paused"][i], "on");
      }
    });
    fetch(box.getAttribute("data-save-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"] },
    });
  }

  function showHeld() {
    if (!box) {
      return;
    }
    var button = box.querySelector("[data-live-catch-up]");
    var count = Object.keys(held).reduce(function (sum, id) {
      return sum + held[id];
    }, 0);
    var text = count ? box.getAttribute(count === 1 ? "data-one" : "data-many").replace("{n}", count) : "";
    if (button.textContent !== text) {
      button.textContent = text;
    }
    if (!count && button === document.activeElement) {
      box.querySelector("[data-live-toggle=paused]").focus();
    }
    button.hidden = !count;
  }

  function refresh(everything) {
    document.querySelectorAll("[data-poll]").forEach(function (el) {
      full[el.id] = full[el.id] || everything;
      last[el.id] = 0;
      window.htmx.trigger(el, "live-now");
    });
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var el = event.detail.elt;
    if (isPoll(el) && moved[el.id]) {
      event.detail.path = event.detail.path.replace(/([?&]revision=)\d*/, "$1" + moved[el.id]);
    }
    if (isPoll(el) && holding(el) && !full[el.id]) {
      // Only "how many changes?": nothing is drawn until the person asks.
      event.detail.headers["X-Live-Peek"] = "1";
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var el = event.detail.elt;
    var now = Date.now();
    if (!isPoll(el) || full[el.id]) {
      return;
    }
    if (document.hidden || now - (last[el.id] || 0) < gap * 1000 - 250) {
      event.preventDefault();
    } else {
      last[el.id] = now;
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (!isPoll(event.detail.elt)) {
      return;
    }
    gap = Number(xhr.getResponseHeader("X-Poll-Interval")) || 0;
    var changes = xhr.getResponseHeader("X-Live-Changes");
    if (changes) {
      event.detail.shouldSwap = false;
      held[event.detail.elt.id] = Number(changes);
      showHeld();
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var el = event.detail.elt;
    var xhr = event.detail.xhr;
    if (isPoll(el) && xhr.status >= 200 && xhr.status < 300 && !xhr.getResponseHeader("X-Live-Changes")) {
      // A full answer, or nothing new: this part is up to date.
      moved[el.id] = xhr.getResponseHeader("X-Live-Revision") || (xhr.status === 204 && moved[el.id]);
      delete held[el.id];
      delete full[el.id];
      showHeld();
    }
  });

  document.addEventListener("htmx:afterSwap", quiet);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      refresh(false);
    }
  });

  if (box) {
    box.hidden = false;
    box.addEventListener("click", function (event) {
      var button = event.target.closest("[data-live-toggle], [data-live-catch-up]");
      if (!button) {
        return;
      }
      var name = button.getAttribute("data-live-toggle");
      if (!name) {
        refresh(true);
        return;
      }
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(on));
      body.setAttribute("data-live-" + name, on ? "on" : "off");
      quiet();
      if (name === "paused" && !on) {
        refresh(true);
      }
      save();
    });
  }
})();
