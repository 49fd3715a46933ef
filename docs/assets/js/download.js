/* Saves a file a page made in this browser (the protocol builder's Word draft, the evidence log's
   CSV, Word pack and zip archive) to the reader's device, as the browser's own download: nothing
   is sent anywhere. Fetched with saferPolitics.load("download.js") when a page first makes a file,
   so it is in no page's first view. */
(function () {
  "use strict";

  window.saferPolitics.download = function (blob, name) {
    var link = window.saferPolitics.element("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  };
})();
