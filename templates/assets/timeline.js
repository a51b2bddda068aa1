/* Zoom and filter for the visual timeline (generator/site/lanes.py): progressive enhancement only.
 *
 * The picture is complete without this script. Here: zoom buttons widen the time axis (marks and ticks move
 * apart, the text keeps its size; the box scrolls sideways, the lane labels stay at its left edge), a checkbox
 * shows only the events with contested figures, and a menu shows one lane. Pages without a timeline are left
 * alone. Every x the script moves sits in a transform="translate(x y)" drawn by lanes.py; the plot's geometry
 * is in the SVG's data-* attributes. Nothing is fetched; text from the page is only ever set as textContent.
 */
(function () {
  "use strict";
  var ZOOMS = [1, 2, 4, 8, 16];
  var SVG = "http://www.w3.org/2000/svg";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function translated(el) {
    var m = /translate\(\s*([-\d.]+)[\s,]+([-\d.]+)\s*\)/.exec(el.getAttribute("transform") || "");
    return m ? { el: el, x: parseFloat(m[1]), y: parseFloat(m[2]) } : null;
  }

  function make(tag, props, text) {
    var el = document.createElement(tag);
    Object.keys(props).forEach(function (k) { el.setAttribute(k, props[k]); });
    if (text) { el.textContent = text; }
    return el;
  }

  function laneName(lane) {
    var label = lane.querySelector(":scope > .tl-lane-label title, :scope > title, :scope > .tl-lane-label text, " +
                                   ":scope > text");
    return label ? label.textContent : "";
  }

  // Each lane's label on a background of its own, drawn last in its lane so that the marks scrolled under it
  // are hidden (a frozen column); returns the groups to move with the scroll.
  function pinLabels(lanes, x0, laneH) {
    return lanes.map(function (lane) {
      var label = lane.querySelector(":scope > .tl-lane-label, :scope > text");
      if (!label) { return null; }
      var pin = document.createElementNS(SVG, "g"), back = document.createElementNS(SVG, "rect");
      pin.setAttribute("class", "tl-pin");
      [["x", -4], ["y", -laneH / 2], ["width", x0 - 4], ["height", laneH]].forEach(function (a) {
        back.setAttribute(a[0], String(a[1]));
      });
      pin.appendChild(back);
      pin.appendChild(label);
      lane.appendChild(pin);
      return pin;
    }).filter(Boolean);
  }

  // The controls above the picture: zoom out and in, contested only, and (with several lanes) one lane.
  function makeControls(figure, box, names) {
    var c = { bar: make("div", { "class": "tl-lanes-controls" }) };
    c.out = make("button", { type: "button", "aria-label": "Zoom out" }, "−");
    c.shown = make("span", { "aria-live": "polite" }, "1×");
    c.into = make("button", { type: "button", "aria-label": "Zoom in" }, "+");
    var zoom = make("span", {}, "Zoom ");
    [c.out, c.shown, c.into].forEach(function (el) {
      zoom.appendChild(el);
      zoom.appendChild(document.createTextNode(" "));
    });
    c.bar.appendChild(zoom);
    c.check = make("input", { type: "checkbox" });
    var label = make("label", {});
    label.appendChild(c.check);
    label.appendChild(document.createTextNode(" contested figures only"));
    c.bar.appendChild(label);
    c.menu = null;
    if (names.length > 1) {
      c.menu = make("select", { "aria-label": "Show one line" });
      c.menu.appendChild(make("option", { value: "all" }, "All lines"));
      names.forEach(function (name, i) { c.menu.appendChild(make("option", { value: String(i) }, name)); });
      c.bar.appendChild(c.menu);
    }
    figure.insertBefore(c.bar, box);
    return c;
  }

  function setup(figure) {
    var svg = figure.querySelector("svg.tl-lanes-svg"), box = figure.querySelector(".tl-lanes-scroll");
    if (!svg || !box || figure.getAttribute("data-tl-ready")) { return; }
    figure.setAttribute("data-tl-ready", "1");
    var d = svg.dataset, x0 = +d.x0, plot = +d.plot, right = +d.right, axis = +d.axis, laneH = +d.lane;
    var step = +d.step || 1;
    var moving = all(svg, "a.tl-mark, g.tl-tick").map(translated).filter(Boolean);
    var lanes = all(svg, "g.tl-lane"), ticks = all(svg, "g.tl-tick");
    var names = lanes.map(laneName), pinned = pinLabels(lanes, x0, laneH);
    var legend = svg.querySelector("g.tl-legend"), legendY = 0;
    var legendH = svg.viewBox.baseVal.height - axis - lanes.length * laneH;
    var state = { zoom: 0, lane: "all", contested: false };
    var c = makeControls(figure, box, names);

    function pin() {
      var x = box.scrollLeft.toFixed(1);
      pinned.forEach(function (el) { el.setAttribute("transform", "translate(" + x + " 0)"); });
      if (legend) { legend.setAttribute("transform", "translate(" + x + " " + legendY + ")"); }
    }

    function apply() {
      var z = ZOOMS[state.zoom], centre = (box.scrollLeft + box.clientWidth / 2) / box.scrollWidth;
      var visible = lanes.filter(function (lane, i) { return state.lane === "all" || String(i) === state.lane; });
      var width = x0 + plot * z + right, height = axis + visible.length * laneH + legendH;
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
      svg.setAttribute("width", String(width));
      svg.setAttribute("height", String(height));
      moving.forEach(function (m) {
        m.el.setAttribute("transform", "translate(" + (x0 + (m.x - x0) * z).toFixed(1) + " " + m.y + ")");
      });
      lanes.forEach(function (lane) {
        lane.style.display = visible.indexOf(lane) < 0 ? "none" : "";
        var rule = lane.querySelector(".tl-rule");
        if (rule) { rule.setAttribute("d", "M" + x0 + " 0H" + (width - right)); }
      });
      visible.forEach(function (lane, i) {
        lane.setAttribute("transform", "translate(0 " + (axis + i * laneH + laneH / 2) + ")");
      });
      var every = Math.max(1, Math.ceil(step / z));  // ticks hidden at first show as the axis widens
      ticks.forEach(function (tick, i) {
        tick.style.display = i % every === 0 ? "inline" : "none";
        tick.querySelector("line").setAttribute("y2", String(axis + visible.length * laneH));
      });
      legendY = height - legendH / 2;
      figure.classList.toggle("tl-only-contested", state.contested);
      c.shown.textContent = z + "×";
      c.out.disabled = state.zoom === 0;
      c.into.disabled = state.zoom === ZOOMS.length - 1;
      box.scrollLeft = centre * box.scrollWidth - box.clientWidth / 2;  // keep the middle of the view in view
      pin();
    }

    function showLane() {  // scroll to the first mark of the lane picked
      var lane = lanes[+state.lane], first = lane && lane.querySelector("a.tl-mark");
      var found = moving.filter(function (m) { return m.el === first; })[0];
      if (found) { box.scrollLeft = Math.max(0, (found.x - x0) * ZOOMS[state.zoom] - 24); }
    }

    c.out.addEventListener("click", function () { state.zoom = Math.max(0, state.zoom - 1); apply(); });
    c.into.addEventListener("click", function () { state.zoom = Math.min(ZOOMS.length - 1, state.zoom + 1); apply(); });
    c.check.addEventListener("change", function () { state.contested = c.check.checked; apply(); });
    if (c.menu) {
      c.menu.addEventListener("change", function () { state.lane = c.menu.value; apply(); showLane(); });
    }
    box.addEventListener("scroll", pin, { passive: true });
    apply();
  }

  function init() {
    all(document, "figure.tl-lanes").forEach(setup);
  }

  // Material's instant navigation announces each new page on document$; without it, the page loads once.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
