/* Zoom and filter for the visual timeline (generator/site/lanes.py): progressive enhancement only.
 *
 * The picture is complete without this script. Here: zoom buttons widen the time axis (marks and ticks move
 * apart, the text keeps its size; the box scrolls sideways), a checkbox shows only the events with contested
 * figures, and a menu shows one lane. Pages without a timeline are left alone. Every x the script moves sits
 * in a transform="translate(x y)" drawn by lanes.py; the plot's geometry is in the SVG's data-* attributes.
 */
(function () {
  "use strict";
  var ZOOMS = [1, 2, 4, 8, 16];

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

  function setup(figure) {
    var svg = figure.querySelector("svg.tl-lanes-svg");
    var box = figure.querySelector(".tl-lanes-scroll");
    if (!svg || !box || figure.getAttribute("data-tl-ready")) { return; }
    figure.setAttribute("data-tl-ready", "1");
    var d = svg.dataset, x0 = +d.x0, plot = +d.plot, right = +d.right, axis = +d.axis, laneH = +d.lane;
    var moving = Array.prototype.map.call(svg.querySelectorAll("a.tl-mark, g.tl-tick"), translated)
      .filter(Boolean);
    var lanes = Array.prototype.slice.call(svg.querySelectorAll("g.tl-lane"));
    var legend = svg.querySelector("g.tl-legend");
    var legendH = svg.viewBox.baseVal.height - axis - lanes.length * laneH;
    var state = { zoom: 0, lane: "all", contested: false };

    var bar = make("div", { "class": "tl-lanes-controls" });
    var out = make("button", { type: "button", "aria-label": "Zoom out" }, "−");
    var shown = make("span", { "aria-live": "polite" }, "1×");
    var into = make("button", { type: "button", "aria-label": "Zoom in" }, "+");
    var zoom = make("span", {}, "Zoom ");
    [out, shown, into].forEach(function (el) { zoom.appendChild(el); zoom.appendChild(document.createTextNode(" ")); });
    bar.appendChild(zoom);
    var check = make("input", { type: "checkbox" });
    var label = make("label", {});
    label.appendChild(check);
    label.appendChild(document.createTextNode(" contested figures only"));
    bar.appendChild(label);
    var menu = null;
    if (lanes.length > 1) {
      menu = make("select", { "aria-label": "Show one line" });
      menu.appendChild(make("option", { value: "all" }, "All lines"));
      lanes.forEach(function (lane, i) { menu.appendChild(make("option", { value: String(i) }, laneName(lane))); });
      bar.appendChild(menu);
    }
    figure.insertBefore(bar, box);

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
      lanes.forEach(function (lane) { lane.style.display = visible.indexOf(lane) < 0 ? "none" : ""; });
      visible.forEach(function (lane, i) {
        lane.setAttribute("transform", "translate(0 " + (axis + i * laneH + laneH / 2) + ")");
      });
      Array.prototype.forEach.call(svg.querySelectorAll(".tl-tick line"), function (line) {
        line.setAttribute("y2", String(axis + visible.length * laneH));
      });
      if (legend) { legend.setAttribute("transform", "translate(0 " + (height - legendH / 2) + ")"); }
      figure.classList.toggle("tl-only-contested", state.contested);
      shown.textContent = z + "×";
      out.disabled = state.zoom === 0;
      into.disabled = state.zoom === ZOOMS.length - 1;
      box.scrollLeft = centre * box.scrollWidth - box.clientWidth / 2;  // keep the middle of the view in view
    }

    out.addEventListener("click", function () { state.zoom = Math.max(0, state.zoom - 1); apply(); });
    into.addEventListener("click", function () { state.zoom = Math.min(ZOOMS.length - 1, state.zoom + 1); apply(); });
    check.addEventListener("change", function () { state.contested = check.checked; apply(); });
    if (menu) { menu.addEventListener("change", function () { state.lane = menu.value; apply(); }); }
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.tl-lanes"), setup);
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
