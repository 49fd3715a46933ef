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
  var PBKDF2_ITERATIONS = 600000; /* OWASP's 2023 figure for PBKDF2-HMAC-SHA256 */
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

  /* What a spreadsheet may have made of our "2026-12-01 20:50": day-first in the UK. Null if
     it is not a date and time we can read. */
  function parseDate(text) {
    var value = text.trim();
    var m;
    var parts = null;
    if (value === "") {
      return "";
    }
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(value))) {
      parts = [m[1], m[2], m[3], m[4], m[5]];
    } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,? (\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(value))) {
      parts = [m[3], m[2], m[1], m[4], m[5]];
    }
    if (!parts) {
      return null;
    }
    var month = Number(parts[1]);
    var day = Number(parts[2]);
    var hour = Number(parts[3] || 0);
    var minute = Number(parts[4] || 0);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) {
      return null;
    }
    return parts[0] + "-" + pad(month) + "-" + pad(day) + "T" + pad(hour) + ":" + pad(minute);
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

  /* Rows of cells; throws on a quote that never closes. Excel in some countries saves ";". */
  function parseCsv(text) {
    var firstLine = text.split(/\r?\n/, 1)[0];
    var separator = firstLine.indexOf(",") < 0 && firstLine.indexOf(";") >= 0 ? ";" : ",";
    var rows = [];
    var row = [];
    var cell = "";
    var quoted = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') {
          quoted = false;
        } else {
          cell += ch;
        }
      } else if (ch === '"' && cell === "") {
        quoted = true;
      } else if (ch === separator) {
        row.push(cell);
        cell = "";
      } else if (ch === "\r" || ch === "\n") {
        if (ch === "\r" && text[i + 1] === "\n") {
          i++;
        }
        row.push(cell);
        rows.push(row);
        row = [];
        cell = "";
      } else {
        cell += ch;
      }
    }
    if (quoted) {
      throw new Error("a cell opens a quotation mark that never closes");
    }
    if (cell !== "" || row.length) {
      row.push(cell);
      rows.push(row);
    }
    return rows;
  }

  function normalise(label) {
    return label.replace(/\s+/g, " ").trim().toLowerCase();
  }

  /* The entries in a CSV this page exported (or a spreadsheet re-saved). Throws an Error whose
     message tells the reader what is wrong, in plain words. */
  function entriesFromCsv(text, columns, fileName) {
    var rows = parseCsv(text.replace(/^\ufeff/, ""));
    var notOurs = "\u201c" + fileName + "\u201d is not an evidence log from this page. Choose a CSV file " +
      "you downloaded with \u201cDownload the log\u201d. Its first row must be the column headings: " +
      columns.map(function (c) { return c.label; }).join(", ") + ".";
    if (!rows.length) {
      throw new Error(notOurs + " This file is empty.");
    }
    var byLabel = {};
    columns.forEach(function (column) { byLabel[normalise(column.label)] = column; });
    var header = rows[0].map(normalise);
    while (header.length && header[header.length - 1] === "") {
      header.pop();
    }
    var unknown = header.filter(function (label) { return !byLabel[label]; });
    if (!header.length || unknown.length) {
      throw new Error(notOurs + (unknown.length ? " It has a column this log does not: \u201c" + unknown[0] + "\u201d." : ""));
    }
    var entries = [];
    rows.slice(1).forEach(function (row, index) {
      var rowNumber = index + 2;
      if (row.every(function (cell) { return cell.trim() === ""; })) {
        return;
      }
      if (row.slice(header.length).some(function (cell) { return cell.trim() !== ""; })) {
        throw new Error("Row " + rowNumber + " of \u201c" + fileName + "\u201d has more cells than there are columns. Nothing was imported.");
      }
      var values = {};
      header.forEach(function (label, position) {
        var column = byLabel[label];
        var cell = (row[position] || "").replace(/\r\n?/g, "\n");
        if (/^'[=+\-@\t\r]/.test(cell)) {
          cell = cell.slice(1); /* the mark our export adds so spreadsheets keep it as text */
        }
        if (column.isDate) {
          var date = parseDate(cell);
          if (date === null) {
            throw new Error("Row " + rowNumber + " of \u201c" + fileName + "\u201d: \u201c" + cell + "\u201d is not a date and " +
              "time this page can read. Write it like 2026-03-14 21:05 and import the file again. Nothing was imported.");
          }
          cell = date;
        }
        if (cell !== "") {
          values[column.key] = cell;
        }
      });
      entries.push({ id: newId(), values: values });
    });
    return entries;
  }

  /* ---- Bytes: file text, and base64 for the encrypted log. ---- */

  function decodeFile(buffer) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    } catch (error) {
      return new TextDecoder("windows-1252").decode(buffer); /* Excel's plain "CSV" on Windows */
    }
  }

  function toBase64(bytes) {
    var text = "";
    new Uint8Array(bytes).forEach(function (byte) { text += String.fromCharCode(byte); });
    return btoa(text);
  }

  function fromBase64(text) {
    return Uint8Array.from(atob(text), function (ch) { return ch.charCodeAt(0); });
  }

  /* ---- Encryption with a passphrase (Web Crypto). ---- */

  function canEncrypt() {
    return Boolean(window.crypto && window.crypto.subtle && window.isSecureContext);
  }

  function deriveKey(passphrase, salt) {
    var subtle = window.crypto.subtle;
    return subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"])
      .then(function (material) {
        return subtle.deriveKey({ name: "PBKDF2", salt: salt, iterations: PBKDF2_ITERATIONS, hash: "SHA-256" },
          material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      });
  }

  function encrypt(lock, entries) {
    var iv = window.crypto.getRandomValues(new Uint8Array(12));
    var plain = new TextEncoder().encode(JSON.stringify(entries));
    return window.crypto.subtle.encrypt({ name: "AES-GCM", iv: iv }, lock.key, plain).then(function (sealed) {
      return { version: 1, encrypted: { salt: toBase64(lock.salt), iv: toBase64(iv), data: toBase64(sealed) } };
    });
  }

  /* Rejects when the passphrase is wrong: AES-GCM checks the data has not been changed. */
  function decrypt(key, sealed) {
    return window.crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(sealed.iv) }, key, fromBase64(sealed.data))
      .then(function (plain) { return JSON.parse(new TextDecoder().decode(plain)); });
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
    if (app.hasAttribute("data-sp-ready")) {
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
      var pending = lock ? encrypt(lock, entries) : Promise.resolve({ version: 1, entries: entries });
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
        showAlert(BLOCKED);
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
        showAlert("The log saved in this browser could not be read, so nothing new will be saved over it. " +
          "To start again, use \u201cDelete the whole log from this device\u201d.");
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
      showAlert("");
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
      load();
      clearForm();
      showLockState();
      render();
      if (!alertBox.hidden && canSave) {
        showAlert("");
      }
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
      file.arrayBuffer().then(function (buffer) {
        var found;
        try {
          found = entriesFromCsv(decodeFile(buffer), columns, file.name);
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
        showAlert("");
        render();
        var skipped = found.length - added.length;
        write().then(saved("Imported " + (added.length === 1 ? "1 entry" : added.length + " entries") + " from \u201c" + file.name + "\u201d." +
          (skipped ? " " + (skipped === 1 ? "1 entry was" : skipped + " entries were") + " already in your log." : "")));
      });
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
      deriveKey(boxes[0].value, salt).then(function (key) {
        boxes[0].value = "";
        boxes[1].value = "";
        lock = { key: key, salt: salt };
        showAlert("");
        showLockState();
        write().then(saved("Your log is now saved encrypted with your passphrase."));
      });
    });

    lockPart("open").addEventListener("submit", function (event) {
      event.preventDefault();
      var box = passphrases("open")[0];
      var salt = fromBase64(sealed.salt);
      deriveKey(box.value, salt).then(function (key) {
        return decrypt(key, sealed).then(function (opened) {
          box.value = "";
          lock = { key: key, salt: salt };
          entries = opened;
          sealed = null;
          showAlert("");
          showLockState();
          clearForm();
          render();
          status.textContent = "Log opened.";
          recordTitle.focus();
        });
      }).catch(function () {
        showAlert("That passphrase does not open this log. Check it and try again. If you have forgotten it, " +
          "nobody can open the log: you can only delete it and start again.");
      });
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

    /* Another tab of this site changed the log: show its version, never save over it. */
    window.addEventListener("storage", function (event) {
      if (event.key === STORAGE_KEY && !lock) {
        load();
        showLockState();
        render();
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
