"""Maintainers' mistakes in the theme's settings, templates and stylesheets, as a strict build
reports them: the file to edit and its line, a hint, every problem at once, never a traceback.
(A maintainer review: a misspelt language or print-site template stopped the build with a
traceback, a template's mistake on one page too; a stylesheet or preconnect from another website,
repo_url, a misspelt feature or logo built without a word.)"""

from __future__ import annotations

import re

import pytest

from conftest import build_in_process, tiny_project

DRAWING = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>\n'

# Lines 3 to 12 of the tiny site's mkdocs.yml (tiny_project adds our plugin to the list).
THEME = """\
theme:
  name: material
  font: false
  language: en-tolkit
  logo: assets/makr.svg
  features:
    - navigation.sections
    - navigation.topp
repo_url: https://github.com/example/repo
plugins: [print-site: {add_cover_page: true, cover_page_template: overrides/print-covr.html}]"""


def _output(result) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    return output


def test_theme_settings_another_plugin_would_stop_at_or_ignore_are_named_on_their_lines_at_once(tmp_path):
    config = tiny_project(tmp_path, {"index.md": "# Tiny\n"}, config=THEME)
    (tmp_path / "docs" / "assets" / "mark.svg").write_text(DRAWING, encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "print-cover.html").write_text("<p>Cover</p>\n", encoding="utf-8")
    output = _output(build_in_process(config, tmp_path / "site"))
    found = dict(re.findall(r"^  (mkdocs\.yml:\d+: .*)\n\s+hint: (.*)$", output, re.M))
    assert sorted(found, key=lambda m: int(m.split(":")[1])) == [
        "mkdocs.yml:6: theme.language is 'en-tolkit', but no theme folder has partials/languages/en-tolkit.html, "
        "the theme's words in that language",
        "mkdocs.yml:7: theme.logo names 'assets/makr.svg', which is not a file in docs/: every page would show a "
        "broken picture in its header",
        "mkdocs.yml:10: theme.features lists 'navigation.topp', which is not a feature of the theme: it would do nothing",
        "mkdocs.yml:11: repo_url makes every page ask the repository's website (its API) for the repository's stars "
        "and forks, another website",
        "mkdocs.yml:12: cover_page_template names 'overrides/print-covr.html', which is not a file in the folder of "
        "mkdocs.yml",
    ], output
    assert found[next(m for m in found if "theme.logo" in m)].startswith("did you mean 'assets/mark.svg'?")
    assert found[next(m for m in found if "features" in m)].startswith("did you mean 'navigation.top'?")
    assert found[next(m for m in found if "cover_page" in m)].startswith("did you mean 'overrides/print-cover.html'?")
    assert found[next(m for m in found if "repo_url" in m)].startswith("remove repo_url")


@pytest.mark.parametrize(
    "template, line, rendering, error",
    [
        # A review: `page` is None on the 404 page, and Jinja's traceback was all the maintainer saw.
        ("{{ page.meta.description }}", 3, "the theme's page 404.html", "'None' has no attribute 'meta'"),
        (
            "{% if page %}\n{{ page.meta.missing.word }}\n{% endif %}",
            4,
            "the page docs/index.md",
            "'dict object' has no attribute 'missing'",
        ),
    ],
)
def test_a_template_mistake_met_while_making_a_page_is_named_at_the_templates_line(
    tmp_path, template, line, rendering, error
):
    config = tiny_project(
        tmp_path, {"index.md": "# Tiny\n"}, config="theme: {name: material, font: false, custom_dir: overrides}"
    )
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(
        f'{{% extends "base.html" %}}\n{{% block header %}}\n{template}\n{{{{ super() }}}}\n{{% endblock %}}\n',
        encoding="utf-8",
    )
    output = _output(build_in_process(config, tmp_path / "site"))
    assert f"overrides/main.html:{line}: the template stopped while making {rendering}: {error}\n" in output, output
    assert "hint: a value some pages do not have: test it first" in output
    assert "Aborted with a BuildError!" in output


