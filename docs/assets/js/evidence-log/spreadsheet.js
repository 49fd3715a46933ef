/* Evidence log, the spreadsheet (fetched when first used; storage.js lists the parts): the log as a
   CSV file to download, and a CSV (or a zip archive, which export.js reads) imported back, entries already
   in the log skipped, so a log moves between devices without duplicates. */
(function () {
  "use strict";

  var shared = window.saferPolitics.evidenceLog.shared;
  var pad = shared.pad;
  /* A spreadsheet would run such a cell as a formula: we put an apostrophe in front, which it
     shows as text and import takes off. A value typed with apostrophes in front of such a start
     ("'@name") gets one more, or import would take off the reader's own. */
  var FORMULA_START = /^'*[=+\-@\t\r]/;
  var MARKED = /^'+[=+\-@\t\r]/;
  var LARGEST_CSV = 5 * 1024 * 1024;
  var ZIP_START = [0x50, 0x4b, 0x03, 0x04]; /* "PK": every zip file starts so */

  /* ---- CSV (RFC 4180): UTF-8 with a byte order mark for Excel, CRLF between rows. ---- */

  function csvCell(value) {
    var text = FORMULA_START.test(value) ? "'" + value : value;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* Each entry's screenshots as files named by entry: "03-2026-03-14-instagram-2.jpg" is the
     second picture of the third entry (oldest first). The CSV and the archive use these. */
  function fileNames(log, entries) {
    var names = {};
    entries.forEach(function (entry, index) {
      /* Cut to 40 letters, without the hyphen a cut between words leaves ("facebook-comment--1"). */
      var slug = window.saferPolitics.fileNamePart(log.title(entry)).slice(0, 40).replace(/-+$/, "");
      names[entry.id] = (entry.images || []).map(function (image, number) {
        var extension = /png/.test(image.original ? image.original.type : image.type) ? ".png" : ".jpg";
        return pad(index + 1) + "-" + slug + "-" + (number + 1) + extension;
      });
    });
    return names;
  }

  /* "2026-12-01 20:50 GMT" */
  function csvTime(value, offset) {
    return value ? value.replace("T", " ") + " " + shared.zoneName(value, offset) : "";
  }

  function toCsv(log, entries) {
    var names = fileNames(log, entries);
    /* Before the log's own columns, the entry's number, as the pack and the printout give it;
       after them, when an edited entry last changed (form.js keeps it). */
    var rows = [[log.added.number].concat(log.columns.map(function (column) { return column.label; }), [log.added.changed])];
    entries.forEach(function (entry, index) {
      rows.push([String(index + 1)].concat(log.columns.map(function (column) {
        var value = entry.values[column.key] || "";
        if (column.isImages && names[entry.id].length) {
          return names[entry.id].join("\n");
        }
        return column.isDate ? csvTime(value, shared.offsetOf(entry, column.key)) : value;
      }), [entry.changed ? csvTime(entry.changed.at, entry.changed.offset) : ""]));
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  /* A time's zone as the CSV gives it ("2026-12-01 20:50 GMT"), with its offset from UTC in
     minutes: "GMT" or "UTC", either with an offset ("GMT-5", "GMT+5:30"), or one of the names
     zoneName() gives in en-GB (Intl's short names, from CLDR: Western, Central and Eastern
     European, Gulf and British time). Only these: any other word after the time ("PM", "EST")
     is not ours, and taking it off read "8:50 PM" as 8.50am (a review: that put a wrong time
     into evidence), so such a time is read with its AM or PM, or refused. */
  var NAMED_ZONES = { BST: 60, WET: 0, WEST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, GST: 240 };
  var ZONE = new RegExp("\\s+(?:(?:GMT|UTC)(?:([+-])(\\d{1,2})(?::(\\d{2}))?)?|(" + Object.keys(NAMED_ZONES).join("|") + "))$");

  /* {time, offset}: the text without its zone, and the zone's offset (undefined without one). */
  function splitZone(text) {
    var m = ZONE.exec(text);
    if (!m) {
      return { time: text, offset: undefined };
    }
    var offset = m[4] ? NAMED_ZONES[m[4]] : m[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] || 0)) : 0;
    return { time: text.slice(0, m.index), offset: offset };
  }

  /* What a spreadsheet may have made of our "2026-12-01 20:50 GMT": day-first in the UK, the
     zone perhaps dropped, a 12-hour clock ("01/12/2026 8:50 PM"). Null if it is not a date and
     time we can read. */
  function parseDate(text) {
    var value = splitZone(text.trim()).time;
    var m;
    var parts = null;
    if (value === "") {
      return "";
    }
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*([ap])\.?m\.?)?)?$/i.exec(value))) {
      parts = [m[1], m[2], m[3], m[4], m[5], m[6]];
    } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,? (\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([ap])\.?m\.?)?)?$/i.exec(value))) {
      parts = [m[3], m[2], m[1], m[4], m[5], m[6]];
    }
    if (!parts) {
      return null;
    }
    var month = Number(parts[1]);
    var day = Number(parts[2]);
    var hour = Number(parts[3] || 0);
    var minute = Number(parts[4] || 0);
    var half = parts[5] && parts[5].toLowerCase();
    if (half && (hour < 1 || hour > 12)) {
      return null; /* "13:05 PM" says two different things */
    }
    if (half) {
      hour = hour % 12 + (half === "p" ? 12 : 0);
    }
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
  function entriesFromCsv(text, columns, added, fileName, newId) {
    var rows = parseCsv(text.replace(/^\ufeff/, ""));
    var notOurs = "\u201c" + fileName + "\u201d is not an evidence log from this page. Choose a CSV file " +
      "you downloaded with \u201cDownload the log\u201d. Its first row must be the column headings: " +
      columns.map(function (c) { return c.label; }).join(", ") + ".";
    if (!rows.length) {
      throw new Error(notOurs + " This file is empty.");
    }
    /* A column by its label, or by one it had before (`formerly` in data/evidence-log.yml), so a
       spreadsheet saved before a rename still imports. */
    var byLabel = {};
    columns.forEach(function (column) {
      column.formerly.concat([column.label]).forEach(function (label) { byLabel[normalise(label)] = column; });
    });
    /* The columns the export adds to the log's own. */
    byLabel[normalise(added.changed)] = { key: "changed", isDate: true, isChanged: true };
    byLabel[normalise(added.number)] = { key: "number", isNumber: true }; /* numbered anew in the log it joins */
    var columnFor = function (heading) { return byLabel[heading]; };
    var header = rows[0].map(normalise);
    while (header.length && header[header.length - 1] === "") {
      header.pop();
    }
    var unknown = header.filter(function (label) { return !columnFor(label); });
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
      var offsets = {};
      var changed = null;
      header.forEach(function (label, position) {
        var column = columnFor(label);
        if (column.isNumber) {
          return;
        }
        var cell = (row[position] || "").replace(/\r\n?/g, "\n");
        if (MARKED.test(cell)) {
          cell = cell.slice(1); /* the mark our export adds so spreadsheets keep it as text */
        }
        if (column.isDate) {
          var date = parseDate(cell);
          if (date === null) {
            throw new Error("Row " + rowNumber + " of \u201c" + fileName + "\u201d: \u201c" + cell + "\u201d is not a date and " +
              "time this page can read. Write it like 2026-03-14 21:05 and import the file again. Nothing was imported.");
          }
          cell = date;
          var offset = splitZone((row[position] || "").trim()).offset;
          if (column.isChanged) {
            changed = date ? { at: date, offset: offset } : null;
            return;
          }
          if (date && offset !== undefined) {
            offsets[column.key] = offset;
          }
        }
        if (cell !== "") {
          values[column.key] = cell;
        }
      });
      var entry = { id: newId(), values: values, offsets: offsets };
      if (changed) {
        entry.changed = changed;
      }
      entries.push(entry);
    });
    return entries;
  }

  /* ---- Bytes: a CSV's text, in whichever encoding the spreadsheet saved it ---- */

  function decodeFile(buffer) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
    } catch (error) {
      return new TextDecoder("windows-1252").decode(buffer); /* Excel's plain "CSV" on Windows */
    }
  }

  /* The same entry, whether its screenshots are attached or only named (a CSV without them). */
  function sameValues(a, b, imagesKey) {
    var keys = Object.keys(a.values).concat(Object.keys(b.values));
    return keys.every(function (key) { return key === imagesKey || (a.values[key] || "") === (b.values[key] || ""); });
  }

  function isNew(log, entry) {
    var imagesKey = log.columns.filter(function (c) { return c.isImages; }).map(function (c) { return c.key; })[0];
    return !log.entries.some(function (known) { return sameValues(known, entry, imagesKey); });
  }

  /* Adds the entries the log does not have yet; what it says names the file. Returns those added. */
  function addEntries(log, found, fileName) {
    var added = found.filter(function (entry) { return isNew(log, entry); });
    log.entries = log.entries.concat(added);
    log.clearAlert();
    log.render();
    var skipped = found.length - added.length;
    log.write().then(function (ok) {
      if (ok !== false) {
        log.say("Imported " + shared.plural(added.length, "entry", "entries") + " from \u201c" + fileName + "\u201d." +
          (skipped ? " " + shared.plural(skipped, "entry was", "entries were") + " already in your log." : ""));
      }
    });
    return added;
  }

  /* The entries of a CSV file's bytes; throws an Error saying, in plain words, what is wrong. */
  function entriesFromBytes(log, bytes, fileName) {
    try {
      return entriesFromCsv(decodeFile(bytes), log.columns, log.added, fileName, shared.newId);
    } catch (error) {
      throw new Error(error.message.indexOf(fileName) < 0
        ? "\u201c" + fileName + "\u201d could not be read as a CSV spreadsheet: " + error.message + ". Nothing was imported."
        : error.message);
    }
  }

  /* "Import a log": a CSV this page downloaded, or the zip archive with its screenshots. */
  function importFile(log, input) {
    var file = input.files[0];
    input.value = "";
    if (!file) {
      return null;
    }
    return file.slice(0, 4).arrayBuffer().then(function (start) {
      var isZip = ZIP_START.every(function (byte, i) { return new Uint8Array(start)[i] === byte; });
      if (isZip) {
        return shared.part("export").then(function (exporter) { return exporter.importArchive(log, file); });
      }
      if (file.size > LARGEST_CSV) {
        log.alert("\u201c" + file.name + "\u201d is too large to be an evidence log from this page. Nothing was imported.");
        return null;
      }
      return file.arrayBuffer().then(function (bytes) {
        try {
          addEntries(log, entriesFromBytes(log, bytes, file.name), file.name);
        } catch (error) {
          log.alert(error.message);
        }
      });
    });
  }

  /* "Download the log (CSV spreadsheet)" */
  function download(log) {
    var sp = window.saferPolitics;
    return sp.load("download.js").then(function () {
      sp.download(new Blob([toCsv(log, log.sorted())], { type: "text/csv;charset=utf-8" }),
        shared.fileName("evidence-log", log.preparedBy(), ".csv"));
      log.say("Log downloaded as a CSV spreadsheet. It is not protected by a passphrase: keep it somewhere safe.");
    });
  }

  window.saferPolitics.evidenceLog.spreadsheet = {
    toCsv: toCsv,
    fileNames: fileNames,
    entriesFromBytes: entriesFromBytes,
    addEntries: addEntries,
    isNew: isNew,
    importFile: importFile,
    download: download
  };
})();
