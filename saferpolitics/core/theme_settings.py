"""The theme's settings in mkdocs.yml that MkDocs takes as they are: a language the theme has no
words for (Material then stops the build with a traceback), a feature it does not know (it then
does nothing, silently) or one that breaks the site's tools (instant navigation), and a social
icon it does not have (Material stops at its own template's line). Each is a Problem on its line,
with the nearest name as the hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from saferpolitics.core import render_cache
from saferpolitics.core.lazy_pattern import lazy_compile
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
_TEMPLATE_FEATURE = lazy_compile(r"""["']([a-z]+(?:\.[a-z]+)+)["']\s+in\s+features\b""")
# In its script bundle, minified: `function V(e){return Ct.features.includes(e)}`, then V("toc.follow").
_BUNDLE_TEST = lazy_compile(r"function ([\w$]+)\(([\w$]+)\)\{return [\w$.]+\.features\.includes\(\2\)\}")


def theme_features(templates: Iterable[str], bundle: str) -> set[str]:
    """Every feature Material's templates and its script test for (templates: their texts; bundle:
    the script's text). Empty when the script's test cannot be found (a new release that writes it
    otherwise): then nothing is checked, rather than every feature refused."""
    test = _BUNDLE_TEST.search(bundle)
    if test is None:
        return set()
    in_script = re.findall(rf'(?<![\w$.]){re.escape(test[1])}\("([a-z]+(?:\.[a-z]+)+)"\)', bundle)
    return set(in_script).union(*(_TEMPLATE_FEATURE.findall(text) for text in templates))


_BUNDLE = "assets/javascripts/bundle.*"  # Material's script bundle, in its own theme folder


def known_features(dirs: Iterable[str | Path], cache: Path | None) -> set[str]:
    """The features Material tests for (theme_features), read from the theme folder with its script
    bundle, whose name changes with each release: kept in the render cache under that name, as
    reading the bundle and the templates costs a build about 40 ms. Empty for another theme."""
    scripts = next((Path(d) / "assets" / "javascripts" for d in dirs if any(Path(d).glob(_BUNDLE))), None)
    if scripts is None:
        return set()
    bundles = sorted(scripts.glob("bundle.*.min.js"))
    key = render_cache.key_for(*map(str, bundles), Path(__file__).read_bytes())

    def read() -> bytes:
        templates = (page.read_text(encoding="utf-8") for page in scripts.parent.parent.rglob("*.html"))
        bundle = "".join(path.read_text(encoding="utf-8") for path in bundles)
        return "\n".join(sorted(theme_features(templates, bundle))).encode()

    return set(render_cache.KeptFiles(cache, "theme-features", key).made("features", read).decode().split())


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


# Material's instant navigation, and the features that build on it.
INSTANT_NAVIGATION = "navigation.instant"


def instant_navigation_problems(
    features: Iterable[object], file: str, lines: Mapping[str, int | None], line: int | None
) -> list[Problem]:
    """A Problem for navigation.instant where pages load scripts of their own (the plugin's
    page_assets; the features that build on it, such as navigation.instant.prefetch, do nothing
    without it). Material then fetches the next page and swaps in its
    main part, but runs only the scripts inside that part: the scripts a page loads for itself come
    after it, at the end of the page, so the tool a reader clicks through to (the evidence log, the
    protocol builder) would sit there doing nothing. And each page's policy is added to the first
    page's, so an inline script one page allows and another does not (the print page's) is blocked."""
    return [
        Problem(
            file,
            lines.get(str(feature), line),
            f"theme.features lists {str(feature)!r}: Material would swap each page in without running the "
            "scripts that page loads for itself (page_assets), so a tool reached by a click, such as the "
            "evidence log, would not work",
            f"remove it (and the features whose names start with {INSTANT_NAVIGATION}., which need it): "
            "each page then loads whole, with its own scripts",
        )
        for feature in features
        if str(feature) == INSTANT_NAVIGATION
    ]


def social_icon_problems(
    social: object, icon_folders: Iterable[Path], file: str, lines: Callable[[str], int | None]
) -> list[Problem]:
    """A Problem, on its line (lines: the line of a text in extra.social), for each extra.social
    icon that is in no theme folder's .icons/ (icon_folders): Material would stop the build at its
    own template's line. The links themselves are plain links with the drawing written into the
    page: they fetch nothing, and the build opens them safely as any link to another website."""
    folders = list(icon_folders)
    problems = []
    for entry in social if isinstance(social, list) else []:
        icon = entry.get("icon") if isinstance(entry, dict) else None
        if not isinstance(icon, str) or any((folder / f"{icon}.svg").is_file() for folder in folders):
            continue
        family = Path(icon).parent
        near = sorted({f"{family.as_posix()}/{p.stem}" for folder in folders for p in (folder / family).glob("*.svg")})
        problems.append(
            Problem(
                file,
                lines(icon),
                f"extra.social names the icon {icon!r}, which no theme folder has in .icons/",
                f"{did_you_mean(icon, near)}icons are named as in Material's list, e.g. "
                "fontawesome/brands/mastodon (https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/)",
            )
        )
    return problems
