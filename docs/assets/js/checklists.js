/*
 * Checklists: turns each list the build renders (saferpolitics/markdown_stage/checklists.py) into
 * tick boxes.
 *
 * Without this script a checklist is a plain list, which is also what the PDF shows. Ticks are
 * kept only in this browser's localStorage, one key per checklist id and item id
 * ("sp-checklist:v1:<checklist>:<item>"), so nothing is ever sent anywhere, and an item that is
 * renamed or added starts unticked. The page markup never changes here except by adding elements:
 * no inline styles or handlers, so the site's Content Security Policy can stay strict.
 */
(function () {
  "use strict";

  var KEY_PREFIX = "sp-checklist:v1:";
  var READY_CLASS = "sp-checklist--ready";

  var sp = window.saferPolitics;

  /* localStorage can be missing or throw (private browsing, storage blocked): ticks then
     still work on the page, they are just not remembered, and the checklist says so. Tried once
     here, to say it before the first tick. */
  var store = (function () {
    try {
      var storage = window.localStorage;
      var probe = KEY_PREFIX + "probe";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
      return storage;
    } catch (error) {
      return null;
    }
  })();

  function itemKey(checklistId, itemId) {
    return KEY_PREFIX + checklistId + ":" + itemId;
  }

  /* A tick is kept as 1 ("1" in storage); storage full or revoked: the tick stays on the page
     for now. */
  function isTicked(checklistId, itemId) {
    return sp.kept(itemKey(checklistId, itemId)) === 1;
  }

  function saveTick(checklistId, itemId, ticked) {
    sp.keep(itemKey(checklistId, itemId), ticked ? 1 : null);
  }

  /* Clear also removes keys of items that no longer exist, so old ticks never linger. The keys
     are listed first and removed after: removing a key renumbers the others (Chromium keeps no
     order), so removing while counting through store.key(index) skips some. */
  function forgetChecklist(checklistId) {
    if (store === null) return;
    try {
      var prefix = KEY_PREFIX + checklistId + ":";
      var keys = [];
      for (var index = 0; index < store.length; index++) keys.push(store.key(index));
      keys.forEach(function (key) {
        if (key !== null && key.indexOf(prefix) === 0) store.removeItem(key);
      });
    } catch (error) {
      /* Nothing stored that can be removed. */
    }
  }

  var element = sp.element;

  function boxesOf(fieldset) {
    return Array.prototype.slice.call(fieldset.querySelectorAll("input.sp-checklist__box"));
  }

  function showProgress(fieldset) {
    var boxes = boxesOf(fieldset);
    var done = boxes.filter(function (box) { return box.checked; }).length;
    fieldset.querySelector(".sp-checklist__progress").textContent = done + " of " + boxes.length + " done";
  }

  /* Match the boxes to what is stored, e.g. after a tick in another tab. */
  function restore(fieldset) {
    var checklistId = fieldset.getAttribute("data-sp-checklist");
    boxesOf(fieldset).forEach(function (box) {
      box.checked = isTicked(checklistId, box.getAttribute("data-sp-item"));
    });
    showProgress(fieldset);
  }

  function upgrade(fieldset) {
    var checklistId = fieldset.getAttribute("data-sp-checklist");
    var title = fieldset.querySelector("legend").textContent;
    var idBase = "sp-checklist-" + checklistId + "--";

    fieldset.querySelectorAll("li[data-sp-item]").forEach(function (item) {
      var itemId = item.getAttribute("data-sp-item");
      var label = item.querySelector(".sp-checklist__label");
      var box = element("input", "sp-checklist__box");
      box.type = "checkbox";
      box.id = idBase + itemId;
      box.setAttribute("data-sp-item", itemId);
      label.htmlFor = box.id;
      var why = item.querySelector(".sp-checklist__why");
      if (why) {
        why.id = idBase + itemId + "--why";
        box.setAttribute("aria-describedby", why.id);
      }
      item.insertBefore(box, item.firstChild);
    });

    var footer = element("div", "sp-checklist__footer");
    var progress = element("p", "sp-checklist__progress");
    progress.setAttribute("aria-live", "polite");
    var clear = sp.button("sp-checklist__clear md-button", "Clear");
    /* Several checklists can share a page: say which one this button clears. */
    clear.appendChild(element("span", "sp-visually-hidden", " ticks from " + title));
    footer.appendChild(progress);
    footer.appendChild(clear);
    if (store === null) {
      footer.appendChild(element("p", "sp-checklist__note", "This browser is not saving your ticks."));
    }
    fieldset.appendChild(footer);

    fieldset.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.classList.contains("sp-checklist__box")) return;
      saveTick(checklistId, box.getAttribute("data-sp-item"), box.checked);
      showProgress(fieldset);
    });
    clear.addEventListener("click", function () {
      forgetChecklist(checklistId);
      restore(fieldset);
    });

    fieldset.classList.add(READY_CLASS);
    restore(fieldset);
  }

  function upgradeAll() {
    document.querySelectorAll("fieldset[data-sp-checklist]").forEach(function (fieldset) {
      /* The print page repeats checklists from several pages: it stays a blank, printable list. */
      if (fieldset.classList.contains(READY_CLASS) || fieldset.closest("#print-site-page")) return;
      upgrade(fieldset);
    });
  }

  window.addEventListener("storage", function (event) {
    if (event.key !== null && event.key.indexOf(KEY_PREFIX) !== 0) return;
    document.querySelectorAll("fieldset." + READY_CLASS).forEach(restore);
  });

  sp.onEachPage(upgradeAll);
})();
