/* Evidence log, the passphrase (fetched when first used; storage.js lists the parts).
   With a passphrase the saved log, and each screenshot, is encrypted with AES-GCM under a key
   derived from it with PBKDF2 (Web Crypto). The key is kept in this tab's memory only; the
   passphrase itself is never saved. AES-GCM also checks nothing was changed: a wrong passphrase
   or damaged data fails to decrypt, and never gives wrong entries. */
(function () {
  "use strict";

  var PBKDF2_ITERATIONS = 600000; /* OWASP's 2023 figure for PBKDF2-HMAC-SHA256 */
  var WRONG = "That passphrase does not open this log. Check it and try again. If you have forgotten it, " +
    "nobody can open the log: you can only delete it and start again.";

  function toBase64(bytes) {
    var text = "";
    new Uint8Array(bytes).forEach(function (byte) { text += String.fromCharCode(byte); });
    return btoa(text);
  }

  function fromBase64(text) {
    return Uint8Array.from(atob(text), function (ch) { return ch.charCodeAt(0); });
  }

  function deriveKey(passphrase, salt) {
    var subtle = window.crypto.subtle;
    return subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"])
      .then(function (material) {
        return subtle.deriveKey({ name: "PBKDF2", salt: salt, iterations: PBKDF2_ITERATIONS, hash: "SHA-256" },
          material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      });
  }

  /* Bytes (an ArrayBuffer or typed array) -> {iv, data}: what is stored for a sealed screenshot. */
  function encryptBytes(key, bytes) {
    var iv = window.crypto.getRandomValues(new Uint8Array(12));
    return window.crypto.subtle.encrypt({ name: "AES-GCM", iv: iv }, key, bytes).then(function (data) {
      return { iv: iv, data: data };
    });
  }

  /* Rejects when the key is wrong or the data was changed. */
  function decryptBytes(key, sealed) {
    return window.crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, key, sealed.data);
  }

  /* The log as saved with a passphrase: the salt to derive the key again, and the sealed log,
     {entries, deleted} (storage.js's opened() reads it, and a bare list of entries sealed before). */
  function seal(lock, log) {
    return encryptBytes(lock.key, new TextEncoder().encode(JSON.stringify(log))).then(function (sealed) {
      return { version: 1, encrypted: { salt: toBase64(lock.salt), iv: toBase64(sealed.iv), data: toBase64(sealed.data) } };
    });
  }

  function unseal(key, sealed) {
    return decryptBytes(key, { iv: fromBase64(sealed.iv), data: fromBase64(sealed.data) })
      .then(function (plain) { return JSON.parse(new TextDecoder().decode(plain)); });
  }

  /* Screenshots follow the log: sealed with a new key, or opened when the passphrase goes. */
  function resealImages(log, from, to) {
    var images = window.saferPolitics.evidenceLog.images;
    return images ? images.reseal(log, from, to) : Promise.resolve();
  }

  /* "Protect the log": its form's boxes are the passphrase and the same typed again. */
  function set(log, form) {
    var boxes = form.querySelectorAll("input[type=password]");
    if (boxes[0].value.length < 8) {
      log.alert("Choose a passphrase of at least 8 characters. Three or four random words are easy to remember and hard to guess.");
      return null;
    }
    if (boxes[0].value !== boxes[1].value) {
      log.alert("The two passphrases are not the same. Type it again in both boxes.");
      return null;
    }
    var salt = window.crypto.getRandomValues(new Uint8Array(16));
    return deriveKey(boxes[0].value, salt).then(function (key) {
      boxes[0].value = "";
      boxes[1].value = "";
      var lock = { key: key, salt: salt };
      return resealImages(log, log.lock, lock).then(function () {
        log.lock = lock;
        log.clearAlert();
        log.showLockState();
        return log.write();
      });
    }).then(function (ok) {
      if (ok) {
        log.say("Your log is now saved encrypted with your passphrase.");
      }
    });
  }

  /* "Remove the passphrase": the log and its screenshots are saved without encryption. */
  function remove(log) {
    return resealImages(log, log.lock, null).then(function () {
      log.lock = null;
      log.showLockState();
      log.keepPreparer(); /* kept again, as before the passphrase */
      return log.write();
    }).then(function (ok) {
      if (ok) {
        log.say("Passphrase removed. Your log is saved on this device without encryption.");
      }
    });
  }

  /* "Open the log", with the passphrase in its form's one box. */
  function open(log, form) {
    var box = form.querySelector("input[type=password]");
    var locked = log.sealed;
    var salt = fromBase64(locked.salt);
    return deriveKey(box.value, salt).then(function (key) {
      return unseal(key, locked).then(function (opened) {
        box.value = "";
        log.lock = { key: key, salt: salt };
        var found = window.saferPolitics.evidenceLog.storage.opened(opened);
        log.entries = found.entries;
        log.deleted = found.deleted;
        log.sealed = null;
        log.clearAlert();
        log.showLockState();
        log.clearForm();
        log.render();
        log.say("Log opened.");
        log.focusRecord();
      }, function () {
        log.alert(WRONG);
      });
    });
  }

  /* "Lock the log now": forget the key and the entries; they stay encrypted on the device. */
  function lockNow(log) {
    log.reload();
    log.clearForm();
    log.say("Log locked. Enter your passphrase to open it again.");
    log.app.querySelector("[data-sp-lock=open] input").focus();
  }

  window.saferPolitics.evidenceLog.encryption = {
    lock: lockNow,
    seal: seal,
    encryptBytes: encryptBytes,
    decryptBytes: decryptBytes,
    set: set,
    open: open,
    remove: remove
  };
})();
