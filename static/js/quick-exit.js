// "Leave this page quickly": one click, or Shift pressed three times within a second, swaps
// the page for a neutral site. location.replace takes this page out of the tab's back
// history; what this tab kept (words being typed) is cleared first. Without this file the
// button is a plain link to the same site.
(function () {
  "use strict";

  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  var hint = document.querySelector("[data-quick-exit-hint]");
  if (hint) {
    hint.hidden = false;
  }

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    try {
      window.sessionStorage.clear();
    } catch (error) {
      // Storage turned off: there is nothing kept to clear.
    }
    // Nothing of the page stays on screen while the other site loads.
    document.title = "";
    document.body.hidden = true;
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);

  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.repeat) {
      return;
    }
    if (event.key !== "Shift") {
      // Shift with a letter is typing, not a way out.
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      presses = 0;
    }, 1000);
    if (presses >= 3) {
      leave();
    }
  });
})();
