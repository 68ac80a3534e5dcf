// The "Print or save as PDF" button: shown only when this file runs, since it needs it.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
    document.querySelectorAll("[data-print-hint]").forEach(function (hint) {
      hint.hidden = true;
    });
  });
})();
