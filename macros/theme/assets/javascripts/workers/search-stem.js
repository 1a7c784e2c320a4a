/*
 * Search worker for the handbook: Material's own search worker, unchanged, plus stemmed queries.
 *
 * Why. Material appends "*" to every query word ("hendelsen" becomes "hendelsen*") so that search
 * matches prefixes while the user types. Lunr never runs a wildcard term through the search
 * pipeline, so the language's stemmer is skipped for every query word. A stemmed index (search
 * plugin `pipeline: [stemmer, ...]`) makes things worse: the index then holds "hend" for
 * "hendelser", the query "hendelser*" no longer matches it, and even exact words are lost.
 *
 * What this does. The index keeps the words as written (pipeline: stopWordFilter only). Each
 * prefix word of a query is replaced by its stem, still as a prefix: "hendelsen*" -> "hend*"
 * (Snowball strips -en, then -els), which matches hendelse, hendelser, hendelsene. The stemmer
 * is the search language's own (lunr.no.stemmer, the Snowball Norwegian stemmer Material ships
 * in lunr.no.min.js). A stem is used only when it is a prefix of the typed word, so everything
 * the plain prefix search found is still found, plus every word with the same stem.
 *
 * How it is wired. theme/partials/search-stem.html (included by theme/main.html) points
 * Material's worker URL here, with Material's worker file name after "#":
 * "search-stem.js#search.<hash>.min.js". Works as a real Web Worker (http) and inside the
 * iframe-worker shim used from file:// (where importScripts is asynchronous). Before Material's
 * worker it loads search-synonyms.js (everyday words, see that file) and the build's synonyms,
 * search-synonyms-data.js; the stemmer is shared with them as self.handbookStem.
 */
(function () {
  "use strict";

  var SETUP = 0; // Material's SearchMessageType.SETUP
  var inShim = typeof document !== "undefined" && document.currentScript;
  var here = inShim ? document.currentScript.src : self.location.href;
  var cut = here.indexOf("#");
  var worker = cut < 0 ? "" : here.slice(cut + 1).split("?")[0];
  var dir = (cut < 0 ? here : here.slice(0, cut)).split("?")[0];
  dir = dir.slice(0, dir.lastIndexOf("/") + 1);
  if (!/^[\w.-]+\.js$/.test(worker)) {
    throw new Error("search-stem.js: expected '#<Material search worker file>' in its URL, got " + here);
  }

  var langs = [];
  var ready = false;
  var queue = [];

  // Hold messages that arrive before Material's worker has loaded (file://: importScripts is async).
  addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === SETUP && message.data && message.data.config) {
      langs = message.data.config.lang || [];
    }
    if (!ready) {
      event.stopImmediatePropagation();
      queue.push(message);
    }
  });

  function stemmers(lunr) {
    return langs
      .map(function (lang) { return lang === "en" ? lunr.stemmer : lunr[lang] && lunr[lang].stemmer; })
      .filter(function (fn) { return typeof fn === "function"; });
  }

  // The shortest stem that is still a prefix of the word (and at least 3 letters); else the word.
  function stem(lunr, word) {
    var best = word;
    stemmers(lunr).forEach(function (fn) {
      var s = String(fn(new lunr.Token(word, {})));
      if (s.length >= 3 && s.length < best.length && word.indexOf(s) === 0) best = s;
    });
    return best;
  }

  function patch(lunr) {
    if (!lunr || !lunr.Query || lunr.Query.prototype.clause.handbookStem) return;
    var clause = lunr.Query.prototype.clause;
    var stemmed = function (c) {
      // Only Material's default prefix terms ("word*"); +required, -excluded and fuzzy terms stay as typed.
      if (c && c.usePipeline === false && typeof c.term === "string" && !("editDistance" in c)) {
        var match = /^([^*]+)\*$/.exec(c.term);
        if (match) c.term = stem(lunr, match[1]) + "*";
      }
      return clause.call(this, c);
    };
    stemmed.handbookStem = true;
    lunr.Query.prototype.clause = stemmed;
  }

  // The stem of a word as the query sees it, for search-synonyms.js (once Material's worker has loaded lunr).
  self.handbookStem = function (word) { return self.lunr ? stem(self.lunr, word) : word; };

  // importScripts as a promise: synchronous in a Worker, a promise in the iframe stand-in.
  function load(src) {
    try {
      return Promise.resolve(importScripts(src));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  load(dir + "search-synonyms.js")
    .then(function () { return load(dir + "search-synonyms-data.js"); })
    .catch(function (error) { console.warn("search: no synonyms (" + error + ")"); })
    .then(function () { return load(dir + worker); })
    .then(function () {
      patch(self.lunr);
      ready = true;
      queue.splice(0).forEach(function (data) {
        dispatchEvent(new MessageEvent("message", { data: data }));
      });
    });
})();
