/* Glossary tooltips (data/glossary.yml, styled in tools.css) show on hover and on focus without
   JavaScript. This only adds the Escape key to hide one, as WCAG 1.4.13 asks of such pop-ups. */
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

  /* Once the pointer or focus leaves, the next hover or focus shows the tooltip again. */
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.classList && event.target.classList.contains(DISMISSED)) {
        event.target.classList.remove(DISMISSED);
      }
    });
  });
})();
