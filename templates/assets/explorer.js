/* The claims explorer: filters every claim of the site (data/claims.json) by incident, category, claimant and
 * status. The filters live in the page's query (?incident=…&category=…&claimant=…&status=…), so a filtered view
 * can be shared. Progressive enhancement: without this script the page is the full table of its claims.
 * It does nothing on pages without the explorer. Claims text comes from articles and is hostile: every piece
 * of it is put in the page with textContent or as an attribute value, never parsed as HTML. */
(function () {
  "use strict";

  var FILTERS = ["incident", "category", "claimant", "status"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"];

  // "2026-01-31" -> "31 Jan 2026", as the pages show dates (generator/site/render.py human_date).
  function day(value, precision) {
    if (!value) return "undated";
    var p = value.split("-");
    if (precision === "decade") return value.slice(0, 3) + "0s";
    if (precision === "year" || p.length === 1) return p[0];
    var month = parseInt(p[1], 10) - 1;
    if (precision === "month" || p.length === 2) return (MONTHS_LONG[month] || p[1]) + " " + p[0];
    var label = parseInt(p[2], 10) + " " + (MONTHS[month] || p[1]) + " " + p[0];
    return precision === "week" ? "week of " + label : label;
  }

  // Lookups by ids that come from content ("constructor" is a possible page name): own keys only.
  function own(table, key) {
    return key !== null && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null;
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(href, text) {
    var a = el("a", text);
    a.href = href;
    return a;
  }

  function Explorer(host, table, dataLink) {
    this.host = host;
    this.tbody = table.tBodies[0];
    this.original = Array.prototype.slice.call(this.tbody.rows);
    this.pagers = Array.prototype.slice.call(document.querySelectorAll(".tl-pages"));
    this.root = new URL("../", dataLink.href).href; // data/claims.json -> the site root, under any sub-path
    // Page URLs as this site writes them: claims/ (directory URLs) or claims.html.
    this.suffix = /\.html$/.test(location.pathname) ? ".html" : "/";
    // Rows shown at first and added by "Show more": as many as the fullest page of the static table holds.
    this.step = parseInt(host.getAttribute("data-step"), 10) || 400;
    this.shown = this.step;
  }

  Explorer.prototype.url = function (folder, id, anchor) {
    return this.root + folder + "/" + encodeURIComponent(id) + this.suffix + (anchor ? "#" + anchor : "");
  };

  Explorer.prototype.start = function (data) {
    this.data = data;
    this.incidents = {};
    this.statuses = {};
    data.incidents.forEach(function (x) { this.incidents[x[0]] = x[1]; }, this);
    data.statuses.forEach(function (x) { this.statuses[x[0]] = x[1]; }, this);
    this.byName = {};
    this.claimants = [];
    for (var i = 0; i < data.claims.length; i++) {
      var c = data.claims[i];
      var name = c.n === null ? "unattributed" : c.n;
      // Names told apart by case only ("Police", "police") have pages of their own; typed, they mean both.
      var slugs = own(this.byName, name.toLowerCase());
      if (slugs === null) {
        slugs = this.byName[name.toLowerCase()] = {};
        this.claimants.push([c.s, name]);
      }
      slugs[c.s] = true;
    }
    this.claimants.sort(function (a, b) { return a[1].localeCompare(b[1]); });
    this.buildForm();
    this.readQuery();
    this.apply(false);
  };

  Explorer.prototype.control = function (form, key, label, control) {
    var wrap = el("div", "", "tl-filter");
    var lab = el("label", label);
    lab.htmlFor = control.id = "tl-filter-" + key;
    control.name = key;
    wrap.appendChild(lab);
    wrap.appendChild(control);
    form.appendChild(wrap);
    this.controls[key] = control;
  };

  Explorer.prototype.select = function (any, options) {
    var select = el("select");
    select.appendChild(new Option(any, ""));
    for (var i = 0; i < options.length; i++) select.appendChild(new Option(options[i][1], options[i][0]));
    return select;
  };

  Explorer.prototype.buildForm = function () {
    var self = this;
    var d = this.data;
    var form = el("form", "", "tl-filters");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter the claims");
    this.controls = {};
    this.control(form, "incident", "Incident", this.select("All incidents", d.incidents));
    this.control(form, "category", "Category",
                 this.select("All categories", d.categories.map(function (c) { return [c, c]; })));
    var claimant = el("input");
    claimant.type = "search";
    claimant.autocomplete = "off";
    claimant.placeholder = "any claimant";
    var list = el("datalist");
    list.id = "tl-claimant-names";
    for (var i = 0; i < this.claimants.length; i++) list.appendChild(new Option(this.claimants[i][1]));
    claimant.setAttribute("list", list.id);
    this.control(form, "claimant", "Claimant", claimant);
    form.appendChild(list);
    this.control(form, "status", "Status", this.select("Any status", d.statuses));
    var clear = el("button", "Clear filters", "tl-button");
    clear.type = "button";
    clear.addEventListener("click", function () {
      FILTERS.forEach(function (k) { self.controls[k].value = ""; });
      self.apply(true);
    });
    form.appendChild(clear);
    form.addEventListener("submit", function (event) { event.preventDefault(); self.apply(true); });
    form.addEventListener("change", function () { self.apply(true); });
    claimant.addEventListener("input", function () { self.apply(true); });
    this.count = el("p", "", "tl-count");
    this.count.setAttribute("role", "status");
    this.more = el("button", "Show more", "tl-button tl-more");
    this.more.type = "button";
    this.more.hidden = true;
    this.more.addEventListener("click", function () { self.shown += self.step; self.apply(false); });
    this.host.appendChild(form);
    this.host.appendChild(this.count);
    var box = this.tbody.parentNode.closest(".tl-claims") || this.tbody.parentNode;
    box.parentNode.insertBefore(this.more, box.nextSibling);
    this.host.hidden = false;
  };

  Explorer.prototype.readQuery = function () {
    var query = new URLSearchParams(location.search);
    var c = this.controls;
    FILTERS.forEach(function (k) { c[k].value = query.get(k) || ""; });
    // A claimant page links here with its slug (?claimant=police): shown as the name.
    var bySlug = this.claimants.filter(function (x) { return x[0] === c.claimant.value; })[0];
    if (bySlug) c.claimant.value = bySlug[1];
  };

  Explorer.prototype.writeQuery = function (values) {
    var query = new URLSearchParams();
    FILTERS.forEach(function (k) { if (values[k]) query.set(k, values[k]); });
    var text = query.toString();
    history.replaceState(history.state, "", location.pathname + (text ? "?" + text : "") + location.hash);
  };

  Explorer.prototype.matcher = function (values) {
    var who = values.claimant.trim().toLowerCase();
    var exact = who ? own(this.byName, who) : null;
    return function (c) {
      if (values.incident && c.i !== values.incident) return false;
      if (values.category && c.c !== values.category) return false;
      if (values.status && c.t !== values.status) return false;
      if (exact !== null) return own(exact, c.s) === true;
      return !who || (c.n === null ? "unattributed" : c.n).toLowerCase().indexOf(who) !== -1;
    };
  };

  Explorer.prototype.apply = function (changed) {
    var values = {};
    var c = this.controls;
    FILTERS.forEach(function (k) { values[k] = c[k].value.trim(); });
    if (changed) {
      this.shown = this.step;
      this.writeQuery(values);
    }
    var total = this.data.claims.length;
    var active = FILTERS.some(function (k) { return values[k]; });
    this.pagers.forEach(function (p) { p.hidden = active; });
    if (!active) {
      this.replaceRows(this.original);
      this.more.hidden = true;
      this.count.textContent = total + " of " + total + " claims" +
        (this.pagers.length ? " (" + this.original.length + " on this page)" : "");
      return;
    }
    var found = this.data.claims.filter(this.matcher(values));
    var rows = found.slice(0, this.shown).map(this.row, this);
    this.replaceRows(rows);
    this.more.hidden = found.length <= this.shown;
    this.count.textContent = found.length + " of " + total + " claims" +
      (found.length > rows.length ? " (the first " + rows.length + " shown)" : "");
  };

  Explorer.prototype.replaceRows = function (rows) {
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r); });
    while (this.tbody.firstChild) this.tbody.removeChild(this.tbody.firstChild);
    this.tbody.appendChild(fragment);
  };

  // One row as the page writes it (templates/claims.md.j2), built from the data with DOM calls only.
  Explorer.prototype.row = function (c) {
    var d = this.data;
    var tr = el("tr");
    var cells = [];
    for (var i = 0; i < 8; i++) cells.push(tr.appendChild(el("td")));
    if (own(this.incidents, c.i) !== null) cells[0].appendChild(link(this.url("incidents", c.i), this.incidents[c.i]));
    var event = own(d.events, c.e) || [c.e, null, "day"];
    cells[1].appendChild(link(this.url("events", c.e), event[0]));
    cells[1].appendChild(document.createTextNode(", " + day(event[1], event[2])));
    cells[2].textContent = c.c;
    cells[3].textContent = c.f;
    cells[4].appendChild(link(this.url("claimants", c.s), c.n === null ? "unattributed" : c.n));
    cells[5].textContent = day(c.o, "day");
    var label = own(this.statuses, c.t) || c.t;
    cells[6].appendChild(el("span", label, "tl-status tl-" + c.t.replace(/[^a-z]/g, "")));
    if (c.p) cells[6].appendChild(document.createTextNode(" (" + c.p + ")"));
    for (var k = 0; k < c.r.length; k++) {
      var article = own(d.articles, c.r[k][0]) || [c.r[k][0], ""];
      if (k) cells[7].appendChild(el("br"));
      cells[7].appendChild(link(this.url("articles", c.r[k][0], "claim-" + c.r[k][1]),
                                article[0] + ", " + article[1]));
    }
    return tr;
  };

  function init() {
    var host = document.getElementById("tl-explorer");
    var dataLink = document.getElementById("tl-claims-data");
    var table = document.querySelector(".tl-claims-explorer table");
    if (!host || !dataLink || !table || !table.tBodies.length || host.getAttribute("data-ready")) return;
    host.setAttribute("data-ready", "1");
    var explorer = new Explorer(host, table, dataLink);
    fetch(dataLink.href, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.arrayBuffer();
      })
      .then(function (buffer) {
        // A large site publishes claims.json.gz (generator/site/datafiles.py). GitHub Pages serves it as a gzip
        // file, which the browser hands over as it is; a server that declares it as an encoding has already
        // decompressed it. So the bytes decide: gzip's magic number (1f 8b) or JSON.
        var head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
        var body = new Blob([buffer]).stream();
        if (head[0] === 0x1f && head[1] === 0x8b) {
          if (typeof DecompressionStream !== "function") throw new Error("no DecompressionStream");
          body = body.pipeThrough(new DecompressionStream("gzip"));
        }
        return new Response(body).json();
      })
      .then(function (data) { explorer.start(data); })
      .catch(function () {
        // Served from files, or the data is missing: the page stays the static table it is.
        host.hidden = false;
        host.textContent = "The filters could not load the claims data; the table below lists this page's claims.";
      });
  }

  // Material's instant navigation swaps pages without a load event: follow its document$ when it is there.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
