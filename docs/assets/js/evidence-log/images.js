/* Evidence log, screenshots (fetched when first used; storage.js lists the parts).
   Pictures attached to an entry are kept in this browser's IndexedDB for this site, never sent:
   each as a copy resized on the device (at most MAX_SIDE pixels on its longer side), a thumbnail,
   and the original file only if the reader asks. The entry lists them (name, size, kind), so
   they are encrypted with the log and exported with it; with a passphrase every stored picture
   is encrypted with the log's key too (encryption.js). The thumbnails are shown as data: URLs,
   which the page policy allows for images. */
(function () {
  "use strict";

  var element = window.saferPolitics.element;
  var shared = window.saferPolitics.evidenceLog.shared;
  var DB_NAME = "sp-evidence-log";
  var STORE = "images";
  var MAX_SIDE = 2000; /* a phone screenshot's text stays sharp */
  var THUMB_SIDE = 240;
  var LARGEST_FILE = 30 * 1024 * 1024;
  var WARN_SHARE = 0.8; /* of the space the browser allows this site */
  var UNSAVED_FOR = 24 * 60 * 60 * 1000; /* a picture no entry lists after a day was never saved */

  function megabytes(bytes) {
    if (bytes >= 1073741824) {
      return (bytes / 1073741824).toFixed(1) + " GB";
    }
    return (bytes / 1048576).toFixed(bytes < 10485760 ? 1 : 0) + " MB";
  }

  /* ---- IndexedDB: one record per picture, {id, thumb, full, original?}, each a Blob or sealed ---- */

  var opening = null;
  function database() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var request = window.indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "id" }); };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { opening = null; reject(request.error); };
      });
    }
    return opening;
  }

  /* job(store) inside one transaction; resolves with what it returns once the transaction is done. */
  function transaction(mode, job) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = job(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error || new DOMException("Aborted", "AbortError")); };
      });
    });
  }

  function getRecord(id) {
    return transaction("readonly", function (kept) { return kept.get(id); });
  }

  function putRecords(records) {
    return transaction("readwrite", function (kept) { records.forEach(function (record) { kept.put(record); }); });
  }

  function deleteRecords(ids) {
    if (!ids.length) {
      return Promise.resolve();
    }
    return transaction("readwrite", function (kept) { ids.forEach(function (id) { kept.delete(id); }); });
  }

  function clearAll() {
    return transaction("readwrite", function (kept) { kept.clear(); }).catch(function () {});
  }

  /* ---- Sealing with the log's key: a Blob in, {iv, data} out, and back ---- */

  var PARTS = ["thumb", "full", "original"];

  function sealRecord(record, lock) {
    return shared.part("encryption").then(function (encryption) {
      return Promise.all(PARTS.map(function (name) {
        var blob = record[name];
        return blob ? blob.arrayBuffer().then(function (bytes) {
          return encryption.encryptBytes(lock.key, bytes).then(function (sealed) {
            sealed.type = blob.type;
            return sealed;
          });
        }) : null;
      }));
    }).then(function (sealed) {
      var out = { id: record.id, sealed: true };
      PARTS.forEach(function (name, i) {
        if (sealed[i]) {
          out[name] = sealed[i];
        }
      });
      return out;
    });
  }

  /* Rejects when the key does not open it (another passphrase) or it was changed. */
  function openRecord(record, lock) {
    if (!record || !record.sealed) {
      return Promise.resolve(record);
    }
    if (!lock) {
      return Promise.reject(new Error("sealed"));
    }
    return shared.part("encryption").then(function (encryption) {
      return Promise.all(PARTS.map(function (name) {
        var sealed = record[name];
        return sealed ? encryption.decryptBytes(lock.key, sealed).then(function (bytes) {
          return new Blob([bytes], { type: sealed.type });
        }) : null;
      }));
    }).then(function (opened) {
      var out = { id: record.id };
      PARTS.forEach(function (name, i) {
        if (opened[i]) {
          out[name] = opened[i];
        }
      });
      return out;
    });
  }

  function store(log, record) {
    return (log.lock ? sealRecord(record, log.lock) : Promise.resolve(record)).then(function (ready) {
      return putRecords([ready]);
    });
  }

  /* The picture's blobs, opened: {thumb, full, original?}; null if it is missing or cannot be opened. */
  function blobs(log, image) {
    return getRecord(image.id).then(function (record) { return openRecord(record, log.lock); })
      .catch(function () { return null; });
  }

  /* Every stored picture moves from one key to another (null: not encrypted). */
  function reseal(log, from, to) {
    return transaction("readonly", function (all) { return all.getAll(); }).then(function (records) {
      return Promise.all(records.map(function (record) {
        return openRecord(record, from).then(function (open) {
          return to ? sealRecord(open, to) : open;
        }, function () { return null; }); /* not ours to open (another tab's key): left as it is */
      }));
    }).then(function (ready) {
      return putRecords(ready.filter(Boolean));
    });
  }

  /* ---- Pictures from the reader's files: checked, resized on the device ---- */

  function decode(file) {
    return window.createImageBitmap(file, { imageOrientation: "from-image" });
  }

  function drawn(bitmap, side, type, quality) {
    var scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
    var canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    var context = canvas.getContext("2d");
    context.fillStyle = "#ffffff"; /* a transparent PNG would turn black in a JPEG */
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return new Promise(function (resolve, reject) {
      canvas.toBlob(function (blob) {
        return blob ? resolve({ blob: blob, width: canvas.width, height: canvas.height }) : reject(new Error("canvas"));
      }, type, quality);
    });
  }

  /* {image (what the entry lists), record (what IndexedDB keeps)}; rejects with a reader's message. */
  function forReader(message) {
    var error = new Error(message);
    error.forReader = true;
    return error;
  }

  function prepare(file, keepOriginal) {
    if (file.size > LARGEST_FILE) {
      return Promise.reject(forReader(shared.quoted(file.name) + " is larger than " + megabytes(LARGEST_FILE) +
        ", too large to keep on this device. Attach a screenshot, or a smaller copy of the photo."));
    }
    var notPicture = forReader(shared.quoted(file.name) + " is not a picture this page can read. Attach a screenshot or " +
      "photo (such as a PNG or JPEG file). Nothing was added.");
    if (file.type && file.type.indexOf("image/") !== 0) {
      return Promise.reject(notPicture);
    }
    return decode(file).catch(function () { throw notPicture; }).then(function (bitmap) {
      var small = Math.max(bitmap.width, bitmap.height) <= MAX_SIDE && file.type === "image/jpeg";
      /* The picture as attached: each copy's caption says how the copy differs (export.js). */
      var source = { width: bitmap.width, height: bitmap.height, type: file.type || "" };
      return Promise.all([
        small ? { blob: file, width: bitmap.width, height: bitmap.height } : drawn(bitmap, MAX_SIDE, "image/jpeg", 0.85),
        drawn(bitmap, THUMB_SIDE, "image/jpeg", 0.7)
      ]).then(function (made) {
        bitmap.close();
        var id = "img-" + shared.newId();
        var record = { id: id, full: made[0].blob, thumb: made[1].blob };
        if (keepOriginal) {
          record.original = file;
        }
        return {
          record: record,
          image: {
            id: id,
            name: file.name || "screenshot",
            type: made[0].blob.type,
            width: made[0].width,
            height: made[0].height,
            size: made[0].blob.size,
            original: keepOriginal ? { type: file.type || "application/octet-stream", size: file.size } : null,
            source: source
          }
        };
      });
    });
  }

  /* A file kept on the device (resized, with its thumbnail); resolves with what the entry lists. */
  function keep(log, file, keepOriginal) {
    return prepare(file, keepOriginal).then(function (made) {
      return store(log, made.record).then(function () { return made.image; });
    });
  }

  /* ---- The space this site uses and may use ---- */

  function estimate() {
    return navigator.storage && navigator.storage.estimate ? navigator.storage.estimate().catch(function () { return null; }) : Promise.resolve(null);
  }

  function showSpace(log) {
    var line = log.app.querySelector("[data-sp-space]");
    return estimate().then(function (space) {
      if (!line || !space || !space.quota) {
        return space;
      }
      var full = space.usage / space.quota >= WARN_SHARE;
      line.textContent = "This log and its screenshots use " + megabytes(space.usage) + " of the " +
        megabytes(space.quota) + " this browser lets this site keep on this device." +
        (full ? " Space is running out: download the evidence pack and the archive now, then delete entries you no longer need." : "");
      line.classList.toggle("sp-evlog__warning", full);
      line.hidden = false;
      return space;
    });
  }

  /* ---- Thumbnails: in the form (with a Remove button each) and in the list of entries ---- */

  function dataUrl(blob) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(blob);
    });
  }

  /* One picture with its caption: {item, shown}, shown resolving once it shows (or says it is
     missing). `part` is "thumb" on screen, "full" on paper. */
  function thumbnail(log, image, part, caption) {
    var figure = element("li", "sp-evlog__thumb");
    var picture = element("img");
    if (part === "full") {
      picture.setAttribute("data-sp-full", ""); /* form.js: no "small copies" line on paper */
    }
    picture.alt = "Screenshot: " + image.name;
    picture.width = 120;
    picture.height = Math.max(1, Math.round(120 * image.height / image.width));
    figure.appendChild(picture);
    var words = figure.appendChild(element("span", null, caption || image.name));
    var shown = blobs(log, image).then(function (found) {
      if (!found) {
        words.textContent = (caption || image.name) + " (missing on this device)";
        picture.remove();
        return null;
      }
      return dataUrl(found[part || "thumb"]).then(function (url) {
        picture.src = url;
        return picture.decode();
      });
    }).catch(function () {});
    return { item: figure, shown: shown };
  }

  function showPending(log) {
    var list = log.app.querySelector("[data-sp-pending]");
    list.textContent = "";
    log.pending.forEach(function (image) {
      var item = thumbnail(log, image).item;
      var button = item.appendChild(window.saferPolitics.button("md-button", "Remove"));
      button.setAttribute("data-sp-do", "images.remove");
      button.setAttribute("data-sp-image", image.id);
      button.appendChild(element("span", "sp-visually-hidden", " screenshot: " + image.name));
      list.appendChild(item);
    });
    list.hidden = !log.pending.length;
  }

  /* Fills each entry's placeholder in the list (form.js leaves one where an entry has pictures).
     For paper ("Print the log", export.js), named(entry, number) gives each picture's caption and
     the full-size copy replaces the thumbnail: a printed thumbnail was 4 cm by 6 cm, too small to
     read. Resolves once every picture shows. */
  function showThumbs(log, named) {
    var showing = [];
    Array.prototype.forEach.call(log.app.querySelectorAll("[data-sp-thumbs]"), function (list) {
      var id = list.getAttribute("data-sp-thumbs");
      var entry = log.entries.filter(function (e) { return e.id === id; })[0];
      list.textContent = "";
      (entry && entry.images || []).forEach(function (image, number) {
        var made = named ? thumbnail(log, image, "full", named(entry, number)) : thumbnail(log, image);
        list.appendChild(made.item);
        showing.push(made.shown);
      });
    });
    if (!named) {
      forgetUnsaved(log).then(function () { return showSpace(log); });
    }
    return Promise.all(showing);
  }

  /* Pictures attached to an entry that was never saved (the page was closed first) would take
     space unseen: once a day has passed, those no entry lists are deleted. Only while the log is
     open and saved here, so a locked log or another tab's entry in progress is never touched. */
  function forgetUnsaved(log) {
    if (log.sealed || !log.canSave) {
      return Promise.resolve();
    }
    var listed = {};
    log.entries.concat([{ images: log.pending }]).forEach(function (entry) {
      (entry.images || []).forEach(function (image) { listed[image.id] = true; });
    });
    /* An id is "img-" then when it was made (storage.js, newId: milliseconds in base 36) and 4 letters. */
    var made = function (id) { return parseInt(id.slice(4, -4), 36) || 0; };
    return transaction("readonly", function (kept) { return kept.getAllKeys(); }).then(function (ids) {
      return deleteRecords(ids.filter(function (id) {
        return !listed[id] && Date.now() - made(id) > UNSAVED_FOR;
      }));
    }).catch(function () {});
  }

  /* The reader chose files: each is checked and kept, or says why not; nothing saved is touched. */
  function attach(log, input) {
    var files = Array.prototype.slice.call(input.files);
    var keepOriginal = log.app.querySelector("[data-sp-keep-originals]").checked;
    input.value = "";
    var problems = [];
    var added = 0;
    return Array.prototype.reduce.call(files, function (done, file) {
      return done.then(function () {
        return estimate().then(function (space) {
          if (space && space.quota && space.quota - space.usage < file.size * 2 + 1048576) {
            throw new Error("There is not enough space left on this device for " + shared.quoted(file.name) + ". Download the " +
              "evidence pack and the archive, then delete entries you no longer need. Your log is unchanged.");
          }
          return null;
        }).then(function () {
          return keep(log, file, keepOriginal).then(function (image) {
            log.pending.push(image);
            added++;
          }, function (error) {
            if (error && error.forReader) {
              throw error; /* not a picture, or too large: it says so */
            }
            throw new Error(error && error.name === "QuotaExceededError"
              ? "This browser's storage for this site is full, so " + shared.quoted(file.name) + " was not kept. Download the " +
                "evidence pack and the archive, then delete entries you no longer need. Your log is unchanged."
              : "This browser did not let this site keep " + shared.quoted(file.name) + " (some private windows do this). Your log is unchanged.");
          });
        }).catch(function (error) { problems.push(error.message); });
      });
    }, Promise.resolve()).then(function () {
      showPending(log);
      showSpace(log);
      if (problems.length) {
        log.alert(problems.join(" "));
      } else {
        log.clearAlert();
      }
      if (added) {
        log.say(shared.plural(added, "screenshot", "screenshots") + " attached. Save the entry to keep " + (added === 1 ? "it." : "them."));
      }
    });
  }

  /* "Remove" under a thumbnail in the form. A picture attached in this form only is deleted now;
     one the entry already had goes when the entry is saved (Cancel keeps it). */
  function remove(log, button) {
    var id = button.getAttribute("data-sp-image");
    var entry = log.entries.filter(function (e) { return e.id === log.editing; })[0];
    var removed = log.pending.filter(function (image) { return image.id === id; });
    log.pending = log.pending.filter(function (image) { return image.id !== id; });
    showPending(log);
    log.app.querySelector("[data-sp-do='images.attach']").focus();
    return settle(log, removed, entry && entry.images);
  }

  /* The pictures in `from` that are not in `to` are deleted from the device. */
  function settle(log, from, to) {
    var kept = (to || []).map(function (image) { return image.id; });
    return deleteRecords((from || []).map(function (image) { return image.id; }).filter(function (id) {
      return kept.indexOf(id) < 0;
    })).then(function () { return showSpace(log); });
  }

  window.saferPolitics.evidenceLog.images = {
    attach: attach,
    keep: keep,
    remove: remove,
    showPending: showPending,
    showThumbs: showThumbs,
    showSpace: showSpace,
    settle: settle,
    reseal: reseal,
    blobs: blobs,
    store: store,
    clearAll: clearAll,
    dataUrl: dataUrl
  };
})();
