/* Protocol builder (docs/protocol-builder.md): fills the formatted draft from the office's details,
   and turns it into a Word file (docx-writer.js, fetched when first asked for), plain text or a
   printout. Nothing is sent. The details are kept on this device (office-details.js), so the
   office's contacts are there the next time, offline too, and on the pages that show them.
   What people type only ever goes into textContent, so it is always shown as text, never HTML;
   the Word file and the text are read back from the draft's text, so they are text too. */
(function () {
  "use strict";

  var sp = window.saferPolitics;

  /* "A", "A and B", "A, B and C": how the draft lists channels. */
  function joinList(items) {
    if (items.length < 2) {
      return items.join("");
    }
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  /* The details are kept on this device (office-details.js), empty fields left out. */
  var details = sp.officeDetails;

  /* What is in the form now, as it is saved: empty fields are left out. */
  function formValues(form) {
    var values = {};
    form.querySelectorAll("[data-sp-input]").forEach(function (control) {
      var id = control.getAttribute("data-sp-input");
      if (control.tagName === "FIELDSET") {
        var ticked = Array.prototype.filter.call(control.querySelectorAll("input[type=checkbox]"), function (box) {
          return box.checked;
        }).map(function (box) { return box.value; });
        if (ticked.length) {
          values[id] = ticked;
        }
      } else if (control.value) {
        values[id] = control.value;
      }
    });
    return values;
  }

  /* Puts saved details back into the form. Only values: a saved text goes into a control's value
     (never into the page's HTML), and a select or a tick box takes only one of its own options. */
  function restore(form, values) {
    form.querySelectorAll("[data-sp-input]").forEach(function (control) {
      var value = values[control.getAttribute("data-sp-input")];
      if (control.tagName === "FIELDSET") {
        var ticked = Array.isArray(value) ? value : [];
        control.querySelectorAll("input[type=checkbox]").forEach(function (box) {
          box.checked = ticked.indexOf(box.value) !== -1;
        });
      } else if (typeof value === "string") {
        control.value = value;
      } else {
        control.value = "";
      }
    });
  }

  function fieldValue(form, id) {
    var group = form.querySelector('fieldset[data-sp-input="' + id + '"]');
    if (group) {
      var ticked = Array.prototype.filter.call(group.querySelectorAll("input[type=checkbox]"), function (box) {
        return box.checked;
      });
      return joinList(ticked.map(function (box) { return box.value; }));
    }
    var control = form.querySelector('[data-sp-input="' + id + '"]');
    return control ? details.singleLine(control.value) : "";
  }

  /* The draft as blocks of runs, read from the page's own headings, paragraphs and lists
     (saferpolitics/markdown_stage/protocol.py renders them from data/protocol-template.yml): the Word file and
     the text copy are always what the preview shows. Each run is text, highlighted if a blank. */
  var BLOCKS = { H3: ["heading", 1], H4: ["heading", 2], H5: ["heading", 3], P: ["paragraph"], UL: ["bullets"], OL: ["numbers"] };

  function runsOf(element) {
    var runs = [];
    element.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        runs.push({ text: node.textContent, blank: false });
      } else if (node.nodeType === Node.ELEMENT_NODE && node.hasAttribute("data-sp-when")) {
        runs = node.hidden ? runs : runs.concat(runsOf(node)); /* words for another choice are left out */
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        runs.push({ text: node.textContent, blank: node.hasAttribute("data-sp-blank") });
      }
    });
    return runs;
  }

  function readBlocks(draft) {
    var blocks = [];
    Array.prototype.forEach.call(draft.children, function (element) {
      var kind = BLOCKS[element.tagName];
      if (!kind) {
        return;
      }
      var items = kind[0] === "bullets" || kind[0] === "numbers"
        ? Array.prototype.filter.call(element.querySelectorAll(":scope > li"), function (item) { return !item.hidden; }).map(runsOf)
        : [runsOf(element)];
      blocks.push({ kind: kind[0], level: kind[1] || 0, items: items });
    });
    return blocks;
  }

  function runsText(runs) {
    return runs.map(function (run) { return run.text; }).join("");
  }

  /* Plain text for pasting into an email or another document: lists keep "-" and "1." marks. */
  function toPlainText(blocks) {
    return blocks.map(function (block) {
      if (block.kind === "bullets" || block.kind === "numbers") {
        return block.items.map(function (item, index) {
          return (block.kind === "bullets" ? "- " : index + 1 + ". ") + runsText(item);
        }).join("\n");
      }
      return runsText(block.items[0]);
    }).join("\n\n") + "\n";
  }

  /* The Word file: a section for each part of the protocol ("Part 1", "Part 2": the draft's level-2
     headings), each from a new page with that part's heading in its header, so every page of the
     team-only part says "do not publish" (the title too made a header of two lines), except page 1,
     where Part 1's heading is just below; where and when it was made and page numbers in the
     footer. Its author is the office, when named. */
  function wordFile(blocks, office) {
    var title = runsText(blocks[0].items[0]);
    var footer = [{ text: sp.whereAndWhen("Made", "with") + ". " }, { page: true }];
    var header = function (part) { return [{ text: part ? runsText(part.items[0]) : title }]; };
    var parts = blocks.filter(function (block) { return block.kind === "heading" && block.level === 2; });
    var sectioned = [];
    blocks.forEach(function (block) {
      if (parts.indexOf(block) > 0) {
        sectioned.push({ kind: "section", header: header(block), footer: footer });
      }
      sectioned.push(block);
    });
    return sp.docx.fromBlocks(sectioned, title, {
      header: header(parts[0]), footer: footer, creator: office ? "Office of " + office : "",
      plainFirstPage: true /* its header would repeat the heading of Part 1, just below it */
    });
  }

  function fileName(form, extension) {
    var name = sp.fileNamePart(fieldValue(form, "name"));
    return "social-media-protocol" + (name ? "-" + name : "") + "." + extension;
  }

  function copyByHand(draft) {
    var range = document.createRange();
    range.selectNodeContents(draft);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return document.execCommand && document.execCommand("copy");
  }

  /* An email address the browser cannot read as one: its error message (protocol.py) shows once
     the reader leaves the field or the page loads with it, and goes as soon as it is right. */
  function checkFormat(control, shown) {
    var error = document.getElementById(control.id + "-error");
    if (error && (shown || control.validity.valid)) {
      error.hidden = control.validity.valid;
      control.setAttribute("aria-invalid", !error.hidden);
    }
  }

  function checkAll(form) {
    form.querySelectorAll("input").forEach(function (control) { checkFormat(control, true); });
  }

  /* On the card: an email or web address, or a phone number (office-details.js). */
  var CARD_PIECE = new RegExp("(\\S+[@.]\\S+|" + sp.officeDetails.phoneNumber.source + ")");

  /* A slot's words. On the printed crisis card each email or web address is kept whole on one
     line (first-hour.css): split after a hyphen, "devon-" / "cornwall.police.uk", a reader
     copying it from the wall may drop the hyphen. Each phone number is set apart left to right
     (bdi): after a name in Hebrew or Arabic, "07700 900456" would read "900456 07700"; and it is
     a link to call it, as on Get help now, for a card saved as a PDF on a phone. */
  function fill(slot, words) {
    if (!slot.closest(".sp-first-hour")) {
      slot.textContent = words;
      return;
    }
    slot.replaceChildren.apply(slot, words.split(CARD_PIECE).map(function (part, index) {
      if (index % 2 === 0) {
        return document.createTextNode(part);
      }
      if (/[@.]/.test(part)) {
        return sp.element("span", "sp-first-hour__address", part);
      }
      var number = sp.element("bdi", null, part);
      number.dir = "ltr";
      return sp.officeDetails.callLink(part, number);
    }));
  }

  function setUp(builder) {
    if (builder.hasAttribute("data-sp-ready")) {
      return;
    }
    builder.setAttribute("data-sp-ready", "");
    var form = builder.querySelector("form");
    var actions = builder.querySelector(".sp-protocol__actions");
    var status = builder.querySelector(".sp-protocol__status");
    var draft = builder.querySelector(".sp-protocol__document");
    /* The draft's fields and the crisis card's contacts: both are filled from the same form. */
    var slots = Array.prototype.slice.call(builder.querySelectorAll("[data-sp-field]"));
    var blanks = slots.map(function (slot) { return slot.textContent; });
    /* Words for one choice ("If {name} is an MP" while none is chosen, its own words once one is). */
    var choices = builder.querySelectorAll("[data-sp-when]");
    var itemsWithChoices = Array.prototype.filter.call(draft.querySelectorAll("li"), function (item) {
      return item.querySelector("[data-sp-when]");
    });
    /* Fields for one choice only (`only_for` in data/protocol-template.yml: Parliament's routes,
       which a candidate's office cannot use), shown until another choice is made. */
    var fieldsForOneChoice = form.querySelectorAll("[data-sp-only-when]");
    /* The crisis card's words for one choice ({only for role is MP} in data/first-hour.yml: "call
       the Digital Support Desk"), its contact lines and its line that says whose card it is. */
    var card = builder.querySelector(".sp-first-hour");
    var cardWordsForOneChoice = card ? card.querySelectorAll("[data-sp-only-when]") : [];
    var cardSteps = card ? card.querySelectorAll(".sp-first-hour__section:not(.sp-first-hour__contacts) li") : [];
    var cardContacts = card ? Array.prototype.slice.call(card.querySelectorAll(".sp-first-hour__contacts li")) : [];
    var filledOnly = builder.querySelectorAll("[data-sp-if-filled]");

    function update() {
      slots.forEach(function (slot, index) {
        var value = fieldValue(form, slot.getAttribute("data-sp-field"));
        fill(slot, value || blanks[index]);
        slot.toggleAttribute("data-sp-blank", !value);
      });
      choices.forEach(function (words) {
        words.hidden = fieldValue(form, words.getAttribute("data-sp-when")) !== words.getAttribute("data-sp-is");
      });
      /* A list item only for another choice goes too (a candidate's protocol listed Parliament's
         contacts, which only an MP's office has): an empty bullet on screen, in Word and on paper. */
      itemsWithChoices.forEach(function (item) {
        item.hidden = !runsText(runsOf(item)).trim();
      });
      var notForThisChoice = [];
      fieldsForOneChoice.forEach(function (group) {
        var chosen = fieldValue(form, group.getAttribute("data-sp-only-when"));
        group.hidden = chosen !== "" && chosen !== group.getAttribute("data-sp-only-is");
        if (group.hidden) {
          notForThisChoice.push(group.querySelector("[data-sp-input]").getAttribute("data-sp-input"));
        }
      });
      /* Nor does the crisis card printed with the contacts have a line for them. And once the
         office has filled in one contact, a line it left empty is not printed as an empty rule
         (a printing review counted seven); with none filled in, the card keeps every line, a blank
         card to fill in by hand. The first line, the emergency contact, always prints: the card's
         steps point to it ("your emergency contact (below)"), filled in or to write in by hand. */
      var forThisChoice = cardContacts.filter(function (line) {
        var field = line.querySelector("[data-sp-field]").getAttribute("data-sp-field");
        return notForThisChoice.indexOf(field) === -1;
      });
      var filled = forThisChoice.filter(function (line) {
        return fieldValue(form, line.querySelector("[data-sp-field]").getAttribute("data-sp-field")) !== "";
      });
      cardContacts.forEach(function (line) {
        line.hidden = forThisChoice.indexOf(line) === -1 ||
          (filled.length > 0 && filled.indexOf(line) === -1 && line !== forThisChoice[0]);
      });
      cardWordsForOneChoice.forEach(function (words) {
        var chosen = fieldValue(form, words.getAttribute("data-sp-only-when"));
        words.hidden = chosen !== "" && chosen !== words.getAttribute("data-sp-only-is");
      });
      /* A step or a place to report that is all for another choice goes, and the list is renumbered. */
      Array.prototype.forEach.call(cardSteps, function (item) {
        item.hidden = Array.prototype.every.call(item.childNodes, function (node) {
          return node.nodeType === Node.ELEMENT_NODE ? node.hidden : !node.textContent.trim();
        });
      });
      filledOnly.forEach(function (words) {
        words.hidden = fieldValue(form, words.getAttribute("data-sp-if-filled")) === "";
      });
      status.textContent = "";
    }

    function changed(event) {
      update();
      details.write(formValues(form));
      checkFormat(event.target, event.type === "change");
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    /* The form has no action and no submit button; Enter in a field must not reload the page. */
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    /* Printing from the browser's own menu prints the draft too; the card only from its button
       (sp.printOnly puts "protocol" back once it is printed). Not on the print page, which holds
       the builder among every other page: it printed the draft alone. */
    if (!document.getElementById("print-site-page")) {
      document.documentElement.setAttribute("data-sp-print", "protocol");
    }

    builder.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-sp-action]");
      if (!button) {
        return;
      }
      var action = button.getAttribute("data-sp-action");
      var blocks = readBlocks(draft);
      var text = toPlainText(blocks);
      if (action === "download-docx") {
        /* The Word writer is not part of the page's first view: it is fetched when first asked for. */
        Promise.all([sp.load("docx-writer.js"), sp.load("download.js")]).then(function () {
          sp.download(wordFile(blocks, fieldValue(form, "name")), fileName(form, "docx"));
          status.textContent = "Draft downloaded as a Word document. Parts still to fill in are highlighted.";
        }, function (error) {
          /* load()'s own words: offline, or a newer edition than this page (then reload, after saving). */
          status.textContent = "Could not make the Word file. " + error.message;
        });
      } else if (action === "print") {
        sp.printOnly("protocol"); /* protocol-builder.css shows only the draft, or only the card */
      } else if (action === "print-card") {
        sp.printOnly("card");
      } else if (action === "clear") {
        if (!window.confirm("Clear your details from this device?\n\nThe names and contacts you filled in will be gone " +
                            "from this browser. You cannot undo this.")) {
          return;
        }
        restore(form, {});
        details.write({});
        update();
        checkAll(form);
        status.textContent = "Your details are cleared from this device.";
      } else if (action === "copy") {
        var copied = function () { status.textContent = "Draft copied. Paste it into your document."; };
        var failed = function () {
          status.textContent = copyByHand(draft)
            ? "Draft copied. Paste it into your document."
            : "Could not copy. The draft is selected: copy it with your device's copy command.";
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(copied, failed);
        } else {
          failed();
        }
      }
    });

    builder.querySelector(".sp-protocol__blank-note").hidden = true;
    restore(form, details.read());
    checkAll(form);
    form.hidden = false;
    actions.hidden = false;
    update();
  }

  function setUpAll() {
    document.querySelectorAll("[data-sp-protocol-builder]").forEach(setUp);
  }

  sp.onEachPage(setUpAll);
})();
