/* What the site's scripts share, under the one global they use, window.saferPolitics: element(),
   button(), fileNamePart(), dateInWords(), pageAddress(), whereAndWhen(), onEachPage(), printOnly(),
   kept(), keep(), load(), updateNotice() and showNewEdition() below, and each feature's own object, which its
   scripts add (evidenceLog, docx, download). It runs first on every page (mkdocs.yml,
   extra_javascript), so it also holds what every page does without a feature of its own:
   - just before printing, the addresses of links to the toolkit's pages and files, "Printed
     from ... on ...", 999 and 101 under the title, and the light scheme (the reader's comes back
     after printing);
   - Space and the arrow keys on the colour-scheme switch, as Enter;
   - once the page has loaded, the offline worker's registration (offline.js, fetched with load()),
     or, should the new edition's worker have taken over first, the notice to reload.
   It stays this small: helpers only some pages need are fetched with load() when first used
   (download.js, docx-writer.js). */
(function () {
  "use strict";

  var sp = window.saferPolitics = window.saferPolitics || {};
  var FOLDER = document.currentScript.src.replace(/shared\.js.*/, ""); /* the site's scripts */
  var loading = {};
  /* Each script load() fetches, with its SHA-256 as this edition built it: the build writes them
     in after the first entry (saferpolitics/post_build/offline.py, with_on_demand_hashes). */
  var OWN_FILES = {"SP-ON-DEMAND-FILES":1};
  var UPDATED = "The toolkit has been updated since you opened this page, so this part of the page cannot load. " +
    "Save what you have typed, then reload the page.";
  /* The website answered, but without the file (404, or a fault on the server): not the reader's
     connection, and a reload may find the file once the website is whole again. */
  var NOT_SENT = "The toolkit's website did not send a file this part of the page needs, so it cannot load. " +
    "Save what you have typed, then reload the page. If it still does not load, try again later.";
  var OFFLINE = "This part of the page could not be loaded. Check your internet connection and try again.";

  /* A new element with a class and its text, both optional. Text only ever goes in as text. */
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* The one way a script makes a button: type="button", so it never submits a form it sits in,
     and what a click on it does (optional: some pages listen on the list around their buttons). */
  function button(className, text, onClick) {
    var node = element("button", className, text);
    node.type = "button";
    if (onClick) node.addEventListener("click", onClick);
    return node;
  }

  /* Words as part of a file name: letters and digits joined by hyphens, accents dropped, so a
     Welsh or Irish name keeps its letters ("Siân Ní Bhriain" is "sian-ni-bhriain"). */
  function fileNamePart(words) {
    return words.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* A date as the pages write it: "6 December 2026". */
  function dateInWords(date) {
    return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  /* The one way a feature sets itself up on a page: fn runs once the page is there, and again
     for each page Material's instant navigation swaps in without a reload, should mkdocs.yml
     switch it on (Material's document$ fires for each page; it is off today). */
  function onEachPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  /* The one way to read what a feature keeps on this device (localStorage: this site only, never
     sent): the value kept under key, as JSON, or null when there is none, it cannot be read, or
     this browser keeps nothing (some private windows, storage blocked). Never throws. */
  function kept(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  /* ... and to keep it: value as JSON under key, or the key forgotten when value is null. "" once
     done, else the error's name ("QuotaExceededError": storage full), so a feature can say what
     went wrong or leave the value on the page for now. Never throws. */
  function keep(key, value) {
    try {
      if (value === null) {
        window.localStorage.removeItem(key);
      } else {
        window.localStorage.setItem(key, JSON.stringify(value));
      }
      return "";
    } catch (error) {
      return (error && error.name) || "Error";
    }
  }

  /* The one way to print one part of a page (the builder's draft or card, the evidence log's
     record): while <html data-sp-print="..."> is set, that feature's stylesheet hides the rest.
     Once printed, the attribute is as it was before. */
  function printOnly(what) {
    var root = document.documentElement;
    var before = root.getAttribute("data-sp-print");
    root.setAttribute("data-sp-print", what);
    window.addEventListener("afterprint", function done() {
      window.removeEventListener("afterprint", done);
      if (before) {
        root.setAttribute("data-sp-print", before);
      } else {
        root.removeAttribute("data-sp-print");
      }
    });
    window.print();
  }

  /* The one way a script fetches another when a reader first needs it, so a page's first view
     stays small: load("docx-writer.js") runs that file from this folder once (each is listed
     under the plugin's load_on_demand in mkdocs.yml) and resolves when it has run. If it cannot be
     fetched (offline on a first visit), it rejects with a message for the reader, and is tried
     again when next asked for.

     Only this page's own edition of the file runs. The offline worker replaces the whole toolkit
     at once and takes over pages already open, so a page opened before a new edition would
     otherwise run the new edition's file beside its own, which may not fit (the evidence log's
     parts call each other). The browser checks the file against its hash (integrity) and refuses
     another, and the reader is asked to reload (the evidence log asks before a reload would lose
     what was typed). The hash is in the address too, so the browser's own cache never offers an
     older copy; the worker ignores it and answers from the toolkit it keeps. */
  function load(file) {
    return loading[file] || (loading[file] = new Promise(function (resolve, reject) {
      var script = element("script");
      var src = FOLDER + file;
      var hash = OWN_FILES[file];
      if (hash) {
        script.integrity = hash;
        src += "?v=" + encodeURIComponent(hash.slice(7, 19));
      }
      script.onload = resolve;
      script.onerror = function () {
        delete loading[file];
        script.remove();
        /* Fetched, but not this edition's (its hash differs); answered without it (NOT_SENT); or
           no answer at all (offline). */
        window.fetch(src).then(function (response) { return response.ok ? UPDATED : NOT_SENT; }, function () { return OFFLINE; })
          .then(function (message) { reject(new Error(message)); });
      };
      script.src = src;
      document.head.appendChild(script);
    }));
  }

  /* The line at the top of the page that says a newer edition has taken over, made once, empty:
     a polite live region from the start (offline.js makes it as it sets up), so screen readers
     announce what fills it. */
  function updateNotice() {
    var notice = document.querySelector(".sp-offline-update");
    if (!notice) {
      notice = element("div", "sp-offline-update");
      notice.setAttribute("aria-live", "polite");
      var top = document.querySelector(".md-content__inner") || document.body;
      top.insertBefore(notice, top.firstChild);
    }
    return notice;
  }

  /* "A newer version of this toolkit is available", with a button to reload, once. offline.js
     shows it when a new edition takes over the open page; this page shows it itself when
     offline.js cannot run because the new edition took over first (below). */
  function showNewEdition() {
    var notice = updateNotice();
    if (notice.firstChild) return;
    notice.appendChild(element("p", null, "A newer version of this toolkit is available."));
    notice.appendChild(button("sp-offline__button", "Reload to see it", function () { window.location.reload(); }));
  }

  /* An address as paper shows it: no scheme, no www., no trailing slash. */
  function readable(url) {
    return url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "");
  }
  /* The page's public address as paper shows it ("toolkit.example/protocol-builder"), or "" on a
     site built without one (no site_url: no canonical link). */
  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? readable(canonical.href) : "";
  }

  /* Where a printout or a Word file came from, and when, for the paper that stays on a wall or
     goes to the police: whereAndWhen("Printed", "from") is "Printed from toolkit.example/help/abuse
     on 7 December 2026", or "Printed on 7 December 2026" without an address. */
  function whereAndWhen(done, preposition) {
    var where = pageAddress();
    return done + (where ? " " + preposition + " " + where : "") + " on " + dateInWords(new Date());
  }

  /* Paper cannot follow a link: just before printing, each link to another page or file of the
     toolkit (the crisis cards, the blank log) gets its address after it, and the page says where
     it is from and when it was printed, under its title, then the numbers the screen keeps in
     its header, 999 and 101 (print.css shows these on paper only). Addresses are the public
     ones (the canonical link), also when the page was saved offline. */
  function addressesForPaper() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var article = document.querySelector("article.md-content__inner");
    if (!canonical || !article) {
      return;
    }
    article.querySelectorAll("a[href]:not([data-sp-address])").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!/^(#|[a-z][a-z0-9+.-]*:)/i.test(href) && !link.closest("nav")) {
        link.setAttribute("data-sp-address", "");
        link.after(element("span", "sp-print-address", " (" + readable(new URL(href, canonical.href).href) + ")"));
      }
    });
    var title = article.querySelector("h1");
    var from = article.querySelector(".sp-printed-from") || element("p", "sp-printed-from");
    from.textContent = whereAndWhen("Printed", "from") + ".";
    if (title && !from.isConnected) {
      title.after(from);
      from.after(element("p", "sp-printed-emergency", "In immediate danger, call 999. Not an emergency, call 101."));
    }
  }
  window.addEventListener("beforeprint", addressesForPaper);

  /* Paper is white: a page read in the dark scheme prints in the light one. The dark scheme's
     white warning text and pale links came out invisible or faint on paper, and browsers print no
     backgrounds. The reader's scheme comes back once the page is printed. */
  var readingScheme = null;
  window.addEventListener("beforeprint", function () {
    readingScheme = document.body.getAttribute("data-md-color-scheme");
    document.body.setAttribute("data-md-color-scheme", "default");
  });
  window.addEventListener("afterprint", function () {
    if (readingScheme) {
      document.body.setAttribute("data-md-color-scheme", readingScheme);
    }
  });

  /* The colour-scheme switch: only the radio button whose button shows takes the focus
     (service.css), so Space and the arrow keys, which a radio button answers to, switch the
     scheme as Enter does in Material: the next radio is chosen and focused, its button shown. */
  document.addEventListener("keydown", function (event) {
    var shown = [" ", "ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown"].indexOf(event.key) !== -1 &&
      event.target.closest && event.target.closest("form[data-md-component=palette]");
    var label = shown && shown.querySelector("label:not([hidden])");
    var next = label && document.getElementById(label.htmlFor);
    if (next) {
      event.preventDefault();
      next.click();
      next.focus();
    }
  });

  /* The offline worker and its status line: after the page has loaded, as a service worker
     should be, and never in the page's first view. Offline on a first visit there is none.
     A new edition's worker that took over between this page and its offline.js answers with the
     new edition's file, which load() refuses: offline.js never runs to say so, so the page does
     (the region first, then its words, for screen readers to announce them). */
  window.addEventListener("load", function () {
    load("offline.js").catch(function (error) {
      if (error.message === UPDATED) {
        updateNotice();
        window.setTimeout(showNewEdition, 500);
      }
    });
  });

  Object.assign(sp, {
    element: element, button: button, fileNamePart: fileNamePart, dateInWords: dateInWords,
    pageAddress: pageAddress, whereAndWhen: whereAndWhen, printOnly: printOnly, kept: kept, keep: keep,
    onEachPage: onEachPage, load: load, updateNotice: updateNotice, showNewEdition: showNewEdition
  });
})();
