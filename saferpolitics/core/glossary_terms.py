"""The glossary's terms (data/glossary.yml), read and checked: one source for the Glossary page and
the site's tooltips (the Markdown stage, saferpolitics.markdown_stage.glossary) and the search
index's entry per term (the post-build stage, saferpolitics.post_build.search_index)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from saferpolitics.core.datafile import FirstLines, Located, load_data_file, schema_for, text_field, valid_entries
from saferpolitics.core.problems import Problem
from saferpolitics.core.slug import slug

GLOSSARY_FILE = "data/glossary.yml"


class Term(NamedTuple):
    term: str
    definition: str
    stands_for: str = ""
    tooltip: str = ""
    matches: tuple[str, ...] = ()
    line: int = 0

    @property
    def anchor(self) -> str:
        return slug(self.term)

    @property
    def tooltip_text(self) -> str:
        """What the tooltip says: the expansion of an abbreviation, else a short definition."""
        if self.tooltip:
            return self.tooltip
        if self.stands_for:
            return self.stands_for[0].upper() + self.stands_for[1:]
        return self.definition


# Words on nearly every page: a glossary entry matching one would put its tooltip all over the site
# (a maintainer review: `matches: [the]` gave 2,057 tooltips).
COMMON_WORDS = frozenset(
    "a an the and or but if to of in on at by for with as is it be are was this that you your we our "
    "not no do can will from up out so all any one".split()
)


def variants(match: str) -> list[str]:
    """A match as written and with a capital first letter, for the start of a sentence."""
    capitalised = match[0].upper() + match[1:]
    return [match] if capitalised == match else [match, capitalised]


def parse_glossary(
    text: str, file: str = GLOSSARY_FILE, cache_dir: Path | None = None
) -> tuple[list[Term], list[Problem]]:
    """Validate the glossary and return its terms in page order, with every problem found."""
    root, problems = load_data_file(text, file, schema_for("glossary"), cache_dir=cache_dir)
    terms: list[Term] = []
    anchors = FirstLines(file)
    seen_match: dict[str, tuple[str, int]] = {}
    for entry in valid_entries(root, "terms"):
        values: dict[str, Located] = entry.value
        term = str(values["term"].value).strip()
        matches_node = values.get("matches")
        matches = [m.value.strip() for m in matches_node.value] if matches_node else [term]
        if twice := anchors.again(slug(term), entry.line, f"term {term!r}", "merge the two entries"):
            problems.append(twice)
            continue
        for match in matches:
            if match.casefold() in COMMON_WORDS:
                problems.append(
                    Problem(
                        file,
                        matches_node.line if matches_node else entry.line,
                        f"{match!r} is one of the commonest words: nearly every page would show the tooltip of "
                        f"{term!r} on it",
                        "match the term itself, or a word or phrase only this term uses",
                    )
                )
                continue
            for variant in variants(match):
                if variant in seen_match:
                    other, line = seen_match[variant]
                    problems.append(
                        Problem(
                            file,
                            matches_node.line if matches_node else entry.line,
                            f"{variant!r} would show the tooltip of both {other!r} (line {line}) and {term!r}",
                            "keep each word or phrase under one term's `matches`",
                        )
                    )
                seen_match.setdefault(variant, (term, entry.line))
        terms.append(
            Term(
                term=term,
                definition=text_field(values, "definition"),
                stands_for=str(values["stands_for"].value).strip() if "stands_for" in values else "",
                tooltip=text_field(values, "tooltip"),
                matches=tuple(matches),
                line=entry.line,
            )
        )
    return sorted(terms, key=lambda t: t.term.casefold()), problems
