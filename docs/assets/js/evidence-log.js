/* Evidence log (docs/evidence-log.md): a fill-in log kept only in this browser, on this device.

   - The columns come from the form the build renders from data/evidence-log.yml (each control's
     name and label), so the form, the CSV and the printed record always match.
   - Entries are saved in localStorage for this site only. Nothing is sent anywhere; no cookies.
   - With a passphrase, the saved log is encrypted (PBKDF2 + AES-GCM, Web Crypto); the key is
     kept in this tab's memory only.
   - What people type only ever goes into textContent or a form value: it is always text. */
(function () {
  "use strict";

  var STORAGE_KEY = "sp-evidence-log";
  var FORMULA_START = /^[=+\-@\t\r]/; /* a spreadsheet would run such a cell as a formula */
  /* Import and encryption live in a second file, fetched the first time a reader needs them. */
  var EXTRAS_URL = document.currentScript ?
    document.currentScript.src.replace(/evidence-log\.js(?=$|\?)/, "evidence-log-extras.js") : "";
  var NOT_LOADED = "This part of the page could not be loaded. Check your internet connection and try again.";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var BLOCKED = "This browser is not letting this site save anything (some private windows and " +
    "privacy settings do this), so the log cannot be kept on this device. You can still add " +
    "entries and then download or print them, but they are lost when you leave this page.";
  var FULL = "This entry could not be saved: this browser's storage for this site is full. " +
    "Download the log now to keep a copy.";

  /* ---- Dates: the form holds "2026-12-01T20:50"; the CSV "2026-12-01 20:50". ---- */

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function now() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
      pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function readableDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
    if (!m) {
      return value;
    }
    var hour = Number(m[4]);
    var time = (hour % 12 || 12) + "." + m[5] + (hour < 12 ? "am" : "pm");
    return Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1] + ", " + time;
  }

  /* ---- CSV (RFC 4180): UTF-8 with a byte order mark for Excel, CRLF between rows. ---- */

  function csvCell(value) {
    var text = FORMULA_START.test(value) ? "'" + value : value;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(columns, entries) {
    var rows = [columns.map(function (column) { return column.label; })];
    entries.forEach(function (entry) {
      rows.push(columns.map(function (column) {
        var value = entry.values[column.key] || "";
        return column.isDate ? value.replace("T", " ") : value;
      }));
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  /* Web Crypto works only on https (and on the computer's own address, for testing). */
  function canEncrypt() {
    return Boolean(window.crypto && window.crypto.subtle && window.isSecureContext);
  }

  var extrasLoading = null;
  function extras() {
    if (!extrasLoading) {
      extrasLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = EXTRAS_URL;
        script.onload = function () { resolve(window.spEvidenceLogExtras); };
        script.onerror = function () {
          extrasLoading = null; /* offline for now: try again next time */
          script.remove();
          reject(new Error(NOT_LOADED));
        };
        document.head.appendChild(script);
      });
    }
    return extrasLoading;
  }

  /* ---- Entries ---- */

  var lastId = 0;
  function newId() {
    lastId = Math.max(lastId + 1, Date.now());
    return lastId.toString(36) + Math.random().toString(36).slice(2, 6);
  }

  function sameValues(a, b) {
    var keys = Object.keys(a.values).concat(Object.keys(b.values));
    return keys.every(function (key) { return (a.values[key] || "") === (b.values[key] || ""); });
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
    var importInput = app.querySelector("#sp-evlog-import");
    var lockPanel = app.querySelector(".sp-evlog__lock");
    var keep = app.querySelector(".sp-evlog__keep");
    var columns = Array.prototype.map.call(form.querySelectorAll("input[name], textarea[name]"), function (control) {
      return {
        key: control.name,
        label: form.querySelector('label[for="' + control.id + '"]').textContent,
        control: control,
        isDate: control.type === "datetime-local"
      };
    });
    var dateColumn = columns.filter(function (c) { return c.isDate; })[0];

    var entries = [];
    var editing = null; /* id of the entry in the form, or null when adding */
    var canSave = true;
    var standing = ""; /* why nothing can be saved, shown until that changes */
    var lock = null; /* {key, salt} while a passphrase protects the log */
    var sealed = null; /* the encrypted log, until the passphrase opens it */

    function storage() {
      return window.localStorage; /* throws where the browser blocks site data */
    }

    function showAlert(message) {
      alertBox.textContent = message;
      alertBox.hidden = !message;
      if (message) {
        alertBox.focus();
      }
    }

    /* Done with a passing message: back to the standing one, if any, without moving focus. */
    function clearAlert() {
      alertBox.textContent = standing;
      alertBox.hidden = !standing;
    }

    function sorted() {
      return entries.slice().sort(function (a, b) {
        var byDate = dateColumn ? (b.values[dateColumn.key] || "").localeCompare(a.values[dateColumn.key] || "") : 0;
        return byDate || (b.id < a.id ? -1 : 1);
      });
    }

    function title(entry) {
      var parts = columns.map(function (column) {
        var value = entry.values[column.key] || "";
        return column.isDate ? readableDate(value) : value.split("\n")[0];
      }).filter(Boolean);
      return parts.slice(0, 2).join(": ") || "Empty entry";
    }

    function button(action, label, context) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "md-button";
      element.setAttribute("data-sp-action", action);
      element.textContent = label;
      var hidden = document.createElement("span");
      hidden.className = "sp-evlog__visually-hidden";
      hidden.textContent = " entry: " + context;
      element.appendChild(hidden);
      return element;
    }

    function summary() {
      var n = entries.length;
      if (sealed) {
        return "Locked: enter your passphrase at the top of the log to open it.";
      }
      if (n === 0) {
        return "No entries yet.";
      }
      return (n === 1 ? "1 entry" : n + " entries") + ", newest first." +
        (canSave ? "" : " Not saved on this device: download or print the log before you leave this page.");
    }

    function render() {
      list.textContent = "";
      sorted().forEach(function (entry) {
        var item = document.createElement("li");
        item.className = "sp-evlog__entry";
        item.setAttribute("data-sp-entry", entry.id);
        var heading = document.createElement("h4");
        heading.tabIndex = -1;
        heading.textContent = title(entry);
        item.appendChild(heading);
        var details = document.createElement("dl");
        columns.forEach(function (column) {
          var value = entry.values[column.key];
          if (!value) {
            return;
          }
          var row = document.createElement("div");
          var term = document.createElement("dt");
          term.textContent = column.label;
          var description = document.createElement("dd");
          description.textContent = column.isDate ? readableDate(value) : value;
          row.appendChild(term);
          row.appendChild(description);
          details.appendChild(row);
        });
        item.appendChild(details);
        var actions = document.createElement("div");
        actions.className = "sp-evlog__buttons sp-evlog__entry-actions";
        actions.appendChild(button("edit", "Edit", heading.textContent));
        actions.appendChild(button("delete", "Delete", heading.textContent));
        item.appendChild(actions);
        list.appendChild(item);
      });
      count.textContent = summary();
      record.hidden = false;
    }

    function write() {
      if (!canSave) {
        return Promise.resolve(false);
      }
      var current = lock; /* set only once the second file has loaded, so this cannot fail */
      var pending = current
        ? extras().then(function (more) { return more.encrypt(current, entries); })
        : Promise.resolve({ version: 1, entries: entries });
      return pending.then(function (data) {
        try {
          storage().setItem(STORAGE_KEY, JSON.stringify(data));
          return true;
        } catch (error) {
          showAlert(error && error.name === "QuotaExceededError" ? FULL : BLOCKED);
          return false;
        }
      });
    }

    function saved(message) {
      return function (ok) {
        if (ok !== false) {
          status.textContent = message;
        }
      };
    }

    function load() {
      var text;
      try {
        text = storage().getItem(STORAGE_KEY);
      } catch (error) {
        canSave = false;
        standing = BLOCKED;
        showAlert(standing);
        return;
      }
      sealed = null;
      entries = [];
      if (!text) {
        return;
      }
      try {
        var data = JSON.parse(text);
        if (data.encrypted) {
          sealed = data.encrypted;
        } else {
          entries = data.entries.filter(function (entry) { return entry && entry.id && entry.values; });
        }
      } catch (error) {
        /* Never overwrite what we cannot read: the reader may still delete it on purpose. */
        canSave = false;
        standing = "The log saved in this browser could not be read, so nothing new will be saved over it. " +
          "To start again, use \u201cDelete the whole log from this device\u201d.";
        showAlert(standing);
      }
    }

    function clearForm() {
      editing = null;
      form.reset();
      if (dateColumn) {
        dateColumn.control.value = now();
      }
      formTitle.textContent = "Add an entry";
      saveButton.textContent = "Save entry";
      cancelButton.hidden = true;
    }

    function edit(id) {
      var entry = entries.filter(function (e) { return e.id === id; })[0];
      editing = id;
      columns.forEach(function (column) { column.control.value = entry.values[column.key] || ""; });
      formTitle.textContent = "Edit entry";
      saveButton.textContent = "Save changes";
      cancelButton.hidden = false;
      status.textContent = "";
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
      columns.forEach(function (column) {
        var value = column.control.value.trim();
        if (value) {
          values[column.key] = value;
        }
      });
      var filled = Object.keys(values).filter(function (key) { return !dateColumn || key !== dateColumn.key; });
      if (!filled.length) {
        showAlert("Fill in at least one box besides the date and time, then save the entry.");
        return;
      }
      clearAlert();
      var id = editing;
      if (id) {
        entries = entries.map(function (entry) { return entry.id === id ? { id: id, values: values } : entry; });
      } else {
        id = newId();
        entries.push({ id: id, values: values });
      }
      var message = editing ? "Changes saved." : "Entry saved. Your log has " +
        (entries.length === 1 ? "1 entry." : entries.length + " entries.");
      var wasEditing = editing;
      clearForm();
      render();
      write().then(saved(canSave ? message + " It is kept on this device only." : message));
      if (wasEditing) {
        focusEntry(id);
      }
      if (entries.length === 1 && navigator.storage && navigator.storage.persist) {
        /* Asks the browser not to clear the log to free space; it may say no. */
        navigator.storage.persist().catch(function () {});
      }
    });

    cancelButton.addEventListener("click", function () {
      var id = editing;
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
      entries = entries.filter(function (entry) { return entry.id !== id; });
      if (editing === id) {
        clearForm();
      }
      render();
      write().then(saved("Entry deleted."));
      recordTitle.focus();
    });

    function download() {
      var link = document.createElement("a");
      var stamp = now().slice(0, 10);
      link.href = URL.createObjectURL(new Blob([toCsv(columns, sorted())], { type: "text/csv;charset=utf-8" }));
      link.download = "evidence-log-" + stamp + ".csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      status.textContent = "Log downloaded as a CSV spreadsheet. It is not protected by a passphrase: keep it somewhere safe.";
    }

    function deleteAll() {
      if (!window.confirm("Delete the whole log from this device?\n\nEvery entry saved in this browser will be " +
          "deleted. You cannot undo this. Download the log first if you want to keep a copy.")) {
        return;
      }
      try {
        storage().removeItem(STORAGE_KEY);
      } catch (error) {
        /* Storage is blocked: there was nothing saved to delete. */
      }
      entries = [];
      lock = null;
      sealed = null;
      canSave = true;
      standing = "";
      load();
      clearForm();
      showLockState();
      render();
      clearAlert();
      status.textContent = "The whole log has been deleted from this device.";
      recordTitle.focus();
    }

    function printLog() {
      if (!entries.length) {
        status.textContent = "Your log has no entries yet: printing the page gives you the blank record.";
        window.print();
        return;
      }
      var root = document.documentElement;
      root.classList.add("sp-evlog-printing");
      window.addEventListener("afterprint", function done() {
        root.classList.remove("sp-evlog-printing");
        window.removeEventListener("afterprint", done);
      });
      window.print();
    }

    importInput.addEventListener("change", function () {
      var file = importInput.files[0];
      if (!file) {
        return;
      }
      importInput.value = "";
      if (file.size > 5 * 1024 * 1024) {
        showAlert("\u201c" + file.name + "\u201d is too large to be an evidence log from this page. Nothing was imported.");
        return;
      }
      Promise.all([file.arrayBuffer(), extras()]).then(function (loaded) {
        var more = loaded[1];
        var found;
        try {
          found = more.entriesFromCsv(more.decodeFile(loaded[0]), columns, file.name, newId);
        } catch (error) {
          showAlert(error.message.indexOf(file.name) < 0
            ? "\u201c" + file.name + "\u201d could not be read as a CSV spreadsheet: " + error.message + ". Nothing was imported."
            : error.message);
          return;
        }
        var added = found.filter(function (entry) {
          return !entries.some(function (known) { return sameValues(known, entry); });
        });
        entries = entries.concat(added);
        clearAlert();
        render();
        var skipped = found.length - added.length;
        write().then(saved("Imported " + (added.length === 1 ? "1 entry" : added.length + " entries") + " from \u201c" + file.name + "\u201d." +
          (skipped ? " " + (skipped === 1 ? "1 entry was" : skipped + " entries were") + " already in your log." : "")));
      }, function (error) { showAlert(error.message); });
    });

    app.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-sp-action]");
      var action = target && target.getAttribute("data-sp-action");
      if (action === "export") {
        download();
      } else if (action === "print") {
        printLog();
      } else if (action === "delete-all") {
        deleteAll();
      }
    });

    /* ---- The passphrase: set it, open the log with it, lock the log, remove it ---- */

    function lockPart(name) {
      return app.querySelector("[data-sp-lock=" + name + "]");
    }

    function showLockState() {
      lockPanel.hidden = !canEncrypt();
      lockPart("set").hidden = Boolean(lock || sealed);
      lockPart("on").hidden = !lock;
      lockPart("open").hidden = !sealed;
      /* While the log is locked, saving, importing or exporting would work on an empty log. */
      form.hidden = Boolean(sealed);
      keep.hidden = Boolean(sealed);
    }

    function passphrases(name) {
      return lockPart(name).querySelectorAll("input[type=password]");
    }

    lockPart("set").addEventListener("submit", function (event) {
      event.preventDefault();
      var boxes = passphrases("set");
      if (boxes[0].value.length < 8) {
        showAlert("Choose a passphrase of at least 8 characters. Three or four random words are easy to remember and hard to guess.");
        return;
      }
      if (boxes[0].value !== boxes[1].value) {
        showAlert("The two passphrases are not the same. Type it again in both boxes.");
        return;
      }
      var salt = window.crypto.getRandomValues(new Uint8Array(16));
      extras().then(function (more) { return more.deriveKey(boxes[0].value, salt); }).then(function (key) {
        boxes[0].value = "";
        boxes[1].value = "";
        lock = { key: key, salt: salt };
        clearAlert();
        showLockState();
        write().then(saved("Your log is now saved encrypted with your passphrase."));
      }, function (error) { showAlert(error.message); });
    });

    lockPart("open").addEventListener("submit", function (event) {
      event.preventDefault();
      var box = passphrases("open")[0];
      var locked = sealed;
      extras().then(function (more) {
        var salt = more.fromBase64(locked.salt);
        return more.deriveKey(box.value, salt).then(function (key) {
          return more.decrypt(key, locked).then(function (opened) {
            box.value = "";
            lock = { key: key, salt: salt };
            entries = opened;
            sealed = null;
            clearAlert();
            showLockState();
            clearForm();
            render();
            status.textContent = "Log opened.";
            recordTitle.focus();
          }, function () {
            showAlert("That passphrase does not open this log. Check it and try again. If you have forgotten it, " +
              "nobody can open the log: you can only delete it and start again.");
          });
        });
      }, function (error) { showAlert(error.message); });
    });

    lockPart("on").addEventListener("click", function (event) {
      var target = event.target.closest("button[data-sp-lock-action]");
      if (!target) {
        return;
      }
      if (target.getAttribute("data-sp-lock-action") === "remove") {
        lock = null;
        showLockState();
        write().then(saved("Passphrase removed. Your log is saved on this device without encryption."));
        return;
      }
      /* Lock now: forget the key and the entries; they stay encrypted in storage. */
      lock = null;
      entries = [];
      load();
      showLockState();
      clearForm();
      render();
      status.textContent = "Log locked. Enter your passphrase to open it again.";
      passphrases("open")[0].focus();
    });

    /* Another tab of this site changed the log: show its version, never save over it. With a
       passphrase, the log locks: the other tab may have set a new one. */
    window.addEventListener("storage", function (event) {
      if (event.key !== STORAGE_KEY && event.key !== null) {
        return;
      }
      var wasLocked = Boolean(lock);
      lock = null;
      load();
      if (editing && !entries.some(function (entry) { return entry.id === editing; })) {
        clearForm();
      }
      showLockState();
      render();
      if (wasLocked && sealed) {
        status.textContent = "The log was changed in another tab. Enter your passphrase to open it again.";
      }
    });

    /* Fetch the second file as soon as a reader heads for the parts that need it. */
    app.addEventListener("focusin", function (event) {
      if (event.target.closest(".sp-evlog__lock, [data-sp-lock=open], #sp-evlog-import")) {
        extras().catch(function () {});
      }
    });

    load();
    clearForm();
    showLockState();
    render();
    app.querySelector(".sp-evlog__no-js").hidden = true;
    Array.prototype.forEach.call(app.querySelectorAll(".sp-evlog__tool"), function (part) { part.hidden = false; });
  }

  function setUpAll() {
    document.querySelectorAll("[data-sp-evidence-log]").forEach(setUp);
  }

  /* Material's instant navigation swaps pages without a reload: document$ fires for each one. */
  if (window.document$) {
    window.document$.subscribe(setUpAll);
  } else {
    setUpAll();
  }
})();
