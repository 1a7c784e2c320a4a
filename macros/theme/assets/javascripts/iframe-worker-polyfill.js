/*
 * Web Workers for a handbook opened from a folder or a zip (file://), where browsers refuse to start one.
 *
 * Material runs its search in a Worker. From file:// the handbook replaces window.Worker with a stand-in
 * that runs the worker's script in a hidden iframe of the same page: messages cross in both directions as
 * the same "message" events a Worker gets, and importScripts() loads scripts in order and returns a promise
 * (Material's worker and workers/search-stem.js wait for it). Over http(s) nothing is replaced.
 *
 * Written for the handbook. Material's offline plugin adds an outside shim of its own unless a polyfill's
 * address contains "iframe-worker", which this file's name does.
 */
(function () {
  "use strict";
  if (typeof window === "undefined" || window.location.protocol !== "file:") return;

  function load(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("could not load " + src)); };
      doc.head.appendChild(script);
    });
  }

  function IframeWorker(url) {
    var worker = this;
    var base = new URL(String(url), window.location.href).href;
    var listeners = [];
    var queue = [];
    var frame = null;
    var ready = false;
    this.onmessage = null;
    this.onerror = null;

    function emit(type, event) {
      var handler = worker["on" + type];
      if (typeof handler === "function") handler.call(worker, event);
      listeners.slice().forEach(function (l) { if (l.type === type) l.fn.call(worker, event); });
    }

    function send(data) {
      var win = frame && frame.contentWindow;
      if (win) win.dispatchEvent(new win.MessageEvent("message", { data: data }));
    }

    function start() {
      frame = document.createElement("iframe");
      frame.setAttribute("aria-hidden", "true");
      frame.setAttribute("tabindex", "-1");
      frame.title = "search";
      frame.style.display = "none";
      document.body.appendChild(frame);
      var win = frame.contentWindow;
      var doc = win.document;
      // The worker's side: what it posts arrives here as a message event, after the current task, as from a Worker.
      win.postMessage = function (data) {
        setTimeout(function () { emit("message", new MessageEvent("message", { data: data })); }, 0);
      };
      win.importScripts = function () {
        var sources = Array.prototype.slice.call(arguments);
        return sources.reduce(function (done, src) {
          return done.then(function () { return load(doc, new URL(src, base).href); });
        }, Promise.resolve());
      };
      win.close = function () { worker.terminate(); };
      win.addEventListener("error", function (event) { emit("error", event); });
      load(doc, base).then(function () {
        ready = true;
        queue.splice(0).forEach(send);
      }, function (error) {
        emit("error", new ErrorEvent("error", { message: error.message }));
      });
    }

    this.postMessage = function (data) {
      if (ready) setTimeout(function () { send(data); }, 0);
      else queue.push(data);
    };
    this.addEventListener = function (type, fn) { listeners.push({ type: type, fn: fn }); };
    this.removeEventListener = function (type, fn) {
      listeners = listeners.filter(function (l) { return l.type !== type || l.fn !== fn; });
    };
    this.terminate = function () {
      if (frame && frame.parentNode) frame.parentNode.removeChild(frame);
      frame = null;
      ready = false;
    };

    if (document.body) start();
    else document.addEventListener("DOMContentLoaded", start);
  }

  window.Worker = IframeWorker;
})();
