"""The theme's settings in mkdocs.yml that MkDocs takes as they are: a language the theme has no
words for (Material then stops the build with a traceback) and a feature it does not know (it
then does nothing, silently). Each is a Problem on its line, with the nearest name as the hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from saferpolitics.core.problems import Problem
from saferpolitics.core.suggest import did_you_mean

# Material looks for a language's words in this template, in each of the theme's folders.
LANGUAGES = "partials/languages"


def language_problem(language: str, available: Iterable[str], file: str, line: int | None) -> Problem | None:
    """A Problem when no theme folder has partials/languages/<language>.html (available: the names
    that are there, without .html), or None."""
    names = sorted(set(available))
    if language in names:
        return None
    return Problem(
        file,
        line,
        f"theme.language is {language!r}, but no theme folder has {LANGUAGES}/{language}.html, "
        "the theme's words in that language",
        f"{did_you_mean(language, names)}a language is the name of a file in {LANGUAGES}/ of the theme or of "
        "overrides/ (this site's plain words: en-toolkit)",
    )


# In Material's templates: {% if "navigation.top" in features %}.
_TEMPLATE_FEATURE = re.compile(r"""["']([a-z]+(?:\.[a-z]+)+)["']\s+in\s+features\b""")
# In its script bundle, minified: `function V(e){return Ct.features.includes(e)}`, then V("toc.follow").
_BUNDLE_TEST = re.compile(r"function ([\w$]+)\(([\w$]+)\)\{return [\w$.]+\.features\.includes\(\2\)\}")


def theme_features(templates: Iterable[str], bundle: str) -> set[str]:
    """Every feature Material's templates and its script test for (templates: their texts; bundle:
    the script's text). Empty when the script's test cannot be found (a new release that writes it
    otherwise): then nothing is checked, rather than every feature refused."""
    test = _BUNDLE_TEST.search(bundle)
    if test is None:
        return set()
    in_script = re.findall(rf'(?<![\w$.]){re.escape(test[1])}\("([a-z]+(?:\.[a-z]+)+)"\)', bundle)
    return set(in_script).union(*(_TEMPLATE_FEATURE.findall(text) for text in templates))


def feature_problems(
    features: Iterable[object], known: set[str], file: str, lines: Mapping[str, int | None], line: int | None
) -> list[Problem]:
    """A Problem, on its line (lines: each feature's; line: the setting's), for each feature
    the theme does not know. known empty: not checked (theme_features)."""
    if not known:
        return []
    return [
        Problem(
            file,
            lines.get(str(feature), line),
            f"theme.features lists {str(feature)!r}, which is not a feature of the theme: it would do nothing",
            f"{did_you_mean(feature, sorted(known))}the features are listed at "
            "https://squidfunk.github.io/mkdocs-material/setup/",
        )
        for feature in features
        if str(feature) not in known
    ]
