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
  /* A section of the menu opens with Enter, like its sub-sections: Material leaves the top ones
     out of the tab order, as on a wide screen they are headings. Until it opens, a section's
     links are hidden (service.css), so the keyboard never lands on them off to the side. */
  document.querySelectorAll(".md-nav--primary label.md-nav__link[for^='__nav_']").forEach(function (label) {
    label.tabIndex = 0;
  });
  /* The menu's sections slide in from the side: the browser scrolled the menu sideways to reach a
     link in one as it opened, and the reader saw a blank panel. The menu never scrolls sideways. */
  var menu = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
  if (menu) {
    menu.addEventListener("scroll", function () {
      if (menu.scrollLeft) menu.scrollLeft = 0;
    });
  }
})();
