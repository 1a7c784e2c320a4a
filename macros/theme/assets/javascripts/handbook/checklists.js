/* Checklists: ticks kept in this browser (localStorage), per checklist version.
   Works from file:// (no fetch, no modules) and sends nothing anywhere. */
(function () {
  "use strict";

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

  function init() { setupChecklists(document); }
  if (typeof document$ !== "undefined") { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
