"""A pattern compiled on first use behaves as the pattern re.compile makes, wherever one is taken."""

import copy
import pickle
import re

import pytest

from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.source_lines import line_of


def test_it_is_not_compiled_until_used():
    pattern = lazy_compile(r"(unbalanced")  # compiling it would raise
    assert pattern.pattern == "(unbalanced"
    with pytest.raises(re.error):
        pattern.search("x")


def test_it_finds_what_the_compiled_pattern_finds():
    lazy, compiled = lazy_compile(r"\b(9{3})\b", re.I), re.compile(r"\b(9{3})\b", re.I)
    text = "Call 999 now; 9999 is not it. 999."
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("[number]", text) == compiled.sub("[number]", text)
    assert (lazy.flags, lazy.groups) == (compiled.flags, compiled.groups)


def test_code_that_takes_a_pattern_takes_it():
    pattern = lazy_compile(r"po?lice")
    assert isinstance(pattern, re.Pattern)
    assert re.sub(pattern, "999", "call the police") == "call the 999"
    assert line_of("# Title\n\nCall the police.\n", pattern, "page.md") == 3


def test_it_is_copied_pickled_and_compared_as_the_compiled_pattern():
    """A review: copy.copy recursed for ever, pickle refused it (it says it is a re.Pattern) and it
    never equalled the pattern re.compile makes, so a set or dict of patterns missed it."""
    lazy, compiled = lazy_compile(r"\b101\b", re.I), re.compile(r"\b101\b", re.I)
    assert copy.copy(lazy) == compiled and copy.deepcopy(lazy) == compiled
    assert pickle.loads(pickle.dumps(lazy)) == compiled
    assert lazy == compiled and compiled == lazy and hash(lazy) == hash(compiled)
    assert lazy in {compiled} and lazy != re.compile(r"\b101\b")
