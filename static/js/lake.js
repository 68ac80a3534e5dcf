// The lake of ideas, enhanced: live updates, drag and drop, moves without a reload,
// and the timer's countdown. Every action also works as a plain form without this file.
(function () {
  "use strict";

  var poller = document.getElementById("lake-poll");
  var announcer = document.getElementById("lake-announce");
  var others = document.getElementById("lake-others");
  if (!poller) {
    return;
  }
  var dragging = false;

  function announce(text, region) {
    region = region || announcer;
    if (!region || !text) {
      return;
    }
    // Clear first so the same words said twice are still announced.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 50);
  }

  function parse(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  // A part someone is using: it holds the focus, or has a post-it's options open.
  function busy(element) {
    return element.contains(document.activeElement) || !!element.querySelector("details[open]");
  }

  // Swap each live part on its own, except one holding the focus; true if all were.
  function merge(root, force) {
    var complete = true;
    root.querySelectorAll("[data-live]").forEach(function (fresh) {
      var current = document.getElementById(fresh.id);
      if (!current) {
        return;
      }
      if (!force && busy(current)) {
        complete = false;
        return;
      }
      current.replaceWith(fresh);
    });
    setUp();
    return complete;
  }

  // Put changed post-its after the one each follows, take off removed ones, set the counts.
  // One holding the focus is left alone (unless `force`), and a drag waits for its drop.
  // Returns whether every change was made, and what to say.
  function applyChanges(root, force) {
    var result = { complete: merge(root, force), said: [], resync: false };
    root.querySelectorAll("[data-removed]").forEach(function (marker) {
      var current = document.getElementById("postit-" + marker.dataset.removed);
      if (!current) {
        return;
      }
      if (!force && busy(current)) {
        result.complete = false;
        return;
      }
      current.remove();
      result.said.push(marker.dataset.said);
    });
    root.querySelectorAll("[data-change]").forEach(function (change) {
      var fresh = change.querySelector("[data-id]");
      var current = document.getElementById(fresh.id);
      var list = document.getElementById("list-" + change.dataset.region);
      if (!list) {
        return;
      }
      if (current && !force && busy(current)) {
        result.complete = false;
        return;
      }
      var after = null;
      if (change.dataset.after) {
        after = document.getElementById("postit-" + change.dataset.after);
        if (!after || after.parentNode !== list) {
          // This page no longer matches the server's: ask for the whole lake next time.
          result.resync = true;
          return;
        }
      }
      if (current) {
        current.remove();
      }
      if (after) {
        after.after(fresh);
      } else {
        list.prepend(fresh);
      }
      result.said.push(change.dataset.said);
    });
    root.querySelectorAll("[data-count]").forEach(function (count) {
      var heading = document.querySelector("#heading-" + count.dataset.count + " .lake-count");
      if (heading) {
        heading.textContent = count.textContent;
      }
    });
    return result;
  }

  // A full redraw swaps whole regions; a few changes are put in place one by one.
  function apply(root, force) {
    if (root.hasAttribute("data-changes")) {
      return applyChanges(root, force);
    }
    return { complete: merge(root, force), said: [], resync: false };
  }

  function takeRevision(root, result) {
    if (result.resync) {
      // An empty revision matches nothing, so the next poll brings the whole lake.
      poller.dataset.revision = "";
    } else if (result.complete && root.dataset.revision) {
      poller.dataset.revision = root.dataset.revision;
    }
  }

  // Say briefly what others changed, unless turned off (static/js/live.js).
  function sayChanges(root, said) {
    if (window.liveUpdates && !window.liveUpdates.announcing()) {
      return;
    }
    if (said.length > 3) {
      announce(root.dataset.saidMany, others);
    } else if (said.length) {
      announce(said.join(" "), others);
    }
  }

  // -- polling, driven by htmx on #lake-poll -------------------------------------------

  // The poll after one's own add says nothing: "Your post-it is on the lake" was read out.
  var quiet = false;

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
    if (dragging) {
      // A drag began while this poll was on its way: keep the revision, ask again after.
      return;
    }
    var root = parse(event.detail.xhr.responseText);
    if (root) {
      var result = apply(root, false);
      takeRevision(root, result);
      if (!quiet) {
        sayChanges(root, result.said);
      }
    }
    quiet = false;
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    // A post-it was added: say so, and show it now rather than at the next poll.
    // (An outerHTML swap leaves the old element as the event's target, so look afresh.)
    var added = document.querySelector("#add-postit [data-added]");
    if (added && !added.dataset.said) {
      added.dataset.said = "1";
      announce(added.textContent);
      quiet = true;
      if (window.liveUpdates) {
        window.liveUpdates.bringUpToDate(poller);
      }
      window.htmx.trigger(poller, "lake-refresh");
    }
  });

  // -- moving: the "Move to…" forms and dragging ----------------------------------------

  function sendMove(url, body, postitId) {
    // The revision this page shows, so the answer holds only what changed since.
    body.set("revision", poller.dataset.revision || "");
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
        takeRevision(root, apply(root, true));
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

  // SortableJS (dragging only) is fetched when a pointer first reaches the page.
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
        filter: "a, button, select, input, label, textarea, .postit__options",
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
          sendMove(form.action, body, item.dataset.id);
        },
      });
    });
  }

  // -- a post-it's options: focus goes in when they open, and back out on Escape ----------

  // "toggle" does not bubble, so it is heard on the way down.
  document.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (!details.matches || !details.matches("[data-options]") || !details.open) {
        return;
      }
      // One post-it's options open at a time keeps the board calm.
      document.querySelectorAll("details[data-options][open]").forEach(function (other) {
        if (other !== details) {
          other.open = false;
        }
      });
      var first = details.querySelector(":scope > :not(summary) :is(a, select, button)");
      if (first) {
        first.focus();
      }
    },
    true
  );

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var details = event.target.closest && event.target.closest("details[data-options][open]");
    if (!details) {
      return;
    }
    details.open = false;
    details.querySelector("summary").focus();
  });

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
