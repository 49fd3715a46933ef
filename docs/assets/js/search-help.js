/*
 * A search that finds nothing still leads somewhere: the links to Get help now and "What's
 * happening?" that the page template writes (overrides/main.html) go into the search results,
 * after the list, while Material's count line says "No results", and out again when it says
 * anything else. Not while "Getting search ready" (Enter would open Get help now before anything
 * was searched), nor beside results (Material's arrow keys would stop at the hidden links).
 * Material writes only "No results", and its words are text, so they cannot hold a link. Inside
 * the results, Material's arrow keys reach them from the search box, as they reach results (Tab
 * closes the search). The count line ("3 results", "No results. Check the spelling…") becomes a
 * status, so screen readers say it as it changes (WCAG 4.1.3): Material writes it as plain text.
 */
(function () {
  "use strict";

  var help = document.querySelector("[data-sp-search-help]");
  var results = document.querySelector(".md-search-result");
  var count = results && results.querySelector(".md-search-result__meta");
  var config = document.getElementById("__config");
  var none = config && JSON.parse(config.textContent).translations["search.result.none"];
  if (!help || !count || !none) return;
  count.setAttribute("role", "status");
  help.remove();
  help.hidden = false;
  new MutationObserver(function () {
    if (count.textContent.trim() === none) {
      results.appendChild(help);
    } else {
      help.remove();
    }
  }).observe(count, { childList: true, characterData: true, subtree: true });
})();
