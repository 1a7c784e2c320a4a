/* Glossary tooltips that also work by touch and keyboard.
   A term's first use on a page is an <abbr title="term: definition (reference)"> (render/glossary.py). A mouse
   shows the title on hover; a phone cannot hover, and the keyboard cannot reach an <abbr>. So each term is made
   focusable, and tapping, clicking or tabbing to it shows the same text in a small box under it (textContent:
   the text is never read as HTML); tapping it again, tapping elsewhere, Escape or leaving it hides the box.
   Works from file:// (no fetch, no modules) and sends nothing anywhere. */
(function () {
  "use strict";

  var TERMS = ".md-typeset abbr[title], .md-typeset abbr[data-hb-title]";
  var box = null;
  var current = null;
  var keyboard = false; // the last input was a key: focus shows the box (a tap or click decides by itself)

  function term(node) {
    return node && node.closest ? node.closest(TERMS) : null;
  }

  function hide() {
    if (!current) return;
    current.setAttribute("title", current.getAttribute("data-hb-title"));
    current.removeAttribute("data-hb-title");
    current.removeAttribute("aria-describedby");
    current = null;
    box.hidden = true;
  }

  // Under the term, inside the window; above it when there is no room below and there is above.
  function place(el) {
    var page = document.documentElement.clientWidth;
    var rect = el.getBoundingClientRect();
    box.style.maxWidth = Math.min(352, page - 16) + "px";
    box.style.left = "0px";
    box.style.top = "0px";
    var left = Math.max(8, Math.min(rect.left, page - 8 - box.offsetWidth));
    var below = rect.bottom + 6;
    var above = rect.top - 6 - box.offsetHeight;
    var top = below + box.offsetHeight > window.innerHeight && above >= 0 ? above : below;
    box.style.left = (left + window.scrollX) + "px";
    box.style.top = (top + window.scrollY) + "px";
  }

  function show(el) {
    if (current === el) return;
    hide();
    var text = el.getAttribute("title");
    if (!text) return;
    if (!box) {
      box = document.createElement("div");
      box.id = "hb-term-tip";
      box.className = "hb-term-tip";
      box.setAttribute("role", "tooltip");
      document.body.appendChild(box);
    }
    box.textContent = text;
    box.hidden = false;
    // While the box shows the text, the title would show it a second time on hover.
    el.setAttribute("data-hb-title", text);
    el.removeAttribute("title");
    el.setAttribute("aria-describedby", box.id);
    current = el;
    place(el);
  }

  // Which input came last decides, not timing: after a tap, the focus and click events of a touch screen can come
  // several tasks later, and a focus counted as keyboard would show the box that the click then toggles away.
  document.addEventListener("pointerdown", function () { keyboard = false; }, true);
  document.addEventListener("click", function (event) {
    var el = term(event.target);
    if (el) {
      if (current === el) hide(); else show(el);
    } else if (current && !(box && box.contains(event.target))) {
      hide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var el = term(event.target);
    if (el && keyboard) show(el);
  });
  document.addEventListener("focusout", function (event) {
    if (current && event.target === current && keyboard) hide();
  });
  document.addEventListener("keydown", function (event) {
    keyboard = true;
    if (event.key === "Escape") hide();
  }, true);
  window.addEventListener("resize", hide);

  function init() {
    hide();
    document.querySelectorAll(".md-typeset abbr[title]").forEach(function (el) {
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    });
  }
  if (typeof document$ !== "undefined") { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
