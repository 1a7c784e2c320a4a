/* Forms: what is typed is kept in this browser tab (sessionStorage) until the tab is closed or the form is
   cleared, so a reload loses nothing; clearing asks first. A form may hold patient details: sessionStorage
   belongs to the tab and goes with it, and nothing is ever sent anywhere.
   Works from file:// (no fetch, no modules). */
(function () {
  "use strict";

  /* One entry per form page and form version (every file:// page shares one origin, so the path is in the key). */
  function storageKey(form) {
    return "hb-form:" + window.location.pathname + ":" + form.dataset.form + ":" + (form.dataset.version || "");
  }

  function readState(key) {
    try { return JSON.parse(window.sessionStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }

  function writeState(key, state) {
    try { window.sessionStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* storage off: still usable */ }
  }

  function forget(key) {
    try { window.sessionStorage.removeItem(key); } catch (e) { /* ignore */ }
  }

  function controls(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input[id], select[id], textarea[id]"));
  }

  function valueOf(el) {
    return el.type === "checkbox" ? el.checked : el.value;
  }

  function isDefault(el) {
    if (el.type === "checkbox") return el.checked === el.defaultChecked;
    if (el.tagName === "SELECT") {
      var first = 0;
      for (var i = 0; i < el.options.length; i++) {
        if (el.options[i].defaultSelected) { first = i; break; }
      }
      return el.selectedIndex === first;
    }
    return el.value === el.defaultValue;
  }

  /* data-empty on a field: on paper an empty date prints blank and an empty choice prints its options to tick. */
  function markEmpty(el) {
    var field = el.closest(".hb-field");
    if (!field) return;
    var empty = el.type === "checkbox" ? !el.checked : !el.value;
    if (empty) field.setAttribute("data-empty", ""); else field.removeAttribute("data-empty");
  }

  function setupForm(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var key = storageKey(form);
    var state = readState(key);
    controls(form).forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(state, el.id)) {
        if (el.type === "checkbox") el.checked = state[el.id] === true; else el.value = String(state[el.id]);
        el.dispatchEvent(new Event("change", { bubbles: true }));  // scripts that read the field update
      }
      markEmpty(el);
    });

    function save(event) {
      if (event && event.target && event.target.closest) markEmpty(event.target);
      var now = {};
      controls(form).forEach(function (el) { now[el.id] = valueOf(el); });
      writeState(key, now);
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    // Other scripts may fill a field in as the page starts (the incident clock's today): look again after them,
    // and before printing.
    function markAll() { controls(form).forEach(markEmpty); }
    window.setTimeout(markAll, 0);
    window.addEventListener("beforeprint", markAll);

    form.addEventListener("reset", function (event) {
      var typed = controls(form).some(function (el) { return !isDefault(el); });
      if (typed && !window.confirm(form.dataset.confirm || "")) {
        event.preventDefault();
        return;
      }
      forget(key);
      window.setTimeout(function () { controls(form).forEach(markEmpty); }, 0);  // after the reset itself
    });
  }

  function init() { document.querySelectorAll("form.hb-form").forEach(setupForm); }
  if (typeof document$ !== "undefined") { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
