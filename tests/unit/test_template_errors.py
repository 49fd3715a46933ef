"""A template's mistake met while rendering, at the template's own line."""

from __future__ import annotations

import traceback

import jinja2

from saferpolitics.core.template_errors import failing_line, template_problem


def test_the_failing_line_is_the_innermost_template_frame_of_jinjas_traceback(tmp_path):
    (tmp_path / "base.html").write_text("<p>\n{% block body %}{% endblock %}\n</p>\n", encoding="utf-8")
    (tmp_path / "main.html").write_text(
        '{% extends "base.html" %}\n{% block body %}\nfine\n{{ page.meta.description }}\n{% endblock %}\n',
        encoding="utf-8",
    )
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    try:
        env.get_template("main.html").render(page=None)
    except jinja2.UndefinedError as error:
        frames = [(frame.filename, frame.lineno) for frame in traceback.extract_tb(error.__traceback__)]
    assert failing_line(frames) == (str(tmp_path / "main.html"), 4)
    assert failing_line([("/x/jinja2/environment.py", 3)]) is None


def test_the_problem_names_the_template_line_the_page_and_how_to_fix_it():
    problem = template_problem(
        "UndefinedError", "'None' has no attribute 'meta'", ("overrides/main.html", 24), "the theme's page 404.html"
    )
    assert str(problem).startswith(
        "overrides/main.html:24: the template stopped while making the theme's page 404.html: "
        "'None' has no attribute 'meta'\n    hint: a value some pages do not have: test it first"
    )
    other = template_problem("TemplateNotFound", "partials/nothere.html", None, "the page docs/index.md")
    assert (other.file, other.line) == ("a template", None)
    assert "Jinja's" in other.hint
