/* Glossary tooltips (data/glossary.yml, styled in glossary.css) show on hover and on focus without
   JavaScript. This adds the Escape key to hide one, as WCAG 1.4.13 asks of such pop-ups, and keeps
   a tooltip beside its term from running off the right edge of the screen, and its words in a PDF
   saved from the browser. */
(function () {
  "use strict";

  var DISMISSED = "sp-term--dismissed";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll("abbr[title]:hover, abbr[title]:focus").forEach(function (term) {
      term.classList.add(DISMISSED);
    });
  });

  /* The tooltip is at most 18rem or 80% of the window wide (glossary.css): shift it left by what
     would pass the edge. On phones it is a bar at the bottom of the screen, and this does nothing. */
  function keepOnScreen(event) {
    var term = event.target;
    if (!term.matches || !term.matches("abbr[title]")) {
      return;
    }
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    var width = Math.min(18 * rem, 0.8 * window.innerWidth);
    // From where the term starts: a term split over two lines has its tooltip under the first part.
    var overflow = term.getClientRects()[0].left + width - (document.documentElement.clientWidth - 8);
    term.style.setProperty("--sp-tip-shift", overflow > 0 ? -overflow + "px" : "0px");
  }
  document.addEventListener("mouseover", keepOnScreen);
  document.addEventListener("focusin", keepOnScreen);

  /* Paper shows no tooltip, and Chromium's PDF of a page ("Save as PDF") left a term with a title
     out of its text layer ("Threatening messages, , and some..."): while printing, the meaning
     waits in data-title, and comes back after. */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("abbr[title]").forEach(function (term) {
      term.setAttribute("data-title", term.title);
      term.removeAttribute("title");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("abbr[data-title]").forEach(function (term) {
      term.title = term.getAttribute("data-title");
      term.removeAttribute("data-title");
    });
  });

  /* Once the pointer or focus leaves, the next hover or focus shows the tooltip again. */
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.classList && event.target.classList.contains(DISMISSED)) {
        event.target.classList.remove(DISMISSED);
      }
    });
  });
})();
