/*
 * A search that finds nothing still leads somewhere: the links to Get help now and "What's
 * happening?" that the page template writes (overrides/main.html) move into the search results,
 * after the list, where service.css shows them while a search lists no page. Material writes only
 * "No results", and its words are text, so they cannot hold a link. Inside the results, Material's
 * arrow keys reach them from the search box, as they reach results (Tab closes the search).
 * Material's line above the results ("3 results", "No results. Check the spelling…") becomes a
 * status, so screen readers say it as it changes (WCAG 4.1.3): Material writes it as plain text.
 */
(function () {
  "use strict";

  var help = document.querySelector("[data-sp-search-help]");
  var results = document.querySelector(".md-search-result");
  if (!help || !results) return;
  var count = results.querySelector(".md-search-result__meta");
  if (count) count.setAttribute("role", "status");
  results.appendChild(help);
  help.hidden = false;
})();
