"""Reading maintainers' YAML with line numbers (saferpolitics/core/datafile.py)."""

from __future__ import annotations

from saferpolitics.core.datafile import check_keys, load_located, plain


def test_values_are_those_safe_load_gives_with_their_lines():
    root, problems = load_located("a:\n  b:\n  c: [1, yes, 'x']\n", "data/x.yml")
    assert problems == []
    assert plain(root) == {"a": {"b": None, "c": [1, True, "x"]}}
    assert root.value["a"].value["c"].line == 3


def test_an_empty_value_is_a_missing_key_not_a_crash():
    root, _ = load_located("- term: x\n  definition:\n", "data/x.yml")
    problems = check_keys(root.value[0], "data/x.yml", {"term", "definition"}, set(), "term")
    assert [(p.line, p.message) for p in problems] == [(1, "term has no `definition`")]
