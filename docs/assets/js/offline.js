/*
 * Offline: registers the service worker (service-worker.js at the site root, which the build writes
 * from saferpolitics/post_build/offline-worker.js) once the page has loaded (shared.js fetches this
 * file then), and tells the reader what it has done:
 *
 * - a line in the footer: the toolkit is saved on this device, or "you are offline" and what
 *   still needs a signal; with "Keep the PDF on this phone" (the PDF is not stored unasked);
 * - a notice at the top of the page when a newer edition has taken over while the page was open,
 *   with a button to reload (shared.js's showNewEdition, which shows it too when that edition took
 *   over before this file was fetched).
 *
 * Browsers without service workers get none of this: nothing here claims what is not true.
 * Everything is added as elements with text, no inline styles or handlers (strict CSP).
 */
(function () {
  "use strict";

  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  var worker = navigator.serviceWorker;
  var root = new URL("../../", document.currentScript.src); // this file is assets/js/offline.js
  var device = window.matchMedia("(pointer: coarse)").matches ? "phone" : "device";
  var controlled = Boolean(worker.controller);
  var saved = false;

  var element = window.saferPolitics.element;

  /* Polite live regions exist from the start, empty, so that screen readers announce what fills
     them. Not role="status": a page's own status message (the protocol builder's) stays the one.
     The saved-on-this-device line becomes one only once it is first filled: a screen reader says
     what changes (offline, the PDF kept), not the same line on every page a reader opens. */
  var status = element("p", "sp-offline-status");
  var footer = document.querySelector(".sp-pdf-footer") || document.querySelector(".md-content") || document.body;
  footer.appendChild(status);
  window.saferPolitics.updateNotice(); /* the new edition's notice, at the top (shared.js) */

  var pdfLink = document.querySelector(".sp-pdf-footer a[href$='.pdf']");
  var pdfKept = false;

  function pdfIsKept() {
    if (!pdfLink || !window.caches) return Promise.resolve(false);
    return window.caches.match(pdfLink.href).then(Boolean, function () { return false; });
  }

  function askWorker(action) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(Boolean(event.data && event.data.ok)); };
      worker.controller.postMessage({ action: action, url: pdfLink.href }, [channel.port2]);
    });
  }

  var shown = ""; /* the line as last written: text, and the button's label if it has one */

  function showStatus() {
    if (!saved) return;
    var text = navigator.onLine
      ? "This toolkit is saved on this " + device + " and works without a signal."
      : "You are offline. This toolkit still works; links to other websites need a signal.";
    if (pdfLink && pdfKept) text += " The PDF is saved too.";
    else if (pdfLink && !navigator.onLine) text += " The PDF is not saved on this " + device + ".";
    var offerPdf = pdfLink && worker.controller && navigator.onLine;
    var label = !offerPdf ? "" : pdfKept ? "Remove the PDF from this " + device : "Keep the PDF on this " + device;
    if (text + label === shown) return;
    shown = text + label;
    /* Rewriting the line removes what a keyboard reader is on (the worker takes over a moment
       after the first visit loads): they stay on the same link, or on the button if there is one. */
    var focused = status.contains(document.activeElement) ? document.activeElement.tagName : "";
    status.textContent = "";
    status.appendChild(document.createTextNode(text + " "));
    var more = element("a", null, "What is saved, and how to remove it");
    more.href = new URL("about/#offline", root).href;
    status.appendChild(more);
    if (offerPdf) {
      status.appendChild(document.createTextNode(" "));
      status.appendChild(window.saferPolitics.button("sp-offline__button", label, function (event) {
        event.target.disabled = true;
        askWorker(pdfKept ? "forget" : "keep").then(pdfIsKept).then(function (kept) {
          pdfKept = kept;
          shown = ""; /* written again even if keeping failed, so the button works again */
          showStatus();
          var again = status.querySelector(".sp-offline__button");
          if (again) again.focus(); /* a disabled button loses focus in some browsers */
        });
      }));
    }
    if (focused) (status.querySelector(focused === "BUTTON" ? "button" : "a") || more).focus();
  }

  worker.addEventListener("controllerchange", function () {
    if (controlled) window.saferPolitics.showNewEdition(); // a new edition took over; the first visit just starts here
    controlled = true;
    showStatus();
  });
  worker.ready.then(pdfIsKept).then(function (kept) {
    saved = true;
    pdfKept = kept;
    showStatus();
    status.setAttribute("aria-live", "polite");
  });
  window.addEventListener("offline", showStatus);
  /* A page left open for days (a phone's browser keeps tabs) looks for a new edition when the
     reader comes back to it or the signal returns, not only when they open another page. */
  function lookForUpdate() {
    worker.getRegistration(root.href).then(function (registration) {
      if (registration) return registration.update();
    }).catch(function () { /* offline or the server is down: the next visit tries again */ });
  }
  window.addEventListener("online", function () {
    showStatus();
    lookForUpdate();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && navigator.onLine) lookForUpdate();
  });

  function register() {
    worker.register(new URL("service-worker.js", root).href, { scope: root.href }).catch(function () {
      /* No worker (a preview without one, storage blocked): the site works as before, online. */
    });
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
