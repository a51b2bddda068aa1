// A table wider than the page scrolls sideways inside the theme's wrapper, which a keyboard cannot reach
// (axe-core: scrollable-region-focusable). Give each wrapper that overflows a tab stop and a name; the page
// reads the same without this script (the table still scrolls with a pointer or touch).
(function () {
  "use strict";
  function label() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table, scrolls sideways");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }
  // The theme wraps tables when its own script runs; label once everything has loaded, and on resizing.
  window.addEventListener("load", label);
  window.addEventListener("resize", label);
})();
