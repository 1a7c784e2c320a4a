/* Wide tables: a region that scrolls sideways is reachable by keyboard (WCAG 2.1.1).
   Works from file:// (no fetch, no modules) and sends nothing anywhere. */
(function () {
  "use strict";

  /* A table wider than the page scrolls sideways: make that region reachable by keyboard (WCAG 2.1.1). */
  function setupScrollableTables(root) {
    var label = document.documentElement.lang === "en" ? "Table, scrolls sideways" : "Tabell, kan rulles sidelengs";
    root.querySelectorAll(".md-typeset__scrollwrap, .hb-gspr-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1 || wrap.scrollHeight > wrap.clientHeight + 1;
      if (scrolls) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label);
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { setupScrollableTables(document); }, 150);
  });

  function init() { setupScrollableTables(document); }
  if (typeof document$ !== "undefined") { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
