/* Evidence log, the parts a reader needs only now and then: reading a CSV to import, and the
   passphrase's encryption. docs/assets/js/evidence-log.js loads this file when a reader first
   uses either (it is listed under extra.load_on_demand in mkdocs.yml, never in a page), which
   keeps the page's first view within its budget. */
(function () {
  "use strict";

  var PBKDF2_ITERATIONS = 600000; /* OWASP's 2023 figure for PBKDF2-HMAC-SHA256 */

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
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
  function entriesFromCsv(text, columns, fileName, newId) {
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

  /* ---- Encryption with a passphrase (Web Crypto): PBKDF2 + AES-GCM. ---- */

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

  window.spEvidenceLogExtras = {
    entriesFromCsv: entriesFromCsv,
    decodeFile: decodeFile,
    deriveKey: deriveKey,
    encrypt: encrypt,
    decrypt: decrypt,
    fromBase64: fromBase64
  };
})();
