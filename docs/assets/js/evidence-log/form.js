/* Evidence log, part 2 of its first view: the form, the list of entries and the buttons.
   The columns come from the form the build renders from data/evidence-log.yml (each control's
   name and label), so the form, the CSV and the printed record always match. Whatever a button
   needs beyond showing and saving entries is a part fetched when first used (storage.js says
   which); each part is given `log`, the object below, and works through it. */
(function () {
  "use strict";

  var sp = window.saferPolitics;
  var shared = sp.evidenceLog.shared;
  var storage = sp.evidenceLog.storage;
  var element = sp.element;
  var part = shared.part;

  /* Web Crypto works only on https (and on the computer's own address, for testing). */
  function canEncrypt() {
    return Boolean(window.crypto && window.crypto.subtle && window.isSecureContext);
  }

  var DELETED_INTRO = "What these entries said is not kept, only their number in the log when they were " +
    "deleted, and when they were recorded and deleted.";

  /* "Alex Jones MP, Exampleton North": the office as the protocol builder's saved details name it. */
  function officeFromBuilder(details) {
    var saved = details.read();
    var text = function (key) { return typeof saved[key] === "string" ? details.singleLine(saved[key]) : ""; };
    var role = text("role");
    var who = text("name") && text("name") + (role === "MP" ? " MP" : role ? ", " + role : "");
    return [who, text("constituency")].filter(Boolean).join(", ");
  }

  /* Every printed sheet of "Print the log" says whose log it is and when it was printed, not only
     the first (a police reading: sheets apart from the first said only "Evidence log"). The line at
     the top of each sheet is the stylesheet's @page sp-evlog margin box (evidence-log.css); its
     words are set here, in a stylesheet made in this page, as a CSS string: quotes and backslashes
     escaped, line breaks gone, so what was typed stays text. A browser without constructed
     stylesheets keeps the stylesheet's own words. */
  var headSheet = null;
  function runningHead(line) {
    if (!("adoptedStyleSheets" in document) || typeof window.CSSStyleSheet !== "function") {
      return;
    }
    try {
      headSheet = headSheet || new window.CSSStyleSheet();
      headSheet.replaceSync('@page sp-evlog { @top-left { content: "' +
        line.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/["\\]/g, "\\$&") + '"; } }');
    } catch (error) {
      return;
    }
    if (document.adoptedStyleSheets.indexOf(headSheet) < 0) {
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([headSheet]);
    }
  }

  function setUp(app) {
    /* The print page (every page in one, for printing) rewrites ids: it keeps the blank record only. */
    if (app.hasAttribute("data-sp-ready") || app.closest("#print-site-page")) {
      return;
    }
    app.setAttribute("data-sp-ready", "");
    var form = app.querySelector("[data-sp-entry-form]");
    var formTitle = form.querySelector("h3");
    var saveButton = form.querySelector("button[type=submit]");
    var cancelButton = form.querySelector("[data-sp-action=cancel]");
    var alertBox = app.querySelector(".sp-evlog__alert");
    var status = app.querySelector(".sp-evlog__status");
    var record = app.querySelector(".sp-evlog__record");
    var recordTitle = record.querySelector("h3");
    var count = record.querySelector(".sp-evlog__count");
    var list = record.querySelector(".sp-evlog__entries");
    /* "When it happened" is a date box the reader fills in; "recorded" a hidden one the page does. */
    var columns = Array.prototype.map.call(form.querySelectorAll("input[name], textarea[name]"), function (control) {
      var recorded = control.type === "hidden";
      return {
        key: control.name,
        label: recorded ? control.getAttribute("data-sp-label") : form.querySelector('label[for="' + control.id + '"]').textContent,
        formerly: JSON.parse(control.getAttribute("data-sp-formerly") || "[]"), /* its earlier labels */
        control: control,
        isDate: recorded || control.type === "datetime-local",
        isRecorded: recorded,
        isImages: control.type === "file" /* the entry's screenshots, kept apart from its values */
      };
    });
    var dateColumn = columns.filter(function (c) { return c.isDate && !c.isRecorded; })[0];
    var recordedColumn = columns.filter(function (c) { return c.isRecorded; })[0];
    var typedColumns = columns.filter(function (c) { return !c.isRecorded && !c.isImages; });
    /* What "Use the time now" filled the date box with, {at, offset}: its offset is kept with it
       (in the hour the clocks go back the box's text alone could be BST or GMT) while the box
       still says that time. */
    var filledNow = null;

    var log = {
      app: app,
      columns: columns,
      /* The columns the spreadsheet adds to the log's own, {number, changed}, as the build names
         them (evidence_log.py, which keeps any field from taking their names). */
      added: { number: form.getAttribute("data-sp-number-column"), changed: form.getAttribute("data-sp-changed-column") },
      entries: [],
      deleted: [], /* a note for each entry deleted: its number then, when recorded, when deleted */
      editing: null, /* id of the entry in the form, or null when adding */
      canSave: true,
      standing: "", /* why nothing can be saved, shown until that changes */
      pending: [], /* the screenshots attached in the form, saved with the entry */
      lock: null, /* {key, salt} while a passphrase protects the log */
      sealed: null, /* the encrypted log, until the passphrase opens it */
      alert: showAlert,
      clearAlert: clearAlert,
      say: function (message) { status.textContent = message; },
      deletedIntro: DELETED_INTRO,
      render: render,
      write: write,
      reload: reload,
      sorted: sorted,
      title: title,
      focusRecord: function () { recordTitle.focus(); }
    };

    /* A problem to put right: any earlier "done" message goes, so the two never contradict. */
    function showAlert(message) {
      alertBox.textContent = message;
      alertBox.hidden = !message;
      if (message) {
        status.textContent = "";
        alertBox.focus();
      }
    }

    /* Done with a passing message: back to the standing one, if any, without moving focus. */
    function clearAlert() {
      alertBox.textContent = log.standing;
      alertBox.hidden = !log.standing;
    }

    /* Oldest first by when it happened, as the police read a log, and numbered so everywhere: on
       screen, on paper, in the CSV, the archive's file names and the evidence pack. An entry
       without that time sorts by when it was recorded. */
    function when(entry) {
      return [dateColumn, recordedColumn].map(function (column) {
        return (column && entry.values[column.key]) || "";
      }).filter(Boolean)[0] || "";
    }

    function sorted() {
      return log.entries.slice().sort(function (a, b) {
        return when(a).localeCompare(when(b)) || (a.id < b.id ? -1 : 1);
      });
    }

    function title(entry) {
      var parts = typedColumns.map(function (column) {
        var value = entry.values[column.key] || "";
        return column.isDate ? shared.readableDate(value) || "No date and time" : value.split("\n")[0];
      }).filter(Boolean);
      return parts.slice(0, 2).join(": ") || "Empty entry";
    }

    function button(action, label, context) {
      var made = sp.button("md-button", label);
      made.setAttribute("data-sp-action", action);
      made.appendChild(element("span", "sp-visually-hidden", " entry: " + context));
      return made;
    }

    function summary() {
      var n = log.entries.length;
      if (log.sealed) {
        return "Locked: enter your passphrase at the top of the log to open it.";
      }
      if (n === 0 && !log.deleted.length) {
        return "No entries yet.";
      }
      return shared.plural(n, "entry", "entries") + ", oldest first" +
        (log.deleted.length ? "; " + log.deleted.length + " deleted." : ".") +
        (log.canSave ? "" : " Not saved on this device: download or print the log before you leave this page.");
    }

    /* What paper (the printout and the Word pack) says for a field left empty, so it can be told
       from a field missing from the page. The fields for a screenshot's file name (their labels
       start "Screenshot", as the screenshots field's does) are for pictures kept elsewhere: with
       pictures attached, "Not recorded" there read as if there were none (a printing review). */
    var imagesColumn = columns.filter(function (c) { return c.isImages; })[0];
    var screenshotStem = imagesColumn ? imagesColumn.label.replace(/s$/, "") : null;
    function notRecorded(entry, column) {
      if (column.isImages) {
        return "None attached";
      }
      if ((entry.images || []).length && screenshotStem && column.label.indexOf(screenshotStem) === 0) {
        return "Not typed: see the " + imagesColumn.label.toLowerCase() + " attached";
      }
      return "Not recorded";
    }
    log.notRecorded = notRecorded;

    /* On screen an empty field is left out. On paper the fields left empty are named after the
       others, "Not recorded: ...", as the Word pack says, in a line or two: a row each put an
       entry with a screenshot on two sheets. */
    function details(entry) {
      var terms = element("dl");
      var empty = [];
      columns.forEach(function (column) {
        var value = entry.values[column.key];
        if (column.isImages && (entry.images || []).length) {
          value = element("ul", "sp-evlog__thumbs");
          value.setAttribute("data-sp-thumbs", entry.id); /* images.js puts the thumbnails here */
        }
        if (!value) {
          /* A screenshot's file name, typed only for pictures kept elsewhere: with pictures here,
             they are printed instead (a line for it put an entry with a screenshot on two sheets). */
          if (column.isImages || notRecorded(entry, column) === "Not recorded") {
            empty.push(column.label);
          }
          return;
        }
        var description = element("dd");
        if (value.nodeType) {
          description.appendChild(value);
        } else {
          description.textContent = column.isDate ? shared.readableTime(value, shared.offsetOf(entry, column.key)) : value;
        }
        terms.appendChild(row(column.label, description));
      });
      if (entry.changed) {
        terms.appendChild(row(log.added.changed, element("dd", null, shared.readableTime(entry.changed.at, entry.changed.offset))));
      }
      var both = document.createDocumentFragment();
      both.appendChild(terms);
      if (empty.length) {
        var line = both.appendChild(element("p", "sp-paper-only sp-evlog__hint"));
        line.appendChild(element("strong", null, "Not recorded: "));
        line.appendChild(document.createTextNode(empty.join(", ") + "."));
      }
      return both;
    }

    /* A field as kept and as the form gives it back, told apart by what it says: a field left
       empty and one missing are the same, and so are values that differ only in spaces at either
       end, which the form takes off (an entry imported from a CSV keeps its cells as they were). */
    function sameValue(kept, typed) {
      return (kept || "").trim() === (typed || "").trim();
    }

    function imageId(image) {
      return image.id;
    }

    /* What the pack and the printout say of an entry deleted: no word of what it said. */
    function deletedNote(note) {
      var time = function (kept) { return kept ? shared.readableTime(kept.at, kept.offset) : "not known"; };
      return "Entry " + note.number + " at the time: recorded " + time(note.recorded) + ", deleted " + time(note.deleted) + ".";
    }
    log.deletedNote = deletedNote;

    /* Under the entries, on screen and on paper: a line for each entry deleted. */
    var deletedList = null;
    function showDeleted() {
      if (deletedList) {
        deletedList.remove();
        deletedList = null;
      }
      if (!log.deleted.length) {
        return;
      }
      deletedList = record.appendChild(element("div", "sp-evlog__deleted"));
      deletedList.appendChild(element("h4", null, "Deleted entries"));
      deletedList.appendChild(element("p", null, DELETED_INTRO));
      var notes = deletedList.appendChild(element("ul"));
      log.deleted.forEach(function (note) { notes.appendChild(element("li", null, deletedNote(note))); });
    }

    function row(label, description) {
      var made = element("div");
      made.appendChild(element("dt", null, label));
      made.appendChild(description);
      return made;
    }

    function render() {
      list.textContent = "";
      sorted().forEach(function (entry) {
        var item = element("li", "sp-evlog__entry");
        item.setAttribute("data-sp-entry", entry.id);
        var heading = item.appendChild(element("h4", null, title(entry)));
        heading.tabIndex = -1;
        item.appendChild(details(entry));
        var actions = element("div", "sp-evlog__buttons sp-evlog__entry-actions");
        actions.appendChild(button("edit", "Edit", heading.textContent));
        actions.appendChild(button("delete", "Delete", heading.textContent));
        item.appendChild(actions);
        list.appendChild(item);
      });
      count.textContent = summary();
      showDeleted();
      record.hidden = false;
      if (list.querySelector("[data-sp-thumbs]")) {
        pictures("showThumbs")();
      }
    }

    /* Saves the log as it is now, encrypted when a passphrase is set; resolves true once saved. */
    function write() {
      if (!log.canSave) {
        return Promise.resolve(false);
      }
      var lock = log.lock; /* set only once encryption.js has loaded, so this cannot fail */
      if (lock) {
        /* never plain text beside a log a passphrase protects */
        storage.keepDraft(null);
        storage.keepPreparer(null);
      }
      var data = lock
        ? part("encryption").then(function (encryption) { return encryption.seal(lock, { entries: log.entries, deleted: log.deleted }); })
        : Promise.resolve({ version: 1, entries: log.entries, deleted: log.deleted });
      return data.then(function (ready) {
        var problem = storage.write(ready);
        if (problem) {
          showAlert(problem);
        }
        return !problem;
      });
    }

    function saved(message) {
      return function (ok) {
        if (ok !== false) {
          log.say(message);
        }
      };
    }

    /* The log as saved on this device: entries, or the encrypted log until it is opened. */
    function reload() {
      var found = storage.read();
      log.entries = found.entries;
      log.deleted = found.deleted || [];
      log.sealed = found.sealed || null;
      log.lock = null;
      log.canSave = !found.problem;
      log.standing = found.problem || "";
      if (found.problem) {
        showAlert(found.problem);
      }
      if (log.editing && !log.entries.some(function (entry) { return entry.id === log.editing; })) {
        clearForm();
      }
      showLockState();
      render();
    }

    /* Saved, cancelled, discarded, or the log locked or deleted: nothing typed is kept any more. */
    function clearForm() {
      log.editing = null;
      filledNow = null;
      log.pending = [];
      forgetDraft();
      if (sp.evidenceLog.images) {
        sp.evidenceLog.images.showPending(log);
      }
      var keepOriginals = form.querySelector("[data-sp-keep-originals]");
      var keeping = keepOriginals && keepOriginals.checked;
      form.reset();
      if (keepOriginals) {
        keepOriginals.checked = keeping; /* a choice for every entry, not only the next one */
      }
      formTitle.textContent = "Add an entry";
      saveButton.textContent = "Save entry";
      cancelButton.hidden = true;
    }

    /* Something typed in a box besides the date and time. */
    function typedSomething() {
      return typedColumns.some(function (column) {
        return column !== dateColumn && column.control.value.trim() !== "";
      });
    }
    /* Typed or added to the form but not saved: leaving the page, or a new edition's "Reload to see
       it" (offline.js), would lose it, so the browser asks first. */
    function unsaved() {
      return log.pending.length > 0 || typedSomething();
    }

    /* What is typed but not saved is kept on this device as it is typed, so a reader who answers
       "Leave" to that question, or a phone that closes the tab to free memory, loses none of it:
       the log puts it back when it opens again (restoreDraft). Never while a passphrase protects
       the log: it would be plain text beside what the passphrase hides. Screenshots attached are
       not kept: only what was typed.

       Two tabs can hold the same draft: one puts back what the other is still showing. Once
       either saves it (or discards it), the other clears its form (the `storage` listener below),
       unless that tab has changed it since, or holds screenshots not saved with it: else saving
       there too would put the entry in the log twice, or keep what the reader threw away. So a draft carries its path: [tab's id, changes made there]
       for the tab it was typed in and each tab that put it back and changed it. A form whose last
       step is in the saved draft's path, at no more changes, holds nothing that was not saved. */
    var draftNotice = null;
    var path = null; /* the path of the draft this form holds */
    var own = null; /* this tab's id in it */
    function keepTyped(unchanged) {
      var values = {};
      typedColumns.forEach(function (column) {
        if (column.control.value.trim()) {
          values[column.key] = column.control.value;
        }
      });
      var keep = typedSomething() && log.canSave && !log.lock && !log.sealed;
      if (!unchanged || !path) {
        if (!path || path[path.length - 1][0] !== own) {
          own = shared.newId();
          path = (path || []).concat([[own, 0]]);
        }
        path[path.length - 1][1] += 1;
      }
      storage.keepDraft(keep ? { editing: log.editing, values: values, path: path } : null);
    }
    form.addEventListener("input", function () { keepTyped(); });

    function forgetDraft() {
      path = null;
      storage.keepDraft(null);
      if (draftNotice) {
        draftNotice.remove();
        draftNotice = null;
      }
    }

    /* The entry typed before the page was left, back in the form with a line that says so and a
       button to discard it: still for the entry it was editing, if that entry is still there. */
    function restoreDraft(draft) {
      var entry = log.entries.filter(function (e) { return e.id === draft.editing; })[0];
      if (entry) {
        showEditing(entry);
      }
      typedColumns.forEach(function (column) {
        var value = draft.values[column.key];
        column.control.value = typeof value === "string" ? value : "";
      });
      path = Array.isArray(draft.path) ? draft.path : null;
      keepTyped(true);
      draftNotice = element("div", "sp-evlog__draft");
      draftNotice.appendChild(element("p", null, "We kept what you were typing when you last left this page. " +
        "It is not in your log yet: check it, then select \u201c" + saveButton.textContent + "\u201d."));
      draftNotice.appendChild(sp.button("md-button", "Discard what you were typing", function () {
        var discarded = path;
        clearForm();
        if (discarded) {
          /* Tells other tabs showing this draft (the `storage` listener below) to empty their form too. */
          storage.keepDraft({ discarded: discarded });
          storage.keepDraft(null);
        }
        log.say("What you were typing has been discarded.");
        formTitle.focus();
      }));
      formTitle.after(draftNotice);
    }
    /* A tap on 999, 101 or any number, text or email link leaves the page open: never ask then
       (a "Leave site?" box stood between a reader and 999). */
    var callingOut = false;
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      callingOut = Boolean(link && /^(tel|sms|mailto):/i.test(link.getAttribute("href")));
      if (callingOut) {
        window.setTimeout(function () { callingOut = false; }, 1000);
      }
    }, true);
    window.addEventListener("beforeunload", function (event) {
      if (unsaved() && !callingOut) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    /* The form as it is for changing that entry: its screenshots, its title and buttons. */
    function showEditing(entry) {
      log.editing = entry.id;
      log.pending = (entry.images || []).slice();
      if (log.pending.length) {
        pictures("showPending")();
      }
      formTitle.textContent = "Edit entry";
      saveButton.textContent = "Save changes";
      cancelButton.hidden = false;
    }

    function edit(id) {
      var entry = log.entries.filter(function (e) { return e.id === id; })[0];
      forgetDraft(); /* the form now holds this entry: what was typed in it is gone */
      showEditing(entry);
      typedColumns.forEach(function (column) { column.control.value = entry.values[column.key] || ""; });
      log.say("");
      formTitle.scrollIntoView({ block: "start" });
      formTitle.focus();
    }

    function focusEntry(id, selector) {
      var item = list.querySelector('[data-sp-entry="' + id + '"]');
      var target = item && (selector ? item.querySelector(selector) : item.querySelector("h4"));
      (target || recordTitle).focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = {};
      typedColumns.forEach(function (column) {
        var value = column.control.value.trim();
        if (value) {
          values[column.key] = value;
        }
      });
      var filled = Object.keys(values).filter(function (key) { return !dateColumn || key !== dateColumn.key; });
      if (!filled.length && !log.pending.length) {
        showAlert("Fill in at least one box besides the date and time, then save the entry.");
        return;
      }
      clearAlert();
      var id = log.editing;
      var before = log.entries.filter(function (entry) { return entry.id === id; })[0];
      /* Times the clock gave, with the offset it gave them (storage.js's stamp()). */
      var stamped = [];
      if (filledNow && dateColumn) {
        stamped.push({ column: dateColumn, at: filledNow.at, offset: filledNow.offset });
      }
      if (imagesColumn && before && before.values[imagesColumn.key]) {
        /* The file names of screenshots kept elsewhere, from a CSV imported: the form has no box
           for them, so nothing typed here changes them. */
        values[imagesColumn.key] = before.values[imagesColumn.key];
      }
      if (recordedColumn && !before) {
        /* When it was first saved: editing never changes it, nor gives a time of its own to an
           entry imported without one (that was not when it was recorded). */
        var recorded = shared.stamp();
        values[recordedColumn.key] = recorded.at;
        stamped.push({ column: recordedColumn, at: recorded.at, offset: recorded.offset });
      } else if (recordedColumn && before.values[recordedColumn.key]) {
        values[recordedColumn.key] = before.values[recordedColumn.key];
      }
      /* Each time's offset from UTC: as kept for a time left as it was (none for an entry saved
         before offsets were kept), as the clock gave it for a time it gave, else this device's at
         that time. */
      var offsets = {};
      columns.forEach(function (column) {
        var value = values[column.key];
        var given = stamped.filter(function (time) { return time.column === column && time.at === value; })[0];
        var offset = before && before.values[column.key] === value ? shared.offsetOf(before, column.key)
          : given ? given.offset : column.isDate && shared.offsetAt(value);
        if (typeof offset === "number") {
          offsets[column.key] = offset;
        }
      });
      var saving = { id: id, values: values, images: log.pending, offsets: offsets };
      if (before) {
        /* What an officer reads as the entry may not be what was first recorded: it says when it
           last changed (saving it unchanged is no change). */
        var same = columns.every(function (column) { return sameValue(before.values[column.key], values[column.key]); }) &&
          (before.images || []).map(imageId).join() === saving.images.map(imageId).join();
        var changed = same ? before.changed : shared.stamp();
        if (changed) {
          saving.changed = changed;
        }
      }
      if (before) {
        log.entries = log.entries.map(function (entry) { return entry.id === id ? saving : entry; });
        if ((before.images || []).length) {
          pictures("settle")(before.images, saving.images); /* removed in the form: deleted now */
        }
      } else {
        saving.id = id = shared.newId();
        log.entries.push(saving);
      }
      var message = before ? "Changes saved." : "Entry saved. Your log has " + shared.plural(log.entries.length, "entry.", "entries.");
      var drafts = path; /* the draft saved, if it was kept */
      clearForm();
      render();
      write().then(function (ok) {
        if (ok && drafts) {
          /* Tells other tabs holding that draft (the `storage` listener below), once it is saved. */
          storage.keepDraft({ saved: drafts });
          storage.keepDraft(null);
        }
        saved(log.canSave ? message + " It is kept on this device only." : message)(ok);
      });
      if (before) {
        focusEntry(id);
      }
      if (log.entries.length === 1 && navigator.storage && navigator.storage.persist) {
        /* Asks the browser not to clear the log to free space; it may say no. */
        navigator.storage.persist().catch(function () {});
      }
    });

    cancelButton.addEventListener("click", function () {
      var id = log.editing;
      var entry = log.entries.filter(function (e) { return e.id === id; })[0];
      if (log.pending.length) {
        pictures("settle")(log.pending, entry && entry.images); /* attached, then not saved */
      }
      clearForm();
      focusEntry(id, "[data-sp-action=edit]");
    });

    list.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-sp-action]");
      if (!target) {
        return;
      }
      var id = target.closest("[data-sp-entry]").getAttribute("data-sp-entry");
      if (target.getAttribute("data-sp-action") === "edit") {
        edit(id);
        return;
      }
      var name = target.closest("li").querySelector("h4").textContent;
      if (!window.confirm("Delete this entry from your log?\n\n" + name + "\n\nYou cannot undo this.")) {
        return;
      }
      var gone = log.entries.filter(function (entry) { return entry.id === id; })[0];
      /* Nothing it said is kept (it may have held something wrong or private), but the log shows
         an entry went, so numbers that moved up do not read as a log never changed. */
      log.deleted.push({
        number: sorted().indexOf(gone) + 1,
        recorded: recordedColumn && gone.values[recordedColumn.key]
          ? { at: gone.values[recordedColumn.key], offset: shared.offsetOf(gone, recordedColumn.key) } : null,
        deleted: shared.stamp()
      });
      log.entries = log.entries.filter(function (entry) { return entry.id !== id; });
      if ((gone.images || []).length) {
        pictures("settle")(gone.images, []);
      }
      if (log.editing === id) {
        clearForm();
      }
      render();
      write().then(saved("Entry deleted."));
      recordTitle.focus();
    });

    /* Whatever a button, a file picker or a form marked data-sp-do="part.job" does is in that
       part: it is fetched (once), then handed the log and the element. */
    function inPart(name, job) {
      return function () {
        var args = Array.prototype.slice.call(arguments);
        return part(name).then(function (loaded) {
          return loaded[job].apply(null, [log].concat(args));
        }).catch(function (error) { showAlert(error.message); });
      };
    }

    function pictures(job) {
      return inPart("images", job);
    }

    var EVENTS = { click: "BUTTON", change: "INPUT", submit: "FORM" };
    Object.keys(EVENTS).forEach(function (type) {
      app.addEventListener(type, function (event) {
        var target = event.target.closest("[data-sp-do]");
        if (!target || target.tagName !== EVENTS[type] || !app.contains(target)) {
          return;
        }
        event.preventDefault();
        var job = target.getAttribute("data-sp-do").split(".");
        inPart(job[0], job[1])(target);
      });
    });

    /* Fetch a part as soon as a reader heads for a control that needs it. */
    app.addEventListener("focusin", function (event) {
      var target = event.target.closest("[data-sp-do]");
      if (target) {
        part(target.getAttribute("data-sp-do").split(".")[0]).catch(function () {});
      }
    });

    form.querySelector("[data-sp-now]").addEventListener("click", function () {
      filledNow = shared.stamp();
      dateColumn.control.value = filledNow.at;
    });

    function showLockState() {
      var lock = function (name) { return app.querySelector("[data-sp-lock=" + name + "]"); };
      app.querySelector(".sp-evlog__lock").hidden = !canEncrypt();
      lock("set").hidden = Boolean(log.lock || log.sealed);
      lock("on").hidden = !log.lock;
      app.querySelector("[data-sp-locked]").hidden = !log.sealed;
      /* While the log is locked, saving, importing or exporting would work on an empty log. */
      form.hidden = Boolean(log.sealed);
      app.querySelector(".sp-evlog__keep").hidden = Boolean(log.sealed);
    }
    log.showLockState = showLockState;
    log.clearForm = clearForm;

    /* A screenshot in the form that is saved with an entry in the log. */
    function inLog(image) {
      return log.entries.some(function (entry) {
        return (entry.images || []).some(function (kept) { return kept.id === image.id; });
      });
    }

    /* Another tab of this site changed the log: show its version, never save over it. With a
       passphrase, the log locks: the other tab may have set a new one. */
    window.addEventListener("storage", function (event) {
      var draft = storage.draftElsewhere(event);
      if (draft) {
        var last = path && path[path.length - 1];
        var ended = draft.saved || draft.discarded; /* the path of the draft another tab saved or discarded */
        var same = last && (ended || []).some(function (step) { return step[0] === last[0] && last[1] <= step[1]; });
        if (same && log.pending.every(inLog)) {
          clearForm();
          log.say(draft.saved ? "The entry you were typing here was saved in another tab."
            : "What you were typing here was discarded in another tab.");
        } else if (ended && typedSomething()) {
          /* Saving or discarding there forgot the draft kept: what is typed here is kept again. A
             tab with nothing typed says nothing, or it would forget what another tab keeps. */
          keepTyped(true);
        }
        return;
      }
      if (!storage.changedElsewhere(event)) {
        return;
      }
      var wasOpen = Boolean(log.lock);
      reload();
      if (wasOpen && log.sealed) {
        log.say("The log was changed in another tab. Enter your passphrase to open it again.");
      }
    });

    /* On paper the record says whose it is, when it was printed and that it is confidential, as
       the evidence pack does: filled in just before any printing ("Print the log" or the
       browser's own), from the office and name typed under "Download, print or move your log". */
    var printHead = record.insertBefore(element("div", "sp-evlog__print-head"), record.firstChild);
    window.addEventListener("beforeprint", function () {
      if (!app.isConnected) {
        return;
      }
      var who = preparedBy();
      printHead.textContent = "";
      printHead.appendChild(element("p", "sp-evlog__print-title", "Evidence log" + (who.office ? ": " + who.office : "")));
      printHead.appendChild(element("p", "sp-evlog__print-mark", "Confidential: personal data."));
      printHead.appendChild(element("p", null, "Printed " + shared.readableTime(who.at, who.offset) +
        (who.name ? " by " + who.name : "") + ". " + shared.timesAre));
      runningHead("Evidence log" + (who.office ? ": " + who.office : "") + ". Printed " + shared.readableTime(who.at, who.offset) +
        ". Confidential: personal data.");
      /* The browser's own print has no time to fetch the full-size copies: it says how to get them. */
      if (record.querySelector(".sp-evlog__thumb img:not([data-sp-full])")) {
        printHead.appendChild(element("p", null, "The screenshots here are small copies: to print each one full " +
          "size, select \u201cPrint the log\u201d on the Evidence log page."));
      }
    });

    /* Who the exports and the printout are from, and when, {office, name, at, offset}: as typed
       under "Download, print or move your log". Kept on this device as typed; until they are,
       the office box starts with the office the protocol builder keeps (office-details.js). */
    var packBoxes = { office: app.querySelector("[data-sp-pack=office]"), name: app.querySelector("[data-sp-pack=name]") };
    function preparedBy() {
      var time = shared.stamp();
      return { office: packBoxes.office.value.trim(), name: packBoxes.name.value.trim(), at: time.at, offset: time.offset };
    }
    log.preparedBy = preparedBy;
    /* Kept as typed, even empty; never while a passphrase protects the log (write() forgets them
       then), as what is typed in the form is not. */
    function keepPreparer() {
      storage.keepPreparer(log.lock || log.sealed ? null : preparedBy());
    }
    log.keepPreparer = keepPreparer;
    var remembered = storage.readPreparer();
    Object.keys(packBoxes).forEach(function (name) {
      var box = packBoxes[name];
      if (!box.value && remembered && typeof remembered[name] === "string") {
        box.value = remembered[name];
      }
      box.addEventListener("input", keepPreparer);
    });
    if (!remembered && !packBoxes.office.value && sp.officeDetails) {
      packBoxes.office.value = officeFromBuilder(sp.officeDetails);
    }

    reload();
    var draft = storage.readDraft(); /* read before clearForm() forgets it */
    clearForm();
    if (draft && log.canSave && !log.sealed) {
      restoreDraft(draft);
    }
    app.querySelector(".sp-evlog__no-js").hidden = true;
    Array.prototype.forEach.call(app.querySelectorAll(".sp-evlog__tool"), function (tool) { tool.hidden = false; });
  }

  function setUpAll() {
    document.querySelectorAll("[data-sp-evidence-log]").forEach(setUp);
  }

  sp.onEachPage(setUpAll);
})();
