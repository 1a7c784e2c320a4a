/* Handbook behaviour that needs a browser: GSPR filters, checklists, the incident clock, printing.
   Works from file:// (no fetch, no modules) and sends nothing anywhere. */
(function () {
  "use strict";

  function setupGsprFilters(root) {
    root.querySelectorAll(".hb-filter").forEach(function (bar) {
      if (bar.dataset.ready) return;
      bar.dataset.ready = "1";
      var table = bar.parentElement.querySelector("table.hb-gspr");
      if (!table) return;
      bar.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-filter]");
        if (!button) return;
        var filter = button.dataset.filter;
        bar.querySelectorAll("button").forEach(function (b) {
          var on = b === button;
          b.setAttribute("aria-pressed", on ? "true" : "false");
          b.classList.toggle("md-button--primary", on);
        });
        table.querySelectorAll("tbody tr[data-state]").forEach(function (row) {
          var show = filter === "all" ||
            (filter === "not-fully-met" ? row.dataset.notmet === "1" : row.dataset.state === filter);
          row.hidden = !show;
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
      });
    });
  }

  /* Checklists: ticks live in localStorage, keyed by checklist ID and version (a new version starts clean). */
  function storageKey(list) {
    return "hb-checklist:" + list.dataset.scope + ":" + list.dataset.checklist + ":" + list.dataset.version;
  }

  function readState(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }

  function writeState(key, state) {
    try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* storage off: still usable */ }
  }

  function setupChecklists(root) {
    root.querySelectorAll(".hb-checklist").forEach(function (list) {
      if (list.dataset.ready) return;
      list.dataset.ready = "1";
      var key = storageKey(list);
      var boxes = list.querySelectorAll("li[data-item] input.hb-checklist-box");
      var done = list.querySelector(".hb-checklist-done");
      function count() {
        var n = 0;
        boxes.forEach(function (b) { if (b.checked) n += 1; });
        if (done) done.textContent = String(n);
        list.classList.toggle("hb-checklist--complete", n === boxes.length);
      }
      var state = readState(key);
      boxes.forEach(function (box) {
        var id = box.closest("li").dataset.item;
        box.checked = state[id] === true;
        box.addEventListener("change", function () {
          var current = readState(key);
          if (box.checked) current[id] = true; else delete current[id];
          writeState(key, current);
          count();
        });
      });
      var reset = list.querySelector(".hb-checklist-reset");
      if (reset) reset.addEventListener("click", function () {
        try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ }
        boxes.forEach(function (b) { b.checked = false; });
        count();
      });
      count();
    });
  }

  /* The Art. 87 clock: awareness date + days for the kind of event = latest reporting date. */
  function addDays(isoDate, days) {
    var parts = isoDate.split("-").map(Number);
    var d = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    d.setUTCDate(d.getUTCDate() + days);
    return d;
  }

  function setupClocks(root) {
    root.querySelectorAll(".hb-clock").forEach(function (clock) {
      if (clock.dataset.ready) return;
      clock.dataset.ready = "1";
      var aware = clock.querySelector(".hb-clock-aware");
      var kind = clock.querySelector(".hb-clock-kind");
      var out = clock.querySelector(".hb-clock-result");
      function update() {
        if (!aware.value || !kind.value) { out.textContent = ""; out.removeAttribute("data-deadline"); return; }
        var d = addDays(aware.value, parseInt(kind.value, 10));
        var iso = d.toISOString().slice(0, 10);
        var shown = d.toLocaleDateString(out.dataset.locale || "nb-NO",
          { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
        out.dataset.deadline = iso;
        out.textContent = (out.dataset.prefix || "") + shown + " (" + iso + ")";
      }
      aware.addEventListener("input", update);
      aware.addEventListener("change", update);
      kind.addEventListener("change", update);
      var form = clock.closest("form");
      if (form) form.addEventListener("reset", function () { setTimeout(update, 0); });
      update();
    });
  }

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

  function init() {
    setupScrollableTables(document);
    setupGsprFilters(document);
    setupChecklists(document);
    setupClocks(document);
    setupPrint(document);
  }
  if (typeof document$ !== "undefined") { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
