"""The theme's settings MkDocs takes as they are: a language and features the theme must know."""

from __future__ import annotations

from pathlib import Path

import material

from saferpolitics.core.theme_settings import LANGUAGES, feature_problems, language_problem, theme_features

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
