/* The office's details as this device keeps them: what the protocol builder's form holds, kept in
   this browser's localStorage under one key, for this site only, never sent, until someone clears
   them. The builder (protocol-builder.js) reads and writes them with read() and write(); every page
   with `/// office-contacts` (Get help now, and the answers whose steps name Parliament's routes;
   saferpolitics/markdown_stage/first_hour.py) shows the crisis card's contacts from them, each as
   text, with a phone number as a link to call it; the evidence log (evidence-log/form.js) names the
   office on its exports from them until one is typed there. A small file of its own, so those pages
   do not load the builder. */
(function () {
  "use strict";

  var sp = window.saferPolitics;

  /* {field id: text, or the ticked options}. Where this browser keeps nothing (private browsing,
     storage blocked) the builder still works, it just forgets on reload. */
  var STORE_KEY = "sp-protocol:v1";

  function read() {
    var saved = sp.kept(STORE_KEY);
    return saved && typeof saved === "object" ? saved : {};
  }

  /* Storage full or blocked: the details stay on the page for now. */
  function write(values) {
    sp.keep(STORE_KEY, Object.keys(values).length ? values : null);
  }

  /* One line of plain text: line breaks or control characters could break a layout. */
  function singleLine(value) {
    return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  }

  /* A UK phone number in what the office typed ("020 7946 0001", "+44 7700 900123"): a link to
     call it, for a phone. */
  var PHONE_NUMBER = /(?:\+44 ?|\b0)\d(?:[ -]?\d){8,9}\b/g;

  /* A link to call the number; its words the number, or the node given (the builder's card sets
     the number apart left to right). */
  function callLink(number, words) {
    var link = words ? sp.element("a") : sp.element("a", null, number);
    if (words) {
      link.appendChild(words);
    }
    link.href = "tel:" + number.replace(/[ -]/g, "");
    return link;
  }

  /* The text, as text nodes, with each phone number in it as a tel: link (its textContent). */
  function writeWithCallLinks(parent, text) {
    var at = 0;
    text.replace(PHONE_NUMBER, function (number, offset) {
      parent.appendChild(document.createTextNode(text.slice(at, offset)));
      parent.appendChild(callLink(number));
      at = offset + number.length;
      return number;
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /* `/// office-contacts`: the crisis card's contacts the reader saved, each one they filled in. */
  function showOfficeContacts(panel) {
    var saved = read();
    var shown = 0;
    panel.querySelectorAll("[data-sp-field]").forEach(function (slot) {
      var value = saved[slot.getAttribute("data-sp-field")];
      value = typeof value === "string" ? singleLine(value) : "";
      /* A contact for one choice only, once another is saved: as the builder leaves it out. */
      var when = slot.getAttribute("data-sp-only-when");
      var chosen = when && typeof saved[when] === "string" ? saved[when] : "";
      if (chosen && chosen !== slot.getAttribute("data-sp-only-is")) {
        value = "";
      }
      slot.textContent = "";
      writeWithCallLinks(slot, value);
      slot.closest("li").hidden = !value;
      shown += value ? 1 : 0;
    });
    panel.querySelector(".sp-office-contacts__found").hidden = !shown;
  }

  sp.officeDetails = { read: read, write: write, singleLine: singleLine, phoneNumber: PHONE_NUMBER, callLink: callLink };
  sp.onEachPage(function () {
    document.querySelectorAll("[data-sp-office-contacts]").forEach(showOfficeContacts);
  });
})();
