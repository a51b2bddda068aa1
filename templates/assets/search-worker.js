/*
 * The search worker of the header's search box: Material's own search box and result list (its look, keys and
 * highlighting), fed by Pagefind's chunked index in pagefind/ instead of Material's one-file index.
 *
 * Material's page script starts this worker (overrides/main.html names it in the page config) and speaks its
 * worker protocol: {type: 0 SETUP} -> {type: 1 READY}; {type: 2 QUERY, data: text} ->
 * {type: 3 RESULT, data: {items: [[item]]}}, an item being {location, title, text, score, terms}. Title and
 * text are HTML (Material inserts them as markup): Pagefind's excerpt is escaped text with <mark>, the title
 * is escaped here.
 *
 * Nothing is fetched until the first query: Pagefind's script, its WebAssembly and the index chunks of the
 * words typed, then one fragment per result listed (at most MAX_RESULTS, so "20 matching documents" may mean
 * more). All from this site, by relative
 * paths, so the site works under any sub-path.
 *
 * A large site's index comes in parts (generator/site/search.py: one Pagefind run each, for its memory): the
 * settings the theme sends at SETUP name them (config.pagefind_parts, paths under pagefind/), and each is merged
 * into the first with Pagefind's mergeIndex, which loads its metadata but not the script or WebAssembly again.
 */
"use strict";

var MAX_RESULTS = 20; // results whose fragment is fetched and listed, best first
// The theme sends the box's text at every key: a query is looked up once no key has come for this long, so
// the words on the way ("S", "Sa", "Sai" ...) load no index chunks or fragments of their own (Pagefind's own
// interface waits as long).
var PAUSE_MS = 300;
var SITE = new URL("../", self.location.href); // this file is assets/search-worker.js
var pagefind = null; // the module's promise, made at the first query
var latest = 0; // the number of the newest query: an older one that ends later is not shown
var parts = []; // the index's parts after the first (SETUP's config.pagefind_parts)

function loadPagefind() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", SITE).href).then(function (module) {
      return module.options({ basePath: new URL("pagefind/", SITE).href, excerptLength: 24 })
        .then(function () { return module.init(); })
        .then(function () {
          return Promise.all(parts.map(function (part) {
            return module.mergeIndex(new URL("pagefind/" + part, SITE).href);
          }));
        })
        .then(function () { return module; });
    });
  }
  return pagefind;
}

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

// Pagefind's URLs start at the site's root ("/events/x/"); Material resolves a location against the site's
// base, so it must be relative ("events/x/") for the site to work under a sub-path.
function relative(url) {
  return String(url).replace(/^\/+/, "");
}

function terms(query) {
  var found = {};
  query.toLowerCase().split(/[\s\-]+/).forEach(function (word) {
    if (word) found[word] = true;
  });
  return found;
}

function item(data, score, query) {
  return {
    location: relative(data.url),
    title: escapeHtml((data.meta && data.meta.title) || data.url),
    text: data.excerpt || "",
    score: score,
    terms: terms(query),
  };
}

function search(query, number) {
  if (!query.trim()) return Promise.resolve({ items: [] });
  return loadPagefind().then(function (module) {
    return module.search(query);
  }).then(function (found) {
    if (number !== latest || !found) return null;
    var best = found.results.slice(0, MAX_RESULTS);
    return Promise.all(best.map(function (result) { return result.data(); })).then(function (datas) {
      // one group per page, best first (Material lists a group's first item as the page)
      return { items: datas.map(function (data, i) { return [item(data, best[i].score, query)]; }) };
    });
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === 0) {
    var config = (message.data && message.data.config) || {};
    parts = Array.isArray(config.pagefind_parts) ? config.pagefind_parts.map(String) : [];
    postMessage({ type: 1 });
  } else if (message.type === 2) {
    var number = ++latest;
    var query = String(message.data);
    setTimeout(function () {
      if (number !== latest) return;
      search(query, number).then(function (result) {
        if (result && number === latest) postMessage({ type: 3, data: result });
      }, function (error) {
        console.warn("search failed: " + error);
        if (number === latest) postMessage({ type: 3, data: { items: [] } });
      });
    }, query.trim() ? PAUSE_MS : 0);
  }
});
