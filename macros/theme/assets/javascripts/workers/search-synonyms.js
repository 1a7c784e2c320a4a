/*
 * Search synonyms for the handbook: a query in everyday words also searches for the handbook's words.
 *
 * Why. People search with the words they use at the bench: "reklamasjon", "krona sprakk", "resept".
 * The handbook says "klage", "avvik", "forskrivning". Material's search only finds words that are in
 * the pages, so the page the user needs is missing or far down the list.
 *
 * What this does. The catalogue's synonyms.yml lists, per language, everyday words (or phrases) and the
 * handbook's words for them. The build writes them to search-synonyms-data.js as
 * self.handbookSynonyms = [[words, find], ...]. When a query arrives, each typed word (or run of
 * words) that is one of the `words`, as typed or with the same stem, adds the `find` words to the
 * query: "krone sprakk" is searched as "krone sprakk klage avvik". The typed words stay, so everything
 * they found is still found, and weigh a little more than the added ones (BOOST): for "avvik", the
 * nonconformity pages come before the complaint pages it also finds. The index is not touched: a new
 * synonym needs only a rebuild.
 *
 * Results. Material lists a query word a result does not contain as "missing" (struck through). A
 * result found through a synonym contains the typed word's meaning, so the typed word counts as found
 * there, and a synonym the result does not contain is not listed at all. A missing word is listed as
 * typed ("krone"), not as the stem search-stem.js searched for ("kron").
 *
 * How it is wired. workers/search-stem.js loads this file, then search-synonyms-data.js, then Material's
 * worker; its message listener holds messages until Material's worker is ready, so this listener sees
 * each query just before Material's does, and can rewrite it (event.data is the message object itself).
 */
(function () {
  "use strict";

  var QUERY = 2; // Material's SearchMessageType.QUERY
  var RESULT = 3; // Material's SearchMessageType.RESULT
  // A page with the word the user typed ranks above a page with only a synonym of it, other things equal.
  var BOOST = 0.8;
  var table = null; // [{words: [...], stems: [...], find: [...]}], built at the first query
  var adding = {}; // the words the current query adds: they get BOOST (see weigh)
  var folds = []; // one per query in flight: what to fold in its result (Material answers in order)

  function stem(word) {
    return typeof self.handbookStem === "function" ? self.handbookStem(word) : word;
  }

  // Words as Material's search splits them (its separator), lower case, without query operators.
  function words(text) {
    var separator = self.lunr && self.lunr.tokenizer.separator instanceof RegExp
      ? self.lunr.tokenizer.separator : /[\s\-]+/;
    return String(text).toLowerCase().split(separator)
      .map(function (w) { return w.replace(/^[+\-]+|[*~^:].*$/g, ""); })
      .filter(function (w) { return w.length > 0; });
  }

  function build() {
    var data = Array.isArray(self.handbookSynonyms) ? self.handbookSynonyms : [];
    var out = [];
    data.forEach(function (entry) {
      var find = entry[1].map(String);
      entry[0].forEach(function (phrase) {
        var ws = words(phrase);
        if (ws.length) out.push({ words: ws, stems: ws.map(stem), find: find });
      });
    });
    return out.sort(function (a, b) { return b.words.length - a.words.length; });
  }

  // Typed word and synonym word are the same word: as written, or the same stem of at least 4 letters
  // ("reklamasjonen" is "reklamasjon"; "far" is not "fare").
  function same(typed, typedStem, word, wordStem) {
    return typed === word || (typedStem === wordStem && typedStem.length >= 4);
  }

  function matchAt(typed, stems, i) {
    var found = [];
    var length = 0;
    table.forEach(function (entry) {
      var n = entry.words.length;
      if ((length && n !== length) || i + n > typed.length) return;
      for (var k = 0; k < n; k++) {
        if (!same(typed[i + k], stems[i + k], entry.words[k], entry.stems[k])) return;
      }
      length = n; // the longest phrase that matches here wins; others of its length add their words too
      found.push(entry);
    });
    return { length: length, entries: found };
  }

  // The query with the handbook's words added, and how to fold them back in its result.
  function expand(query) {
    if (table === null) table = build();
    var typed = words(query);
    var stems = typed.map(stem);
    var known = {};
    var spelled = {}; // stem -> the word as typed
    stems.forEach(function (s, i) {
      known[s] = true;
      if (s !== typed[i]) spelled[s] = typed[i];
    });
    var added = [];
    var fold = [];
    for (var i = 0; i < typed.length;) {
      var match = matchAt(typed, stems, i);
      if (!match.length) { i++; continue; }
      var group = { typed: stems.slice(i, i + match.length), added: [] };
      match.entries.forEach(function (entry) {
        entry.find.forEach(function (phrase) {
          words(phrase).forEach(function (w) {
            var s = stem(w);
            if (known[s]) return;
            known[s] = true;
            added.push(w);
            group.added.push(s);
          });
        });
      });
      if (group.added.length) fold.push(group);
      i += match.length;
    }
    adding = {};
    added.forEach(function (w) { adding[w] = true; });
    return { query: added.length ? query + " " + added.join(" ") : query, fold: { groups: fold, spelled: spelled } };
  }

  // Lunr builds a clause for each query word ("klage*"): an added word's clause gets BOOST. Wraps the clause
  // function once, over search-stem.js's (which then stems the word).
  function weigh(lunr) {
    var clause = lunr.Query.prototype.clause;
    if (clause.handbookSynonyms) return;
    var weighed = function (c) {
      var word = c && typeof c.term === "string" ? c.term.replace(/\*$/, "") : "";
      if (word && Object.prototype.hasOwnProperty.call(adding, word)) c.boost = (c.boost || 1) * BOOST;
      return clause.call(this, c);
    };
    weighed.handbookSynonyms = true;
    lunr.Query.prototype.clause = weighed;
  }

  // In each result, a typed word found through its synonyms counts as found; a synonym not found is not listed.
  function foldTerms(result, fold) {
    if (!fold || !result || !Array.isArray(result.items)) return;
    result.items.forEach(function (group) {
      group.forEach(function (doc) {
        var terms = doc && doc.terms;
        if (!terms) return;
        fold.groups.forEach(function (f) {
          var hit = f.added.some(function (s) { return terms[s] === true; });
          f.typed.forEach(function (s) { if (hit && s in terms) terms[s] = true; });
          f.added.forEach(function (s) { if (terms[s] === false) delete terms[s]; });
        });
        Object.keys(fold.spelled).forEach(function (s) {
          if (terms[s] !== false) return;
          delete terms[s];
          terms[fold.spelled[s]] = false;
        });
      });
    });
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== QUERY) return;
    var fold = null;
    try {
      if (typeof message.data === "string" && self.lunr) {
        weigh(self.lunr);
        var out = expand(message.data);
        message.data = out.query;
        fold = out.fold;
      }
    } catch (error) {
      console.warn("search synonyms: " + error);
    }
    folds.push(fold); // every query gets exactly one result: keep the two in step
  });

  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT) foldTerms(message.data, folds.shift());
    return post.apply(self, arguments);
  };
})();
