/* Wide tables: a region that scrolls sideways is reachable by keyboard (WCAG 2.1.1).
   Works from file:// (no fetch, no modules) and sends nothing anywhere. */
(function () {
  "use strict";

  /* Only a box that really scrolls (overflow auto or scroll, and content larger than the box) is made a
     focusable region. The big tables (GSPR matrix, register, traceability) have no scroll box: the page scrolls. */
  function scrolls(wrap) {
    var style = getComputedStyle(wrap);
    var x = /(auto|scroll)/.test(style.overflowX) && wrap.scrollWidth > wrap.clientWidth + 1;
    var y = /(auto|scroll)/.test(style.overflowY) && wrap.scrollHeight > wrap.clientHeight + 1;
    return x || y;
  }

  function setupScrollableTables(root) {
    var label = document.documentElement.lang === "en" ? "Table, scrolls sideways" : "Tabell, kan rulles sidelengs";
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (scrolls(wrap)) {
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
