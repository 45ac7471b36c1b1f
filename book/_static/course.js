/* The course's page script: figures stay readable on a phone, and whatever scrolls
   sideways can be reached with the keyboard. Loaded on every page (html_js_files). */
(function () {
  "use strict";
  /* A figure is never shown below this fraction of its size: the course style's
     smallest text (10.5 pt at 100 dpi, 14.6 px) stays at 11 px or more. */
  var MIN_SCALE = 0.755;

  function naturalWidth(img) {
    /* Its size on the page at full scale: the width the output gave it (a 2x image
       says half its pixels), else its pixels; remembered before this script resizes it. */
    if (!img.dataset.slNatural) {
      var w = parseFloat(img.style.width || img.getAttribute("width") || "");
      if (!(w > 0)) w = img.naturalWidth;
      if (!(w > 0)) return 0;
      img.dataset.slNatural = String(w);
    }
    return parseFloat(img.dataset.slNatural);
  }

  function hint(box, text) {
    /* A line under a box that scrolls sideways says so (shadows alone are easy to miss). */
    var next = box.nextElementSibling;
    var has = next && next.classList.contains("sl-scroll-hint");
    if (text && !has) {
      var p = document.createElement("p");
      p.className = "sl-scroll-hint";
      p.textContent = text;
      box.after(p);
    } else if (!text && has) {
      next.remove();
    }
  }

  function fitFigures() {
    document.querySelectorAll(".bd-article .cell_output img").forEach(function (img) {
      var natural = naturalWidth(img);
      var box = img.closest(".cell_output");
      if (!natural || !box) return;
      /* The image, or the link around it (to the full-size file). */
      var item = img.parentElement.tagName === "A" ? img.parentElement : img;
      var wrap = item.parentElement.classList.contains("sl-scroll") ? item.parentElement : null;
      var room = (wrap || box).clientWidth;
      if (room > 0 && room / natural < MIN_SCALE) {
        if (!wrap) {
          wrap = document.createElement("div");
          wrap.className = "sl-scroll";
          item.parentElement.insertBefore(wrap, item);
          wrap.appendChild(item);
        }
        img.style.width = Math.ceil(natural * MIN_SCALE) + "px";
        img.style.height = "auto";
        hint(wrap, "The figure scrolls sideways.");
      } else if (wrap) {
        img.style.width = natural + "px";
        hint(wrap, "");
        wrap.replaceWith(item);
      }
    });
  }

  function reachScrollables() {
    document.querySelectorAll(
      ".bd-article .pst-scrollable-table-container, .bd-article div.math, " +
      ".bd-article span.math, .bd-article .sl-scroll"
    ).forEach(function (el) {
      var wide = el.scrollWidth > el.clientWidth + 1;
      /* Only a box that scrolls shows the scrolling shadows (inside a tinted box, the
         covers of a box that does not scroll would show as pale strips). */
      el.classList.toggle("sl-wide", wide);
      if (wide) {
        el.setAttribute("tabindex", "0");
      } else if (el.getAttribute("tabindex") === "0") {
        el.removeAttribute("tabindex");
      }
      if (el.classList.contains("pst-scrollable-table-container")) {
        hint(el, wide ? "The table scrolls sideways." : "");
      } else if (el.classList.contains("math")) {
        hint(el, wide ? "The equation scrolls sideways." : "");
      }
    });
  }

  function update() {
    fitFigures();
    reachScrollables();
  }

  window.addEventListener("load", function () {
    update();
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
      MathJax.startup.promise.then(reachScrollables);
    }
  });
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
})();
