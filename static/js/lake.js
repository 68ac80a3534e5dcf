// The lake of ideas, enhanced: live updates, drag and drop, moves without a reload,
// and the timer's countdown. Every action also works as a plain form without this file.
(function () {
  "use strict";

  var poller = document.getElementById("lake-poll");
  var announcer = document.getElementById("lake-announce");
  if (!poller) {
    return;
  }
  var dragging = false;

  function announce(text) {
    if (!announcer || !text) {
      return;
    }
    // Clear first so the same words said twice are still announced.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }

  function parse(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  // Swap each live part (the timer, each island and the water) on its own, leaving alone
  // any part that holds the focus. Returns whether every part was swapped.
  function merge(root, force) {
    var complete = true;
    root.querySelectorAll("[data-live]").forEach(function (fresh) {
      var current = document.getElementById(fresh.id);
      if (!current) {
        return;
      }
      if (!force && current.contains(document.activeElement)) {
        complete = false;
        return;
      }
      current.replaceWith(fresh);
    });
    setUp();
    return complete;
  }

  function takeRevision(root, complete) {
    if (complete && root.dataset.revision) {
      poller.dataset.revision = root.dataset.revision;
    }
  }

  // -- polling, driven by htmx on #lake-poll -------------------------------------------

  document.body.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt === poller) {
      event.detail.parameters.revision = poller.dataset.revision;
    }
  });
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    // Never pull the board from under a drag in progress.
    if (event.detail.elt === poller && dragging) {
      event.preventDefault();
    }
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== poller || event.detail.xhr.status !== 200) {
      return;
    }
    var root = parse(event.detail.xhr.responseText);
    if (root) {
      takeRevision(root, merge(root, false));
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    // A post-it was added: say so, and show it now rather than at the next poll.
    // (An outerHTML swap leaves the old element as the event's target, so look afresh.)
    var added = document.querySelector("#add-postit [data-added]");
    if (added && !added.dataset.said) {
      added.dataset.said = "1";
      announce(added.textContent);
      window.htmx.trigger(poller, "lake-refresh");
    }
  });

  // -- moving: the "Move to…" forms and dragging ----------------------------------------

  function sendMove(url, body, postitId) {
    return fetch(url, {
      method: "POST",
      body: body,
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) {
          announce(text);
          window.htmx.trigger(poller, "lake-refresh");
          return;
        }
        var root = parse(text);
        merge(root, true);
        takeRevision(root, true);
        var moved = document.getElementById("postit-" + postitId);
        if (moved) {
          moved.focus();
        }
        announce(root.dataset.announce);
      });
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-move-form]");
    if (!form || !window.fetch) {
      return;
    }
    event.preventDefault();
    var postit = form.closest("[data-id]");
    sendMove(form.action, new FormData(form), postit.dataset.id);
  });

  // SortableJS only serves dragging, so it is fetched when a pointer first reaches the page:
  // the first load stays light, and keyboard and screen reader users never download it.
  var sortableRequested = false;

  function loadSortable() {
    var lake = document.getElementById("lake");
    if (sortableRequested || !lake || !lake.dataset.sortableSrc) {
      return;
    }
    sortableRequested = true;
    var script = document.createElement("script");
    script.src = lake.dataset.sortableSrc;
    script.onload = makeSortable;
    document.head.appendChild(script);
  }

  document.addEventListener("pointerover", loadSortable, { once: true });
  document.addEventListener("touchstart", loadSortable, { once: true, passive: true });

  function setUp() {
    makeSortable();
    startClock();
  }

  function makeSortable() {
    if (!window.Sortable) {
      return;
    }
    document.querySelectorAll("ol[data-place]").forEach(function (list) {
      if (list.dataset.sortable) {
        return;
      }
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "lake",
        animation: 150,
        // Pointer events rather than native drag and drop: the same for mouse, pen and touch.
        forceFallback: true,
        filter: "a, button, select, input, label, textarea",
        preventOnFilter: false,
        onStart: function () {
          dragging = true;
        },
        onEnd: function (event) {
          dragging = false;
          var item = event.item;
          var sameList = event.from === event.to;
          if (sameList && event.oldIndex === event.newIndex) {
            return;
          }
          // Within the water a post-it keeps the islands it swims between.
          var place = sameList ? item.dataset.placeValue : event.to.dataset.place;
          var form = item.querySelector("[data-move-form]");
          var body = new FormData(form);
          body.set("place", place);
          body.set("position", String(event.newIndex));
          sendMove(item.dataset.moveUrl, body, item.dataset.id);
        },
      });
    });
  }

  // -- the five minutes with the lake -------------------------------------------------

  var tick = null;

  function startClock() {
    var clock = document.querySelector("[data-timer]");
    if (tick) {
      window.clearInterval(tick);
      tick = null;
    }
    if (!clock || clock.dataset.running !== "1") {
      return;
    }
    var endsAt = Date.now() + Number(clock.dataset.seconds) * 1000;
    tick = window.setInterval(function () {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      var seconds = left % 60;
      clock.textContent = Math.floor(left / 60) + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left === 0) {
        window.clearInterval(tick);
        tick = null;
        var done = document.querySelector("[data-timer-done]");
        if (done && done.hidden) {
          done.hidden = false;
          announce(done.textContent);
        }
      }
    }, 1000);
  }

  setUp();
})();
