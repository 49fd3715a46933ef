"""The search phrases' pattern is written twice: in Python (saferpolitics/core/search_synonyms.py's
phrase_pattern, which the build's checks use) and in the search worker (readPhrases, which readers'
searches use). These tests run the worker's own code in node, over one table of phrases and search
texts, and check that it changes the same words that Python's pattern finds."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from saferpolitics.core.search_synonyms import parse_search_words, phrase_pattern

WORKER = ROOT / "docs" / "assets" / "javascripts" / "workers" / "search-worker.js"
SCHEMA = ROOT / "data" / "schema" / "search-synonyms.schema.json"
FOUND = "<found>"  # what each phrase is searched as here: it shows where the phrase was found

# The worker in node, as Material's worker would have it: a fake lunr that keeps every word and
# stems none, and an importScripts that listens as Material's worker does. It reads one message
# a line from the test ({"type": 0, "phrases": [...]} or {"type": 2, "data": query}) and writes
# what Material's worker would get for each query.
HARNESS = r"""
const fs = require("fs");
const vm = require("vm");
const heard = [];
const self = {
  addEventListener: function (type, listener) { if (type === "message") { self.listener = listener; } },
  postMessage: function () {},
  lunr: {
    stopWordFilter: function (word) { return word; },
    stemmer: function (token) { return token; },
    Token: function (text) { this.toString = function () { return text; }; }
  }
};
const context = {
  self: self,
  location: { hash: "#material.js", href: "https://example.org/assets/javascripts/workers/search-worker.js" },
  URL: URL,
  importScripts: function () {
    self.addEventListener("message", function (event) { heard.push(event.data); });
  }
};
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), context, { filename: process.argv[1] });
const answers = [];
for (const line of fs.readFileSync(0, "utf8").split("\n").filter(Boolean)) {
  const message = JSON.parse(line);
  self.listener({ data: message.type === 0 ? { type: 0, data: { config: { phrases: message.phrases } } } : message });
  if (message.type === 2) { answers.push(heard[heard.length - 1].data); }
}
process.stdout.write(JSON.stringify(answers));
"""

# Phrases as the schema allows them (checked below), and what a reader might type: capitals,
# hyphens, extra spaces, apostrophes straight and curly, and words with accents beside a phrase.
PHRASES = ["log in", "cannot", "can't", "kill my self", "end my life", "Sian", "Si", "an", "in", "2FA"]
TEXTS = [
    "log in",
    "LOG IN",
    "Log-In",
    "log  -  in",
    "login",
    "blog in",
    "log in\u00e9",  # "in" with a letter after it is not the word "in"
    "\u00e9log in",
    "caf\u00e9 log in",
    "log\u00a0in",  # a non-breaking space
    "log\u2013in",  # an en dash is not a hyphen
    "log\u0085in",  # Python's \s has NEL, JavaScript's \s does not
    "log\ufeffin",  # JavaScript's \s has the byte-order mark, Python's \s does not
    "I cannot log in",
    "I CANNOT",
    "cannotx",
    "can't log in",
    "can\u2019t log in",
    "CAN\u2019T",
    "cant",
    "I want to kill   my self",
    "\u212aill my \u017felf",  # the Kelvin sign and a long s: a "k" and an "s" in any case, to both
    "kill-my-self",
    "killmyself",
    "I want to end my life",
    "end my lifetime",
    "Si\u00e2n Berry",
    "SI\u00c2N",
    "Sian",
    "sian's office",
    "Si",
    "\u00c9an",
    "\u0161an",
    "na\u00efve log in",
    "2FA code",
    "12FA",
    "2fa_",
    "in in in",
]


def straight(text: str) -> str:
    """The worker reads a curly apostrophe in a query as the straight one the pages write, before any
    phrase: this is its step, not the pattern's."""
    return re.sub("[\u2018\u2019]", "'", text)


JS_SPACE = "[\t-\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"  # JavaScript's \s


def as_the_worker_splits(text: str) -> str:
    """The worker's query split into words (trim() and split(/\\s+/)), joined with single spaces."""
    return " ".join(word for word in re.split(JS_SPACE, text) if word)


def worker_answers(phrases: list[list[str]], queries: list[str]) -> list[str]:
    """What Material's worker gets for each query, once the search worker has read these phrases."""
    node = shutil.which("node")
    assert node, "node is missing: it runs ESLint too (`make env-test`)"
    lines = [json.dumps({"type": 0, "phrases": phrases})] + [json.dumps({"type": 2, "data": q}) for q in queries]
    result = subprocess.run(
        [node, "-e", HARNESS, str(WORKER)], input="\n".join(lines), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_tables_phrases_are_phrases_the_schema_allows():
    allowed = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["phrases"]["items"]["properties"]
    assert all(re.fullmatch(allowed["phrase"]["pattern"], phrase) for phrase in PHRASES)


@pytest.mark.parametrize("phrase", PHRASES)
def test_the_worker_finds_a_phrase_where_pythons_pattern_does(phrase):
    pattern = phrase_pattern(phrase)
    expected = [as_the_worker_splits(pattern.sub(lambda _: FOUND, straight(text))) for text in TEXTS]
    found = worker_answers([[phrase, FOUND]], TEXTS)
    differ = [(text, want, got) for text, want, got in zip(TEXTS, expected, found, strict=True) if want != got]
    assert not differ, f"{phrase!r}: (text, Python, worker)\n" + "\n".join(map(repr, differ))


def test_the_worker_searches_the_sites_phrases_as_written():
    # The real phrases, in the order the build gives them: each query changed as the pages say it.
    words, problems = parse_search_words((ROOT / "data" / "search-synonyms.yml").read_text(encoding="utf-8"))
    assert not problems
    phrases = [[p.phrase, p.searched_as] for p in words.phrases]
    queries = ["I can\u2019t Log-In", "I cannot log into it", "I want to KILL  MYSELF"]
    assert worker_answers(phrases, queries) == ["I can't sign in", "I can't sign in it", "I want to suicidal"]
