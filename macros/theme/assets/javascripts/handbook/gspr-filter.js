/* The GSPR matrix's filter buttons: all, applicable, undecided, not fully met; the number of rows shown is
   announced (role=status). Works from file:// (no fetch, no modules) and sends nothing anywhere. */
(function () {
  "use strict";

  function setupGsprFilters(root) {
    root.querySelectorAll(".hb-gspr-filter").forEach(function (bar) {
      if (bar.dataset.ready) return;
      var table = bar.parentElement.querySelector("table.hb-gspr");
      if (!table) return;
      bar.dataset.ready = "1";
      var count = bar.querySelector("[data-hb-count]");
      bar.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-filter]");
        if (!button) return;
        var filter = button.dataset.filter;
        bar.querySelectorAll("button").forEach(function (b) {
          var on = b === button;
          b.setAttribute("aria-pressed", on ? "true" : "false");
          b.classList.toggle("md-button--primary", on);
        });
        var shown = 0;
        table.querySelectorAll("tbody tr[data-state]").forEach(function (row) {
          var show = filter === "all" ||
            (filter === "not-fully-met" ? row.dataset.notmet === "1" : row.dataset.state === filter);
          row.hidden = !show;
          if (show) shown += 1;
        });
        // A section heading stays only while one of its rows is shown.
        var heading = null, any = false;
        table.querySelectorAll("tbody tr").forEach(function (row) {
          if (row.classList.contains("hb-gspr-section")) {
            if (heading) heading.hidden = !any;
            heading = row; any = false;
          } else if (!row.hidden) { any = true; }
        });
        if (heading) heading.hidden = !any;
        if (count) count.textContent = filter === "all" ? count.dataset.all : count.dataset.some.replace("{n}", shown);
      });
    });
  }

  function init() { setupGsprFilters(document); }
  if (typeof document$ !== "undefined") { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
