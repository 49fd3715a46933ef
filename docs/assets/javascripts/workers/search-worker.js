/* Material's search worker, with the common words of a reader's query left out and each word's
   stem added.

   Material adds a wildcard to every word of a query ("a" becomes "a*"), so lunr's filter of common
   words never sees them: "I clicked a link" also found every word starting with "a" or "i", and put
   the fake-account answer first. This worker takes lunr's own common words ("a", "i", "the", "of",
   "have"...) out of each query, then Material's worker searches what is left. A query of common
   words alone, or any query if lunr has no such filter, is searched as typed.

   It sits beside Material's worker, so Material finds its language packs ("../lunr") where it
   expects them. The build points Material's config at this script and names Material's worker
   after the "#" in its address (saferpolitics/post_build/theme_fixes.py). */
(function () {
  "use strict";

  var QUERY = 2; // Material's message type for a query (its search worker's SearchMessageType)
  var listen = self.addEventListener.bind(self);

  function counts(word) {
    return !/^[a-z]+$/i.test(word) || self.lunr.stopWordFilter(word.toLowerCase()) !== undefined;
  }

  // "harassed" finds only "harassed": Material's wildcard keeps lunr's stemmer away too. A word
  // is searched with its stem as well ("harass" finds "harassment"), unless the stem only drops
  // an "e" ("police" would find "policy").
  function withStem(words, word) {
    var plain = word.toLowerCase();
    var stem = /^[a-z]+$/.test(plain) ? self.lunr.stemmer(new self.lunr.Token(plain, {})).toString() : plain;
    var more = stem !== plain && stem + "e" !== plain && words.indexOf(stem) === -1 ? [stem] : [];
    return words.concat([word], more);
  }

  // A word as the pages write it. Phones type a curly apostrophe ("can’t"), the pages a straight
  // one. And lunr counts "cannot" as a common word but not "can't": "cannot log in" would search
  // for "log" alone and find the evidence log.
  function asThePagesWriteIt(word) {
    var straight = word.replace(/[\u2018\u2019]/g, "'");
    return straight.toLowerCase() === "cannot" ? "can't" : straight;
  }

  // The pages say "sign in". "log in" would search for "log" alone ("in" is a common word) and
  // find the evidence log, and a synonym "login" would pull every "log" search to sign-in help.
  function signInAsThePagesSayIt(query) {
    return query.replace(/\blog[\s-]*(in|on)\b/gi, "sign in");
  }

  function withoutCommonWords(message) {
    if (!message || message.type !== QUERY || typeof message.data !== "string") {
      return message;
    }
    try {
      var kept = signInAsThePagesSayIt(message.data).trim().split(/\s+/).map(asThePagesWriteIt).filter(counts).reduce(withStem, []);
      return kept.length ? { type: QUERY, data: kept.join(" ") } : message;
    } catch (error) {
      return message; // a lunr without its filter of common words: search as typed
    }
  }

  // Material's worker listens with addEventListener("message", ...) when it loads, just below.
  self.addEventListener = function (type, listener, options) {
    var heard = type === "message" ? function (event) { listener({ data: withoutCommonWords(event.data) }); } : listener;
    listen(type, heard, options);
  };
  importScripts(new URL(decodeURIComponent(location.hash.slice(1)), location.href).href);
})();
