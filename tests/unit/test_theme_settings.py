"""The theme's settings MkDocs takes as they are: a language, features and social icons the theme
must know, and a feature that would break the site's tools."""

from __future__ import annotations

from pathlib import Path

import material

from saferpolitics.core.theme_settings import (
    LANGUAGES,
    feature_problems,
    instant_navigation_problems,
    language_problem,
    social_icon_problems,
    theme_features,
)

MATERIAL = Path(material.__file__).parent / "templates"


def test_a_language_with_no_words_in_any_theme_folder_is_named_on_its_line_with_the_nearest():
    problem = language_problem("en-tolkit", ["en", "cy", "en-toolkit"], "mkdocs.yml", 34)
    assert (problem.file, problem.line) == ("mkdocs.yml", 34)
    assert problem.message == (
        "theme.language is 'en-tolkit', but no theme folder has partials/languages/en-tolkit.html, "
        "the theme's words in that language"
    )
    assert problem.hint.startswith("did you mean 'en-toolkit'?")
    assert language_problem("en-toolkit", ["en", "en-toolkit"], "mkdocs.yml", 34) is None


def test_every_language_the_installed_theme_has_is_known():
    available = [page.stem for page in (MATERIAL / LANGUAGES).glob("*.html")]
    assert language_problem("cy", available, "mkdocs.yml", 1) is None


def material_features() -> set[str]:
    templates = [page.read_text(encoding="utf-8") for page in MATERIAL.rglob("*.html")]
    [bundle] = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")
    return theme_features(templates, bundle.read_text(encoding="utf-8"))


def test_the_installed_themes_features_are_read_from_its_own_templates_and_script():
    # If a Material release writes its script otherwise, this fails: the check would check nothing.
    known = material_features()
    assert {"navigation.top", "navigation.sections", "search.highlight", "navigation.instant", "toc.follow"} <= known
    assert "search.result.none" not in known  # a translation's name, not a feature


def test_a_misspelt_feature_is_named_on_its_line_with_the_nearest():
    known = material_features()
    lines = {"navigation.sections": 66, "navigation.topp": 67}
    [problem] = feature_problems(["navigation.sections", "navigation.topp"], known, "mkdocs.yml", lines, 65)
    assert (problem.line, problem.message) == (
        67,
        "theme.features lists 'navigation.topp', which is not a feature of the theme: it would do nothing",
    )
    assert problem.hint.startswith("did you mean 'navigation.top'?")
    assert feature_problems(["anything"], set(), "mkdocs.yml", {}, 1) == []  # nothing known: nothing checked


def test_instant_navigation_is_refused_on_its_line_and_what_builds_on_it_is_not_named_again():
    """maint16: Material's instant navigation runs only the scripts inside the part of the page it
    swaps in, and a page's own scripts (page_assets) come after it, so a tool reached by a click
    would do nothing."""
    features = ["navigation.top", "navigation.instant", "navigation.instant.prefetch"]
    lines = {"navigation.top": 58, "navigation.instant": 59, "navigation.instant.prefetch": 60}
    [problem] = instant_navigation_problems(features, "mkdocs.yml", lines, 57)
    assert (problem.file, problem.line) == ("mkdocs.yml", 59)
    assert problem.message.startswith(
        "theme.features lists 'navigation.instant': Material would swap each page in without running the "
        "scripts that page loads for itself (page_assets)"
    )
    assert problem.hint.startswith("remove it")
    assert instant_navigation_problems(["navigation.top"], "mkdocs.yml", lines, 57) == []


def test_a_social_icon_the_theme_does_not_have_is_named_on_its_line_with_the_nearest():
    """maint16: Material stopped the build at its own template's line (partials/social.html), not
    at the line of mkdocs.yml to edit. The links are plain links with the drawing in the page."""
    social = [
        {"icon": "fontawesome/brands/mastodon", "link": "https://mastodon.example/@x"},
        {"icon": "fontawesome/brands/blueksy", "link": "https://bsky.example/x"},
    ]
    lines = {"fontawesome/brands/blueksy": 71}
    [problem] = social_icon_problems(social, [MATERIAL / ".icons"], "mkdocs.yml", lines.get)
    assert (problem.file, problem.line) == ("mkdocs.yml", 71)
    assert problem.message == (
        "extra.social names the icon 'fontawesome/brands/blueksy', which no theme folder has in .icons/"
    )
    assert problem.hint.startswith("did you mean 'fontawesome/brands/bluesky'?")
    assert social_icon_problems(None, [MATERIAL / ".icons"], "mkdocs.yml", lines.get) == []
