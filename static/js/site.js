// Small enhancements only: every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary so keyboard and screen reader users hear it first.
  function focusErrorSummary(root) {
    var summary = root.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // Copy buttons copy the text of the element named by data-copy-target.
  function onCopyClick(event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) {
      return;
    }
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!target || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(target.value || target.textContent.trim()).then(function () {
      if (status) {
        status.textContent = button.getAttribute("data-copied-message");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.hidden = false;
    });
  });
  document.addEventListener("click", onCopyClick);
  document.body.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.detail.elt);
  });

  // The hint beside a text box: see templates/words/_avoid_hint.html.
  var avoidTimers = new WeakMap();
  document.addEventListener("input", function (event) {
    var field = event.target;
    var box = field.id && document.getElementById(field.id + "-words");
    if (!box || !box.dataset.pattern) {
      return;
    }
    clearTimeout(avoidTimers.get(field));
    avoidTimers.set(field, setTimeout(function () {
      var instead = JSON.parse(box.dataset.avoidWords);
      var found = {};
      for (var match of field.value.matchAll(new RegExp(box.dataset.pattern, "giu"))) {
        var key = match[1].toLowerCase().split(/\s+/).join(" ");
        if (!found[key] && instead[key]) {
          found[key] = box.dataset.template.replace("{word}", function () { return match[0]; })
            .replace("{instead}", function () { return instead[key]; });
        }
      }
      var text = Object.values(found).join(" ");
      text = text && text + " " + box.dataset.after;
      if (box.dataset.shown !== text) {
        box.dataset.shown = text;
        box.replaceChildren();
        if (text) {
          var p = box.appendChild(document.createElement("p"));
          p.className = "message";
          p.textContent = text;
        }
      }
    }, 900));
  });
})();
