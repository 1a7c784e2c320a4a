/* The filter above the big tables (document register, traceability): rows narrow as you type or choose, the
   groups with rows left open, the others hide, and the number of rows shown is announced (role=status).
   A link to a row inside a closed group opens the group. Works from file:// (no fetch, no modules) and sends
   nothing anywhere. The markup comes from macros/render/tables.py. */
(function () {
  "use strict";

  function norm(text) { return (text || "").toLowerCase().replace(/\s+/g, " ").trim(); }
  function fill(template, n, total) { return template.replace("{n}", n).replace("{total}", total); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function setupFilter(bar) {
    if (bar.dataset.ready) return;
    var scope = document.getElementById(bar.dataset.hbFilter);
    if (!scope) return;
    bar.dataset.ready = "1";
    var rows = Array.prototype.slice.call(scope.querySelectorAll("tr[data-hb-row]"));
    var texts = rows.map(function (row) { return norm(row.textContent); });
    var groups = scope.querySelectorAll("details[data-hb-group]");
    var input = bar.querySelector("[data-hb-text]");
    var selects = bar.querySelectorAll("select[data-hb-key]");
    var count = bar.querySelector("[data-hb-count]");
    var toggle = bar.querySelector("[data-hb-toggle]");
    var timer = null;

    function apply() {
      var terms = norm(input.value).split(" ").filter(Boolean);
      var wanted = [];
      each(selects, function (select) { if (select.value) wanted.push([select.dataset.hbKey, select.value]); });
      var active = terms.length > 0 || wanted.length > 0;
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = terms.every(function (term) { return texts[i].indexOf(term) >= 0; }) &&
          wanted.every(function (w) {
            return (" " + (row.getAttribute("data-" + w[0]) || "") + " ").indexOf(" " + w[1] + " ") >= 0;
          });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      each(groups, function (group) {
        var all = group.querySelectorAll("tr[data-hb-row]").length;
        var left = group.querySelectorAll("tr[data-hb-row]:not([hidden])").length;
        group.hidden = active && left === 0;
        if (active && left > 0) group.open = true;
        var label = group.querySelector("[data-hb-group-count]");
        if (label) label.textContent = active ? fill(label.dataset.some, left, all) : label.dataset.all;
      });
      syncToggle();
      // Said once the reader pauses, not at every key press.
      clearTimeout(timer);
      timer = setTimeout(function () {
        count.textContent = active ? fill(count.dataset.some, shown) : count.dataset.all;
      }, 250);
    }

    function syncToggle() {
      if (!toggle) return;
      var visible = Array.prototype.filter.call(groups, function (g) { return !g.hidden; });
      var allOpen = visible.length > 0 && visible.every(function (g) { return g.open; });
      toggle.textContent = allOpen ? toggle.dataset.close : toggle.dataset.open;
      toggle.setAttribute("aria-expanded", allOpen ? "true" : "false");
    }

    input.addEventListener("input", apply);
    each(selects, function (select) { select.addEventListener("change", apply); });
    if (toggle) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        each(groups, function (group) { if (!group.hidden) group.open = open; });
        syncToggle();
      });
      each(groups, function (group) { group.addEventListener("toggle", syncToggle); });
      syncToggle();
    }
    bar.hidden = false;
  }

  /* A link to a row of a closed group (dokumenter.html#doc-kb-06): open the group and show the row. */
  function openTarget() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    if (!target) return;
    var group = target.closest("details");
    var moved = false;
    while (group) {
      if (!group.open) { group.open = true; moved = true; }
      group = group.parentElement && group.parentElement.closest("details");
    }
    if (moved) target.scrollIntoView();
  }

  function init() {
    document.querySelectorAll("[data-hb-filter]").forEach(setupFilter);
    openTarget();
  }
  window.addEventListener("hashchange", openTarget);
  if (typeof document$ !== "undefined") { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
