// Nothing typed is lost, and nothing fails in silence (README "Nothing typed is lost"):
// typed words kept in this tab, failed saves said beside the form, live pages that fall behind.
// The words shown come from base.html's <body data-...> attributes, so they are translated.
(function () {
  "use strict";

  var PREFIX = "kept-words|";
  var PENDING = "kept-words-pending";
  var store = null;
  try {
    store = window.sessionStorage;
    store.getItem(PENDING);
  } catch (error) {
    store = null; // storage turned off: the page still works, it just can't keep words
  }

  function words(name) {
    return document.body.getAttribute("data-" + name) || "";
  }

  function keyFor(field) {
    var action = field.form ? field.form.getAttribute("action") || "" : "";
    return PREFIX + window.location.pathname + "|" + action + "|" + field.name;
  }

  function fieldsOf(root) {
    var found = root.matches && root.matches("textarea[name]") ? [root] : [];
    return found.concat(Array.prototype.slice.call(root.querySelectorAll("textarea[name]")));
  }

  function remember(field) {
    try {
      if (field.value === field.defaultValue) {
        store.removeItem(keyFor(field));
      } else {
        store.setItem(keyFor(field), field.value);
      }
    } catch (error) {
      // Storage full: what is already on the screen stays there.
    }
  }

  function forget(form) {
    fieldsOf(form).forEach(function (field) {
      store.removeItem(keyFor(field));
    });
  }

  // Text set in an element after it is on the page is what screen readers announce.
  function announce(element, text) {
    element.textContent = "";
    window.setTimeout(function () {
      element.textContent = text;
    }, 50);
  }

  function restore(root) {
    fieldsOf(root).forEach(function (field) {
      var kept = store.getItem(keyFor(field));
      if (kept === null || kept === field.value || field.disabled || field.readOnly) {
        return;
      }
      field.value = kept;
      // Words kept behind a closed "Add a ladder" button are shown, not left out of sight.
      var details = field.closest("details");
      if (details) {
        details.open = true;
      }
      var note = document.createElement("p");
      note.className = "kept-note";
      note.setAttribute("role", "status");
      field.insertAdjacentElement("afterend", note);
      announce(note, words("kept-message"));
    });
  }

  // A plain form is saved if the next page is a success for someone signed in.
  function settlePending() {
    var pending = JSON.parse(store.getItem(PENDING) || "[]");
    store.removeItem(PENDING);
    if (!pending.length || !document.body.hasAttribute("data-signed-in")) {
      return;
    }
    var entry = window.performance && performance.getEntriesByType("navigation")[0];
    var status = entry && entry.responseStatus;
    var saved = status
      ? status >= 200 && status < 300
      : !document.querySelector("[data-error-summary]");
    if (saved) {
      pending.forEach(function (key) {
        store.removeItem(key);
      });
    }
  }

  function isPoll(element) {
    return (element.getAttribute("hx-trigger") || "").indexOf("every ") !== -1;
  }

  function liveStatus() {
    return document.querySelector("[data-live-status]");
  }

  // -- failures ----------------------------------------------------------------------------

  function onFailure(event) {
    var detail = event.detail;
    var element = detail.elt;
    if (!element || !element.closest) {
      return;
    }
    if (isPoll(element)) {
      var status = liveStatus();
      if (status && status.textContent !== words("behind-message")) {
        status.textContent = words("behind-message");
      }
      return;
    }
    var verb = detail.requestConfig && detail.requestConfig.verb;
    var form = element.closest("form");
    if (!form || verb === "get") {
      return;
    }
    var alert = form.querySelector("[data-not-saved]");
    if (!alert) {
      alert = document.createElement("p");
      alert.className = "error-message not-saved";
      alert.setAttribute("role", "alert");
      alert.setAttribute("data-not-saved", "");
      var button = form.querySelector("button[type=submit], button:not([type])");
      if (button) {
        button.insertAdjacentElement("beforebegin", alert);
      } else {
        form.appendChild(alert);
      }
    }
    announce(alert, words("not-saved-message"));
  }

  document.body.addEventListener("htmx:responseError", onFailure);
  document.body.addEventListener("htmx:sendError", onFailure);
  document.body.addEventListener("htmx:timeout", onFailure);

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var element = event.detail.elt;
    var xhr = event.detail.xhr;
    if (element && isPoll(element) && xhr && xhr.status >= 200 && xhr.status < 300) {
      var status = liveStatus();
      if (status && status.textContent) {
        status.textContent = "";
      }
    }
  });

  // -- keeping words -----------------------------------------------------------------------

  if (store) {
    document.addEventListener("input", function (event) {
      if (event.target.matches && event.target.matches("textarea[name]")) {
        remember(event.target);
      }
    });

    // Saved: forget the words before the answer is swapped in. A redirect to sign-in or a
    // form back with errors (400, 409) keeps them.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      // The event is the target's; the form that was sent is in the request's details.
      var config = event.detail.requestConfig || {};
      var element = config.elt;
      var xhr = event.detail.xhr;
      var form = element && element.closest ? element.closest("form") : null;
      if (!form || !xhr || xhr.getResponseHeader("HX-Redirect")) {
        return;
      }
      if (xhr.status >= 200 && xhr.status < 400 && config.verb !== "get") {
        forget(form);
      }
    });

    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (event.defaultPrevented || !form.matches) {
        return;
      }
      if (form.matches("[data-forget-words]")) {
        // Signing out, perhaps on a shared computer: nothing typed stays behind.
        Object.keys(store).forEach(function (key) {
          if (key.indexOf(PREFIX) === 0) {
            store.removeItem(key);
          }
        });
        return;
      }
      var keys = fieldsOf(form).map(keyFor);
      if (keys.length) {
        store.setItem(PENDING, JSON.stringify(keys));
      }
    });

    document.body.addEventListener("htmx:load", function (event) {
      if (event.detail.elt !== document.body) {
        restore(event.detail.elt);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (store) {
      settlePending();
      restore(document.body);
    }
    // One polite status for the whole page, there before anything is said in it.
    var poll = document.querySelector("[hx-trigger*='every ']");
    if (poll && !liveStatus()) {
      var status = document.createElement("p");
      status.className = "live-status";
      status.setAttribute("role", "status");
      status.setAttribute("data-live-status", "");
      var heading = document.querySelector("main h1");
      if (heading) {
        heading.insertAdjacentElement("afterend", status);
      } else {
        document.getElementById("main").prepend(status);
      }
    }
  });
})();