def test_a_template_that_asks_another_website_for_anything_is_named_at_its_line(tmp_path):
    config = tiny_project(
        tmp_path, {"index.md": "# Tiny\n"}, config="theme: {name: material, font: false, custom_dir: overrides}"
    )
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}\n'
        '<link rel="stylesheet" href="https://evil.example/x.css">\n'
        '<link rel="preconnect" href="https://cdn.example">\n'
        '{% endblock %}\n{% block content %}\n<div style="background:url(//pics.example/t.png)"></div>\n'
        "{{ super() }}\n{% endblock %}\n",
        encoding="utf-8",
    )
    output = _output(build_in_process(config, tmp_path / "site"))
    for line, what in [
        (3, "<link href=...> is a request to another website (https://evil.example/x.css)"),
        (4, "<link href=...> is a request to another website (https://cdn.example)"),
        (7, "<div style=...> is a file from another website (//pics.example/t.png)"),
    ]:
        assert f"overrides/main.html:{line}: {what}, which the page policy does not allow\n" in output, output


def test_a_stylesheet_that_asks_another_website_for_a_file_is_named_at_its_line(tmp_path):
    config = tiny_project(tmp_path, {"index.md": "# Tiny\n"}, config="extra_css: [assets/css/site.css]")
    css = tmp_path / "docs" / "assets" / "css"
    (css / "site.css").write_text(
        '@import url("https://evil.example/a.css");\n@import "parts.css";\n'
        ".a { background: url(data:image/png;base64,AA) }\n",  # pictures as data: the page policy allows
        encoding="utf-8",
    )
    (css / "parts.css").write_text(
        "/* url(https://in-a-comment.example/x.png) */\n@font-face {\n  font-family: x;\n"
        "  src: url(//fonts.example/f.woff2);\n}\n",
        encoding="utf-8",
    )
    output = _output(build_in_process(config, tmp_path / "site"))
    found = re.findall(r"^  (docs/assets/css/[\w.]+:\d+): (.*)$", output, re.M)
    assert found == [
        (
            "docs/assets/css/site.css:1",
            "https://evil.example/a.css is a stylesheet from another website: every reader's browser would ask "
            "that website for it, which the page policy does not allow",
        ),
        (
            "docs/assets/css/parts.css:4",
            "//fonts.example/f.woff2 is a font from another website: every reader's browser would ask that "
            "website for it, which the page policy does not allow",
        ),
    ], output


def test_every_stylesheet_the_site_ships_is_read_as_a_browser_reads_it(tmp_path):
    """maint16: a stylesheet no extra_css lists is copied to the site (a template or page may load
    it) but was not read; image-set("...") and CSS escapes (u\\72l) were not read in any."""
    config = tiny_project(
        tmp_path, {"index.md": "# Tiny\n"}, config="theme: {name: material, font: false, custom_dir: overrides}"
    )
    css = tmp_path / "docs" / "assets" / "css"
    (css / "unlisted.css").write_text(
        '.a { background: image-set("https://evil.example/a.png" 1x) }\n'
        ".b { background: u\\72l(https://evil.example/b.png) }\n",
        encoding="utf-8",
    )
    (tmp_path / "overrides" / "assets").mkdir(parents=True)
    (tmp_path / "overrides" / "assets" / "theme.css").write_text(
        "\n@\\69mport 'https://evil.example/c.css';\n", encoding="utf-8"
    )
    # Not copied to the site (MkDocs leaves out dot folders): no reader's browser sees it.
    (tmp_path / "docs" / ".drafts").mkdir()
    (tmp_path / "docs" / ".drafts" / "old.css").write_text(".d { background: url(//evil.example/d.png) }\n")
    output = _output(build_in_process(config, tmp_path / "site"))
    found = re.findall(r"^  ((?:docs|overrides)/[\w./]+:\d+): (\S+) is (a \w+) from another website", output, re.M)
    assert found == [
        ("docs/assets/css/unlisted.css:1", "https://evil.example/a.png", "a picture"),
        ("docs/assets/css/unlisted.css:2", "https://evil.example/b.png", "a picture"),
        ("overrides/assets/theme.css:2", "https://evil.example/c.css", "a stylesheet"),
    ], output
    assert "evil.example/d.png" not in output


