/* Protocol builder (docs/protocol-builder.md): fills the blank draft from the office's details.
   Everything stays in this page: nothing is sent, nothing is stored, and reloading clears it.
   What people type only ever goes into textContent, so it is always shown as text, never HTML. */
(function () {
  "use strict";

  /* "A", "A and B", "A, B and C": how the draft lists channels. */
  function joinList(items) {
    if (items.length < 2) {
      return items.join("");
    }
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  /* One line of plain text: line breaks or control characters could break the draft's layout. */
  function singleLine(value) {
    return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
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
    return control ? singleLine(control.value) : "";
  }

  /* The plain-text download: the same draft without Markdown's heading marks. */
  function toPlainText(markdown) {
    return markdown.replace(/^#{1,6} /gm, "");
  }

  function fileName(form, extension) {
    var name = fieldValue(form, "name").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return "social-media-protocol" + (name ? "-" + name : "") + "." + extension;
  }

  function download(text, name, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function copyByHand(draft) {
    var range = document.createRange();
    range.selectNodeContents(draft);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return document.execCommand && document.execCommand("copy");
  }

  function setUp(builder) {
    if (builder.hasAttribute("data-sp-ready")) {
      return;
    }
    builder.setAttribute("data-sp-ready", "");
    var form = builder.querySelector("form");
    var actions = builder.querySelector(".sp-protocol__actions");
    var status = builder.querySelector(".sp-protocol__status");
    var draft = builder.querySelector(".sp-protocol__draft");
    var slots = Array.prototype.slice.call(draft.querySelectorAll("[data-sp-field]"));
    var blanks = slots.map(function (slot) { return slot.textContent; });

    function update() {
      slots.forEach(function (slot, index) {
        slot.textContent = fieldValue(form, slot.getAttribute("data-sp-field")) || blanks[index];
      });
      status.textContent = "";
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    /* The form has no action and no submit button; Enter in a field must not reload the page. */
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    actions.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-sp-action]");
      if (!button) {
        return;
      }
      var action = button.getAttribute("data-sp-action");
      var text = draft.textContent;
      if (action === "download-md") {
        download(text, fileName(form, "md"), "text/markdown");
        status.textContent = "Draft downloaded as a Markdown file.";
      } else if (action === "download-txt") {
        download(toPlainText(text), fileName(form, "txt"), "text/plain");
        status.textContent = "Draft downloaded as a text file.";
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
    form.hidden = false;
    actions.hidden = false;
    update();
  }

  function setUpAll() {
    document.querySelectorAll("[data-sp-protocol-builder]").forEach(setUp);
  }

  /* Material's instant navigation swaps pages without a reload: document$ fires for each one. */
  if (window.document$) {
    window.document$.subscribe(setUpAll);
  } else {
    setUpAll();
  }
})();
