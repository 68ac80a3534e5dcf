// A form behind a button ("Add a ladder"): a details element marked data-focus-in. Opening it
// puts the cursor in its first box; Escape closes it and gives the focus back to its button.
// Without this file the details element still opens and closes by itself.
(function () {
  "use strict";

  // Only when the person opens it: a form sent back open with a problem keeps the focus on
  // its list of problems, and words brought back after a sign-in don't move the focus.
  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("details[data-focus-in] > summary");
    if (!summary) {
      return;
    }
    var details = summary.parentNode;
    window.setTimeout(function () {
      var field = details.open && details.querySelector("textarea, input:not([type=hidden]), select");
      if (field) {
        field.focus();
      }
    }, 0);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest) {
      return;
    }
    var details = event.target.closest("details[data-focus-in][open]");
    if (details) {
      details.open = false;
      details.querySelector("summary").focus();
    }
  });
})();