def test_a_templates_style_element_that_asks_another_website_for_a_file_is_named_at_its_line(tmp_path):
    """maint16: a template's own <style> (allowed by the page policy through inline_code) with a
    url() of another website built without a word."""
    config = tiny_project(
        tmp_path, {"index.md": "# Tiny\n"}, config="theme: {name: material, font: false, custom_dir: overrides}"
    )
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}\n{% filter inline_code %}<style>\n'
        ".banner { background: url(https://other.example/x.png) }\n</style>{% endfilter %}\n{% endblock %}\n",
        encoding="utf-8",
    )
    output = _output(build_in_process(config, tmp_path / "site"))
    assert (
        "overrides/main.html:4: <style...> is a file from another website (https://other.example/x.png), "
        "which the page policy does not allow\n    hint: save the picture under docs/assets/images/ and name it in "
        "a stylesheet under docs/assets/css/"
    ) in output, output


def test_theme_settings_that_break_the_sites_promises_are_named_on_their_lines(tmp_path):
    """maint16: a cookie consent banner (the site sets no cookies), instant navigation where pages
    load scripts of their own (a tool reached by a click would do nothing) and a misspelt social
    icon (Material stopped at its own template's line) all built or stopped elsewhere."""
    config = tiny_project(
        tmp_path,
        {"index.md": "# Tiny\n"},
        config=(
            "theme:\n  name: material\n  font: false\n  features:\n    - navigation.top\n    - navigation.instant\n"
            "extra:\n  consent:\n    title: Cookies\n  social:\n    - icon: fontawesome/brands/mastodon\n"
            "      link: https://mastodon.example/@toolkit\n    - icon: fontawesome/brands/blueksy\n"
            "      link: https://bsky.example/toolkit\n"
            "extra_javascript: [assets/tool.js]"
        ),
    )
    (tmp_path / "docs" / "assets" / "tool.js").write_text("// a tool's script, for pages marked sp-tool\n")
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('"review_dates": false}', '"review_dates": false, "page_assets": {"assets/tool.js": ["sp-tool"]}}')
    )
    output = _output(build_in_process(config, tmp_path / "site"))
    found = dict(re.findall(r"^  (mkdocs\.yml:\d+: .*)\n\s+hint: (.*)$", output, re.M))
    assert sorted(found, key=lambda m: int(m.split(":")[1])) == [
        "mkdocs.yml:8: theme.features lists 'navigation.instant': Material would swap each page in without running "
        "the scripts that page loads for itself (page_assets), so a tool reached by a click, such as the evidence "
        "log, would not work",
        "mkdocs.yml:10: extra.consent shows every reader a cookie consent banner, but this site sets no cookies and "
        "asks no other website for anything: there is nothing to consent to",
        "mkdocs.yml:15: extra.social names the icon 'fontawesome/brands/blueksy', which no theme folder has in .icons/",
    ], output
    assert found[next(m for m in found if "blueksy" in m)].startswith("did you mean 'fontawesome/brands/bluesky'?")


def test_a_misspelt_top_level_setting_is_named_on_its_line_with_the_nearest_name_even_under_q(tmp_path):
    """A maintainer review: `site_ur:` stopped a strict build with MkDocs' "Unrecognised
    configuration name: site_ur", no line, no nearest name; under -q only "Aborted with 1
    configuration warnings". Now it is listed with the other settings' problems, as an error."""
    config = tiny_project(tmp_path, {"index.md": "# Tiny\n"}, config="site_ur: https://example.org/")
    output = _output(build_in_process(config, tmp_path / "site"))
    assert re.search(
        r"^  mkdocs\.yml:(\d+): 'site_ur' is not a setting of mkdocs\.yml, so nothing reads it\n"
        r"\s+hint: did you mean 'site_url'\?",
        output,
        re.M,
    ), output
    line = int(re.search(r"mkdocs\.yml:(\d+): 'site_ur'", output)[1])
    assert config.read_text(encoding="utf-8").splitlines()[line - 1].startswith("site_ur:")
    assert "ERROR" in output and "Unrecognised configuration name" not in output
