/* Evidence log (docs/evidence-log.md), part 1 of its first view: where the log is kept, and the
   helpers every part shares. The parts, each a file in this folder:

   - storage.js (this file): the log's text in localStorage, for this site only, and the entry
     typed but not saved yet; dates; ids; and part(), which fetches the other parts the first time
     a reader needs them (../shared.js's load).
   - form.js: the form, the list of entries and the buttons (the page's first view).
   - encryption.js: the passphrase (PBKDF2 + AES-GCM, Web Crypto; the key stays in this tab).
   - spreadsheet.js: the CSV to download and to import.
   - images.js: screenshots, kept in IndexedDB, resized on the device, shown as thumbnails.
   - export.js: the whole log at once: the Word evidence pack and the zip archive (with
     vendor/fflate.js, ../docx-writer.js), the printout, and deleting it from the device.

   Only storage.js and form.js load with the page (mkdocs.yml, the plugin's page_assets); the others are
   listed under the plugin's load_on_demand, so the page's first view stays within its budget.
   Nothing is sent anywhere, and what people type only ever goes into textContent or a form value. */
(function () {
  "use strict";

  var sp = window.saferPolitics;
  var log = sp.evidenceLog = sp.evidenceLog || {};
  var STORAGE_KEY = "sp-evidence-log";
  /* An entry typed but not saved yet, beside the log (form.js keeps it as it is typed). */
  var DRAFT_KEY = "sp-evidence-log-draft";
  /* The office and name typed for the pack and the printout, {office, name}, so they need not be
     typed again for every export: like the draft, never while a passphrase protects the log. */
  var PREPARER_KEY = "sp-evidence-log-preparer";

  /* ---- Dates: the form holds "2026-12-01T20:50"; the CSV "2026-12-01 20:50". ---- */

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  var TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

  /* The device's own clock, as a Date; null for anything else. */
  function localDate(value) {
    var m = TIME.exec(value || "");
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) : null;
  }

  /* "30 November 2026, 9.05pm". The hour and minute are the ones typed, not a Date's: a time in
     the hour the clocks go forward (01:30 on the last Sunday of March) does not exist, and a Date
     moves it on to 2.30am, while the CSV keeps what was typed (a review). */
  function readableDate(value) {
    var m = TIME.exec(value || "");
    if (!m) {
      return value;
    }
    var hour = Number(m[4]);
    return sp.dateInWords(localDate(value)) + ", " + (hour % 12 || 12) + "." + m[5] + (hour < 12 ? "am" : "pm");
  }

  /* Times are kept as the reader's device gives them ("2026-11-30T21:05"), each with its offset
     from UTC in minutes, east positive (60 in BST), so a log exported later, or in another zone,
     still says which hour it was (a police reading: a clock-change hour, or a laptop on UTC, read
     an hour out with nothing to show it). offsetAt(value) is this device's offset at that time. */
  function offsetAt(value) {
    var date = localDate(value);
    return date ? 0 - date.getTimezoneOffset() : null;
  }

  /* The zone's short name as en-GB gives it ("GMT", "BST"; "CET" or "GMT-5" elsewhere) for a
     time with that offset; without one (an entry saved before offsets were kept), this device's
     zone at that date. A time kept in another zone than this device's is named by its offset. */
  function zoneName(value, offset) {
    var date = localDate(value);
    if (!date) {
      return "";
    }
    var here = 0 - date.getTimezoneOffset();
    if (typeof offset !== "number" || offset === here) {
      var named = new Intl.DateTimeFormat("en-GB", { timeZoneName: "short" }).formatToParts(date)
        .filter(function (piece) { return piece.type === "timeZoneName"; })[0];
      if (named) {
        return named.value;
      }
      offset = here;
    }
    var minutes = Math.abs(offset);
    return "GMT" + (offset === 0 ? "" : (offset < 0 ? "-" : "+") + Math.floor(minutes / 60) +
      (minutes % 60 ? ":" + pad(minutes % 60) : ""));
  }

  /* "30 November 2026, 9.05pm GMT": a time as paper and the files show it, with its zone. */
  function readableTime(value, offset) {
    var zone = zoneName(value, offset);
    return readableDate(value) + (zone ? " " + zone : "");
  }

  /* The time now as the log keeps one ("recorded", "last changed", "deleted", "Use the time
     now"): {at, offset}. The offset is the clock's own at this moment, not worked out again from
     the wall-clock text: in the hour the clocks go back, "01:30" comes twice, and that text alone
     read the second, in GMT, as the first, in BST (a review). */
  function stamp() {
    var d = new Date();
    return {
      at: d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()),
      offset: 0 - d.getTimezoneOffset()
    };
  }

  /* The offset kept for a field's time (entry.offsets, by column key), if any. */
  function offsetOf(entry, key) {
    var offsets = entry.offsets || {};
    return typeof offsets[key] === "number" ? offsets[key] : undefined;
  }

  /* Said once wherever the times are shown together: the pack, the printout, the archive. */
  var TIMES_ARE = "Times are as the clock of the device the log was kept on gave them, each with its time zone " +
    "(in the UK, GMT in winter and BST, an hour ahead, in summer).";

  var lastId = 0;
  function newId() {
    lastId = Math.max(lastId + 1, Date.now());
    return lastId.toString(36) + Math.random().toString(36).slice(2, 6);
  }

  function plural(count, one, many) {
    return count === 1 ? "1 " + one : count + " " + many;
  }

  /* A file's name in curly quotes, as messages about it give it. */
  function quoted(name) {
    return "\u201c" + name + "\u201d";
  }

  /* A file's name for an export: "evidence-pack-office-of-sian-obrien-mp-2026-12-07.docx", the
     office (when given) and the date saying which log it is and when it was made. */
  function fileName(stem, who, extension) {
    var office = sp.fileNamePart(who.office || "").slice(0, 40).replace(/-+$/, "");
    return stem + (office ? "-" + office : "") + "-" + who.at.slice(0, 10) + extension;
  }

  /* part("encryption") -> a promise of saferPolitics.evidenceLog.encryption, once its file has run. */
  function part(name) {
    return sp.load("evidence-log/" + name + ".js").then(function () { return log[name]; });
  }

  /* ---- The log's text in localStorage ---- */

  var BLOCKED = "This browser is not letting this site save anything (some private windows and " +
    "privacy settings do this), so the log cannot be kept on this device. You can still add " +
    "entries and then download or print them, but they are lost when you leave this page.";
  var FULL = "This entry could not be saved: this browser's storage for this site is full. " +
    "Download the log now to keep a copy.";
  var UNREADABLE = "The log saved in this browser could not be read, so nothing new will be saved over it. " +
    "To start again, use \u201cDelete the whole log from this device\u201d.";

  /* The log's entries and the notes left by those deleted, {entries, deleted}, from what was
     saved: {entries, deleted?}, or the bare list of entries a log saved before deleted entries
     left notes (and a passphrase's sealed log then) holds. */
  function opened(data) {
    var entries = Array.isArray(data) ? data : data.entries;
    var deleted = Array.isArray(data) ? [] : data.deleted || [];
    return {
      entries: entries.filter(function (entry) { return entry && entry.id && entry.values; }),
      deleted: deleted.filter(function (note) { return note && typeof note.number === "number" && note.deleted; })
    };
  }

  /* {entries, deleted} or {sealed} (the encrypted log) or {problem, blocked}: never throws. It reads the
     text itself, not with sp.kept(), which gives null for all three: a browser that keeps nothing
     (say so), a log it cannot read (never save over it) and no log yet. */
  function read() {
    var text;
    try {
      text = window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return { entries: [], problem: BLOCKED, blocked: true };
    }
    if (!text) {
      return { entries: [] };
    }
    try {
      var data = JSON.parse(text);
      if (data.encrypted) {
        return { entries: [], sealed: data.encrypted };
      }
      return opened(data);
    } catch (error) {
      /* Never overwrite what we cannot read: the reader may still delete it on purpose. */
      return { entries: [], problem: UNREADABLE };
    }
  }

  /* Saves {version, entries, deleted} or {version, encrypted}; "" when saved, else what went wrong. */
  function write(data) {
    var failure = sp.keep(STORAGE_KEY, data);
    return failure === "" ? "" : failure === "QuotaExceededError" ? FULL : BLOCKED;
  }

  /* The log and any entry typed but not saved: "Delete the whole log" leaves neither behind.
     Where storage is blocked there was nothing saved to delete. */
  function remove() {
    sp.keep(STORAGE_KEY, null);
    sp.keep(DRAFT_KEY, null);
    sp.keep(PREPARER_KEY, null);
  }

  /* The office and name kept, {office, name}, either or both perhaps empty: a reader who emptied
     the boxes keeps them empty (a review: the protocol builder's office came back each visit).
     Null when none are kept. */
  function readPreparer() {
    var kept = sp.kept(PREPARER_KEY);
    return kept && typeof kept === "object" ? kept : null;
  }

  /* keepPreparer(null) forgets them. */
  function keepPreparer(who) {
    sp.keep(PREPARER_KEY, who ? { office: who.office, name: who.name } : null);
  }

  /* The entry typed but not saved, {editing, values, path}, or null when there is none or it cannot be
     read. Kept with keepDraft(draft), forgotten with keepDraft(null); a draft that cannot be kept
     (storage blocked or full) is only what the "Leave site?" question already protects: the form
     still holds it. */
  function readDraft() {
    var draft = sp.kept(DRAFT_KEY);
    return draft && typeof draft.values === "object" && draft.values ? draft : null;
  }

  function keepDraft(draft) {
    sp.keep(DRAFT_KEY, draft || null);
  }

  /* What another tab did with its entry typed but not saved, from a `storage` event: {editing,
     values, path} as it keeps it now, {} once it has forgotten it, or {saved: path} or
     {discarded: path} for a moment once it has saved or discarded it (form.js); null when the
     event is about something else. */
  function draftElsewhere(event) {
    if (event.key !== DRAFT_KEY) {
      return null;
    }
    try {
      return JSON.parse(event.newValue) || {};
    } catch (error) {
      return {};
    }
  }

  /* Another tab of this site changed the log (null: it cleared the site's storage). */
  function changedElsewhere(event) {
    return event.key === STORAGE_KEY || event.key === null;
  }

  log.shared = {
    pad: pad, readableDate: readableDate, readableTime: readableTime, offsetAt: offsetAt, offsetOf: offsetOf,
    zoneName: zoneName, stamp: stamp, timesAre: TIMES_ARE, fileName: fileName, newId: newId, plural: plural, quoted: quoted, part: part
  };
  log.storage = {
    read: read, opened: opened, write: write, remove: remove, changedElsewhere: changedElsewhere, draftElsewhere: draftElsewhere, readDraft: readDraft, keepDraft: keepDraft,
    readPreparer: readPreparer, keepPreparer: keepPreparer
  };
})();
