/* Print buttons; forms never submit (what is typed stays in the tab).
   Works from file:// (no fetch, no modules) and sends nothing anywhere. */
(function () {
  "use strict";

  function setupPrint(root) {
    root.querySelectorAll(".hb-print").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () { window.print(); });
    });
    root.querySelectorAll("form.hb-form").forEach(function (form) {
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
  }

  /* On paper a text box shows all that is written in it, not the first lines (browsers without CSS
     field-sizing): grown before printing, back to its own size after. */
  function growTextAreas() {
    document.querySelectorAll(".hb-form textarea").forEach(function (area) {
      area.style.height = "";
      if (area.scrollHeight > area.clientHeight) area.style.height = (area.scrollHeight + 4) + "px";
    });
  }
  function shrinkTextAreas() {
    document.querySelectorAll(".hb-form textarea").forEach(function (area) { area.style.height = ""; });
  }
  window.addEventListener("beforeprint", growTextAreas);
  window.addEventListener("afterprint", shrinkTextAreas);

  function init() { setupPrint(document); }
  if (typeof document$ !== "undefined") { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
