/* Evidence log, the whole log at once (fetched when first used; storage.js lists the parts):
   - the evidence pack, a Word document (.docx, by ../docx-writer.js, which the protocol builder
     also uses): a summary table, then one section per entry with its screenshots; the office,
     who prepared it and when in the header and footer, with page numbers;
   - the archive, a zip (by fflate, vendored in ../vendor/) of the CSV and the screenshots named by
     entry, which "Import" reads back on another device, skipping entries it already has;
   - the printout of the entries, and deleting the whole log from this device.
   All made in this browser, offline; nothing is sent anywhere. */
(function () {
  "use strict";

  var sp = window.saferPolitics;
  var log$ = sp.evidenceLog;
  var shared = log$.shared;
  var LARGEST_ARCHIVE = 1024 * 1024 * 1024;
  var PAGE_WIDTH_PX = 600; /* 16 cm: the page's width inside its margins */
  var PAGE_HEIGHT_PX = 720; /* 19 cm: room for the caption under a tall screenshot */
  var IMAGE_TYPES = { ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png" };

  /* The Word writer and the zip library, each fetched when first used; fflate keeps its own global. */
  function wordWriter() {
    return sp.load("docx-writer.js").then(function () { return sp.docx; });
  }

  function zipLibrary() {
    return sp.load("vendor/fflate.js").then(function () { return window.fflate; });
  }

  /* Each entry's pictures, opened: [[{image, file name, blob}]], in the order of `entries`. */
  function pictures(log, entries, names) {
    return shared.part("images").then(function (images) {
      return Promise.all(entries.map(function (entry) {
        return Promise.all((entry.images || []).map(function (image, number) {
          return images.blobs(log, image).then(function (found) {
            return found && { image: image, fileName: names[entry.id][number], blob: found.original || found.full,
                              copy: !found.original };
          });
        }));
      }));
    });
  }

  /* How the pack and the printout name a screenshot: as the reader attached it, then as the
     archive and the CSV name it, so whoever holds the paper and the files can match them. */
  function screenshotName(image, fileName, copy) {
    var note = copy ? copyNote(image) : "";
    return image.name + " (in the archive: " + fileName + (note ? "; " + note : "") + ")";
  }

  /* How the copy kept on the device differs from the picture attached, for the caption of a
     copy: "a copy, resized from 1170 x 2532 pixels" (a police reading: the pack named the
     original file beside a smaller JPEG). Nothing for a copy kept before this was noted. */
  function copyNote(image) {
    var source = image.source;
    if (!source) {
      return "";
    }
    if (source.width !== image.width || source.height !== image.height) {
      return "a copy, resized from " + source.width + " x " + source.height + " pixels";
    }
    return source.type && source.type !== image.type ? "a copy, saved as a JPEG file, the same size" : "";
  }

  function text(value) {
    return [{ text: value }];
  }

  function fitted(image) {
    var scale = Math.min(1, PAGE_WIDTH_PX / image.width, PAGE_HEIGHT_PX / image.height);
    return { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
  }

  /* An entry's field as the pack's table shows it. Every field has a row, an empty one as
     log.notRecorded says (left out, it could not be told from a field missing from the pack); the
     screenshots row lists the pictures that follow the table. */
  function packValue(log, entry, column) {
    var images = entry.images || [];
    var value = entry.values[column.key];
    if (column.isImages && images.length) {
      return images.length + " attached (they follow this table): " +
        images.map(function (image, number) { return (number + 1) + ". " + image.name; }).join(", ");
    }
    if (value && !column.isImages) {
      return column.isDate ? shared.readableTime(value, shared.offsetOf(entry, column.key)) : value;
    }
    return log.notRecorded(entry, column);
  }

  /* The Word document's blocks and media for these entries. */
  function packBlocks(log, entries, found, who) {
    var when = shared.readableTime(who.at, who.offset);
    var columns = log.columns.filter(function (c) { return !c.isImages; });
    var recordedColumn = columns.filter(function (c) { return c.isRecorded; })[0];
    var count = found.reduce(function (total, list) { return total + list.filter(Boolean).length; }, 0);
    var copies = found.some(function (list) { return list.some(function (picture) { return picture && picture.copy; }); });
    var where = sp.pageAddress();
    var blocks = [
      { kind: "heading", level: 1, items: [text("Evidence log" + (who.office ? ": " + who.office : ""))] },
      { kind: "paragraph", items: [[{ text: "Office: ", bold: true }, { text: who.office || "Not given" }]] },
      { kind: "paragraph", items: [[{ text: "Prepared by: ", bold: true }, { text: who.name || "Not given" }]] },
      { kind: "paragraph", items: [[{ text: "Exported: ", bold: true }, { text: when }]] },
      { kind: "paragraph", items: [[{ text: "Made with: ", bold: true }, { text: "the evidence log" + (where ? " at " + where : "") + "." +
        (copies ? " Screenshots are the copies kept on the device, which may be smaller than the originals." : "") }]] },
      { kind: "paragraph", items: [text(shared.plural(entries.length, "entry", "entries") + " and " +
        shared.plural(count, "screenshot", "screenshots") + ", oldest first. Each entry's screenshots follow its details." +
        (log.deleted.length ? " " + log.deleted.length + " deleted: listed under \u201cDeleted entries\u201d at the end." : ""))] },
      { kind: "paragraph", items: [text(shared.timesAre)] },
      { kind: "heading", level: 2, items: [text("Summary")] },
      {
        kind: "table",
        header: true,
        widths: [700, 4200, 2200, 1900], /* twentieths of a point: "Screenshots" in bold fits one line */
        rows: [["No.", "Entry", "Recorded", "Screenshots"].map(function (heading) {
          return [{ text: heading, bold: true }];
        })].concat(entries.map(function (entry, index) {
          var recorded = recordedColumn
            ? shared.readableTime(entry.values[recordedColumn.key] || "", shared.offsetOf(entry, recordedColumn.key)) : "";
          return [String(index + 1), log.title(entry), recorded, String(found[index].filter(Boolean).length)].map(text);
        }))
      }
    ];
    var media = [];
    entries.forEach(function (entry, index) {
      blocks.push({ kind: "page-break" });
      blocks.push({ kind: "heading", level: 2, items: [text("Entry " + (index + 1) + ": " + log.title(entry))] });
      blocks.push({
        kind: "table",
        widths: [2600, 6400],
        /* Word repeats this row on each page a long entry runs on to, so a page that starts in the
           middle of one (a long note) still says whose it is (a police reading). */
        header: true,
        rows: [[[{ text: "Entry " + (index + 1), bold: true }], [{ text: "Details", bold: true }]]].concat(log.columns.map(function (column) {
          return [[{ text: column.label, bold: true }], text(packValue(log, entry, column))];
        }), entry.changed ? [[[{ text: log.added.changed, bold: true }],
          text(shared.readableTime(entry.changed.at, entry.changed.offset))]] : [])
      });
      found[index].forEach(function (picture, number) {
        var caption = "Screenshot " + (number + 1) + " of entry " + (index + 1);
        if (!picture) {
          blocks.push({ kind: "paragraph", items: [text(caption + ": missing on the device that made this pack.")] });
          return;
        }
        var id = "rIdm" + (media.length + 1);
        media.push({ id: id, extension: picture.blob.type === "image/png" ? "png" : "jpeg", blob: picture.blob });
        var size = fitted(picture.image);
        blocks.push({ kind: "picture", media: id, name: picture.fileName, description: caption + ": " + picture.image.name,
          width: size.width, height: size.height });
        blocks.push({ kind: "paragraph", items: [text(caption + ": " + screenshotName(picture.image, picture.fileName, picture.copy))] });
      });
    });
    if (log.deleted.length) {
      blocks.push({ kind: "page-break" });
      blocks.push({ kind: "heading", level: 2, items: [text("Deleted entries")] });
      blocks.push({ kind: "paragraph", items: [text(log.deletedIntro)] });
      log.deleted.forEach(function (note) {
        blocks.push({ kind: "paragraph", items: [text(log.deletedNote(note))] });
      });
    }
    return { blocks: blocks, media: media };
  }

  function withBytes(media) {
    return Promise.all(media.map(function (item) {
      return item.blob.arrayBuffer().then(function (bytes) {
        return { id: item.id, extension: item.extension, bytes: new Uint8Array(bytes) };
      });
    }));
  }

  /* "Download the evidence pack (Word)" */
  function wordPack(log) {
    var entries = log.sorted();
    var who = log.preparedBy();
    return Promise.all([wordWriter(), shared.part("spreadsheet"), sp.load("download.js")]).then(function (loaded) {
      var names = loaded[1].fileNames(log, entries);
      return pictures(log, entries, names).then(function (found) {
        var made = packBlocks(log, entries, found, who);
        return withBytes(made.media).then(function (media) {
          var office = who.office ? " \u2013 " + who.office : "";
          var blob = loaded[0].fromBlocks(made.blocks, "Evidence log" + office, {
            creator: who.name, /* Word's "Author": who prepared it */
            header: text("Evidence log" + office + ". Confidential: personal data."),
            footer: [{ text: "Exported " + shared.readableTime(who.at, who.offset) + (who.name ? " by " + who.name : "") + ". " }, { page: true }],
            media: media
          });
          sp.download(blob, shared.fileName("evidence-pack", who, ".docx"));
          log.say("Evidence pack downloaded as a Word document. It is not protected by a passphrase: keep it somewhere safe.");
        });
      });
    });
  }

  /* The archive's README.txt: where and when it was made, what is in it, and the one thing a
     spreadsheet shows that was not recorded (a printing review: an officer met "'@name"). */
  /* Each file's SHA-256, in hex, for README.txt: {name: hash}, or null where this browser has no
     Web Crypto (a page not on https), which README.txt then says. */
  function checksums(files) {
    var subtle = window.crypto && window.crypto.subtle;
    if (!subtle) {
      return Promise.resolve(null);
    }
    var names = Object.keys(files);
    return Promise.all(names.map(function (name) { return subtle.digest("SHA-256", files[name]); })).then(function (digests) {
      var sums = {};
      names.forEach(function (name, i) {
        sums[name] = Array.prototype.map.call(new Uint8Array(digests[i]), function (byte) {
          return (byte < 16 ? "0" : "") + byte.toString(16);
        }).join("");
      });
      return sums;
    }, function () { return null; });
  }

  function archiveReadme(who, sums) {
    var where = sp.pageAddress();
    return [
      "Evidence log",
      "Office: " + (who.office || "Not given"),
      "Prepared by: " + (who.name || "Not given"),
      "Exported " + (where ? "from " + where + " " : "") + "on " + shared.readableTime(who.at, who.offset) + ".",
      shared.timesAre,
      "",
      "evidence-log.csv: one row for each entry, oldest first, numbered in its first column (No.) as in the " +
        "evidence pack, then one column for each field of the log, and when an edited entry last changed. " +
        "It opens in Excel, Numbers, LibreOffice or Google Sheets.",
      "screenshots: each entry's screenshots, named by the entry's number and title, as the CSV lists them.",
      "",
      "A value that starts with =, +, - or @ (an account handle such as @name), or with a tab, has an " +
        "apostrophe (') in front of it in the CSV, so that a spreadsheet shows it as text and never runs it " +
        "as a formula. The apostrophe is not part of what was recorded.",
      "",
      "A spreadsheet may show a long number, such as a police or platform reference, without the 0 at its " +
        "start or as 1.2E+11. The CSV keeps it as recorded: check it in the evidence pack, and do not save the " +
        "CSV again from the spreadsheet, which would keep the changed number.",
      "",
      "To give the police a copy to read, use the evidence pack (Word) from the same page. To move the log " +
        "to another device, import this zip file on the Evidence log page there.",
      "",
      /* A police reading: nothing let an officer tell whether a file was changed after export. */
      "SHA-256 checksums, made when the archive was: a file whose checksum is still the same has not been " +
        "changed since (on Windows, certutil -hashfile FILE SHA256; on a Mac or Linux, shasum -a 256 FILE)."
    ].concat(sums
      ? Object.keys(sums).sort().map(function (name) { return sums[name] + "  " + name; })
      : ["None: this browser could not make them (it makes them only on a secure (https) page)."]
    ).join("\r\n") + "\r\n";
  }

  /* "Download the archive (zip)": the CSV and every screenshot, named by entry, and README.txt. */
  function archive(log) {
    var entries = log.sorted();
    var who = log.preparedBy();
    return Promise.all([zipLibrary(), shared.part("spreadsheet"), sp.load("download.js")]).then(function (loaded) {
      var fflate = loaded[0];
      var spreadsheet = loaded[1];
      var names = spreadsheet.fileNames(log, entries);
      return pictures(log, entries, names).then(function (found) {
        var files = { "evidence-log.csv": fflate.strToU8(spreadsheet.toCsv(log, entries)) };
        var all = [].concat.apply([], found).filter(Boolean);
        return Promise.all(all.map(function (picture) { return picture.blob.arrayBuffer(); })).then(function (bytes) {
          all.forEach(function (picture, i) {
            files["screenshots/" + picture.fileName] = new Uint8Array(bytes[i]);
          });
          return checksums(files);
        }).then(function (sums) {
          Object.keys(files).forEach(function (name) {
            if (name.indexOf("screenshots/") === 0) {
              files[name] = [files[name], { level: 0 }]; /* compressed already */
            }
          });
          files["README.txt"] = fflate.strToU8(archiveReadme(who, sums));
          sp.download(new Blob([fflate.zipSync(files, { level: 6 })], { type: "application/zip" }),
            shared.fileName("evidence-log", who, ".zip"));
          log.say("Log and screenshots downloaded as a zip archive. It is not protected by a passphrase: keep it somewhere safe.");
        });
      });
    });
  }

  /* An archive chosen under "Import": its CSV's entries, with their screenshots, added to the log.
     Entries already in the log are skipped; if any screenshot cannot be kept, nothing is added. */
  function importArchive(log, file) {
    var notOurs = shared.quoted(file.name) + " is not an archive from this page: it has no evidence log CSV in it. Choose the zip " +
      "file you downloaded with \u201cDownload the archive\u201d. Nothing was imported.";
    if (file.size > LARGEST_ARCHIVE) {
      log.alert(shared.quoted(file.name) + " is too large to import on this device. Nothing was imported.");
      return null;
    }
    return Promise.all([file.arrayBuffer(), zipLibrary(), shared.part("spreadsheet"), shared.part("images")])
      .then(function (loaded) {
        var files;
        try {
          files = loaded[1].unzipSync(new Uint8Array(loaded[0]));
        } catch (error) {
          log.alert(shared.quoted(file.name) + " could not be opened: the zip file is damaged or incomplete. Download the archive " +
            "again from the device it came from. Nothing was imported.");
          return null;
        }
        var csvName = Object.keys(files).filter(function (name) { return /^[^/]*\.csv$/i.test(name); })[0];
        if (!csvName) {
          log.alert(notOurs);
          return null;
        }
        return addWithPictures(log, loaded[2], loaded[3], files, csvName, file.name);
      });
  }

  function addWithPictures(log, spreadsheet, images, files, csvName, fileName) {
    var found;
    try {
      found = spreadsheet.entriesFromBytes(log, files[csvName], fileName);
    } catch (error) {
      log.alert(error.message);
      return null;
    }
    var column = log.columns.filter(function (c) { return c.isImages; })[0];
    var fresh = found.filter(function (entry) { return spreadsheet.isNew(log, entry); });
    var kept = [];
    var keepOriginal = log.app.querySelector("[data-sp-keep-originals]").checked;
    return fresh.reduce(function (done, entry) {
      var listed = column && entry.values[column.key] ? entry.values[column.key].split("\n") : [];
      return done.then(function () {
        return listed.reduce(function (before, name) {
          return before.then(function () {
            var bytes = files["screenshots/" + name.trim()];
            if (!bytes) {
              throw new Error(shared.quoted(fileName) + " names a screenshot it does not hold: " + shared.quoted(name) +
                ". The archive may be incomplete: download it again. Nothing was imported.");
            }
            var type = IMAGE_TYPES[(/\.[a-z]+$/i.exec(name) || [""])[0].toLowerCase()] || "";
            return images.keep(log, new File([bytes], name, { type: type }), keepOriginal).then(function (image) {
              kept.push(image);
              entry.images = (entry.images || []).concat([image]);
            });
          });
        }, Promise.resolve()).then(function () {
          if (listed.length) {
            delete entry.values[column.key]; /* attached now, no longer only named */
          }
        });
      });
    }, Promise.resolve()).then(function () {
      spreadsheet.addEntries(log, found, fileName);
    }, function (error) {
      log.alert(error.message.indexOf("Nothing was imported") < 0 ? error.message + " Nothing was imported." : error.message);
      return images.settle(log, kept, []);
    });
  }

  /* "Print the log": the entries alone, one block each, under the heading form.js fills in. Each
     screenshot prints full size (the thumbnail is too small to read), named as the archive names
     it; the thumbnails come back once printed. */
  function print(log) {
    if (!log.entries.length) {
      log.say("Your log has no entries yet: printing the page gives you the blank record.");
      window.print();
      return null;
    }
    if (!log.entries.some(function (entry) { return (entry.images || []).length; })) {
      sp.printOnly("evidence-log");
      return null;
    }
    return Promise.all([shared.part("images"), shared.part("spreadsheet")]).then(function (loaded) {
      var names = loaded[1].fileNames(log, log.sorted());
      return loaded[0].showThumbs(log, function (entry, number) {
        return screenshotName(entry.images[number], names[entry.id][number], true); /* the copy prints */
      }).then(function () {
        window.addEventListener("afterprint", function back() {
          window.removeEventListener("afterprint", back);
          loaded[0].showThumbs(log); /* full-size pictures take much memory on a phone */
        });
        sp.printOnly("evidence-log");
      });
    });
  }

  /* "Delete the whole log from this device": the entries and every screenshot. */
  function erase(log) {
    if (!window.confirm("Delete the whole log from this device?\n\nEvery entry saved in this browser will be " +
        "deleted. You cannot undo this. Download the log first if you want to keep a copy.")) {
      return null;
    }
    log$.storage.remove();
    log.reload();
    log.clearForm();
    log.clearAlert();
    log.say("The whole log has been deleted from this device.");
    log.focusRecord();
    return shared.part("images").then(function (images) { return images.clearAll(); });
  }

  log$.export = { wordPack: wordPack, archive: archive, importArchive: importArchive, print: print, erase: erase };
})();
