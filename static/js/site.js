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
})();
