/* Material's search worker, with the common words of a reader's query left out, each word's stem
   added, phrases searched as the pages say them, and a query that finds nothing asked again
   forgiving a slip in each word.

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

  var SETUP = 0; // Material's message types (its search worker's SearchMessageType): the index,
  var QUERY = 2; // a query,
  var RESULT = 3; // and what it found
  var listen = self.addEventListener.bind(self);
  var post = self.postMessage.bind(self);
  var phrases = []; // [pattern, words to search instead], from data/search-synonyms.yml
  var material = null; // Material's own listener, to ask it again
  var asked = null; // the query whose results Material is about to post

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

  // Python's \w and \s, which saferpolitics/core/search_synonyms.py's phrase_pattern uses: a letter
  // or digit of any language (JavaScript's \w and \b know only a-z and 0-9: "Si" would be found in
  // "Siân"), and the spaces of Python's str.isspace() (JavaScript's \s has U+FEFF, and not U+001C-U+001F
  // or U+0085).
  var LETTER = "\\p{L}\\p{N}_";
  var SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

  // The phrases of data/search-synonyms.yml, which the build puts in the index's config: each
  // matches its words with spaces, a hyphen or nothing between them ("log in", "login"), in any
  // case, as whole words: phrase_pattern's "\b" + words joined by "[\s-]*" + "\b", which the build
  // checks with (tests/unit/test_search_worker_phrases.py runs both). The schema has each phrase
  // start and end with a letter or digit, so "\b" is "after no letter or digit" (the text before
  // is kept, in the first group) and "before none".
  function readPhrases(config) {
    phrases = ((config && config.phrases) || []).map(function (pair) {
      var words = pair[0].split(new RegExp("[" + SPACE + "]+")).filter(Boolean).map(function (word) {
        return word.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
      });
      var pattern = "(^|[^" + LETTER + "])" + words.join("[" + SPACE + "-]*") + "(?![" + LETTER + "])";
      return [new RegExp(pattern, "giu"), pair[1]];
    });
  }

  // A query as the pages write it. Phones type a curly apostrophe ("can’t"), the pages a straight
  // one; then each phrase becomes the words the pages use for it ("log in" is "sign in").
  function asThePagesWriteIt(query) {
    return phrases.reduce(function (text, phrase) {
      return text.replace(phrase[0], function (match, before) { return before + phrase[1]; }); // no $ patterns
    }, query.replace(/[\u2018\u2019]/g, "'"));
  }

  // A message as Material's worker gets it: the index's phrases read on the way in, and a query
  // as the pages write it, without its common words, each word with its stem.
  function prepared(message) {
    if (message && message.type === SETUP && message.data) {
      try {
        readPhrases(message.data.config);
      } catch (error) {
        phrases = []; // a browser without \p{...} in its patterns: phrases searched as typed
      }
    }
    if (!message || message.type !== QUERY || typeof message.data !== "string") {
      return message;
    }
    try {
      var kept = asThePagesWriteIt(message.data).trim().split(/\s+/).filter(counts).reduce(withStem, []);
      return kept.length ? { type: QUERY, data: kept.join(" ") } : message;
    } catch (error) {
      return message; // a lunr without its filter of common words: search as typed
    }
  }

  // A word typed with a letter wrong, missing, extra or swapped ("pasword", "harrassment",
  // "hacekd") finds nothing, and a stressed reader types fast: a query that finds nothing is asked
  // again, each word of five letters or more allowed one such slip (lunr's "~1"). Shorter words
  // stay as typed: one slip turns "bank" or "loan" into a word on some page, and the reader would
  // see pages that have nothing to do with it instead of "No results" and the way on. Null when
  // no word is long enough to ask again.
  function forgiving(query) {
    var words = query.split(" ").map(function (word) {
      var plain = word.replace(/\*$/, "");
      return /^[a-z]{5,}$/i.test(plain) ? plain + "~1" : word;
    });
    return words.join(" ") !== query ? words.join(" ") : null;
  }

  // Material's worker answers a query with postMessage, in the same turn as the query (in order):
  // an answer with no results is held back while the query is asked again, forgiving slips.
  self.postMessage = function (message) {
    var found = message && message.type === RESULT && message.data && message.data.items;
    var again = found && !found.length && asked !== null ? forgiving(asked) : null;
    asked = null;
    if (again) {
      material({ data: { type: QUERY, data: again } });
    } else {
      post.apply(self, arguments);
    }
  };

  // Material's worker listens with addEventListener("message", ...) when it loads, just below.
  self.addEventListener = function (type, listener, options) {
    var heard = listener;
    if (type === "message") {
      material = listener;
      heard = function (event) {
        var message = prepared(event.data);
        asked = message && message.type === QUERY ? message.data : null;
        listener({ data: message });
      };
    }
    listen(type, heard, options);
  };
  importScripts(new URL(decodeURIComponent(location.hash.slice(1)), location.href).href);
})();
