/*
 * The phone menu opens at its top level. Material opens it inside the section of the page being
 * read (that section's switches come ticked), so a reader on an answer page saw three links and a
 * "Back" arrow instead of the toolkit. On a wide screen, where the menu is the sidebar, the
 * section stays open. Nothing is added to the page: no inline styles or handlers (strict CSP).
 */
(function () {
  "use strict";

  if (!window.matchMedia("(max-width: 76.234375em)").matches) return;
  document.querySelectorAll(".md-nav--primary input.md-nav__toggle:checked").forEach(function (toggle) {
    toggle.checked = false;
  });
})();
