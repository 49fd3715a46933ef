"""Maintainers' mistakes in data files and settings, as a strict build reports them: the file to
edit and its line, a hint, every problem at once, never a traceback, never the wrong file."""

from __future__ import annotations

import re

from conftest import TINY_FIRST_HOUR, build_in_process, tiny_project

HELP_PAGE = "# Get help now\n\n/// first-steps | abuse\n///\n"


def test_an_unknown_link_id_in_a_crisis_card_step_blames_the_data_file_not_the_page(tmp_path):
    first_hour = TINY_FIRST_HOUR.replace(
        'call [999](tel:999)."', 'call [999](tel:999).\n        See [the police](link:police-uk-hom)."'
    )
    config = tiny_project(
        tmp_path, {"index.md": HELP_PAGE}, data={"first-hour.yml": first_hour}, config="theme: {name: mkdocs}"
    )
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert re.search(
        r"data/first-hour\.yml:6: `step` links to unknown link id 'police-uk-hom'\n\s+hint: did you mean "
        r"'police-uk-home'",
        output,
    ), output
    assert "docs/index.md" not in output


SETTINGS = """\
site_name: Tiny
strict: true
theme: {name: mkdocs}
extra_css: [assets/css/first-hour.css]
extra:
  app:
    short_name: Tiny
    theme_colour: teal
    background_colour: "#ffffff"
    mark: data/app-mark.png
    colour: "#000000"
  page_assets:
    assets/css/first-hour.css: [sp-first-hour]
    assets/css/frist-hour.css: [sp-first-hour]
  load_on_demand:
    - assets/js/missing.js
  page_asset: {}
plugins: [saferpolitics]
strict: false
"""


def test_every_settings_mistake_under_extra_is_named_on_its_own_line_at_once(tmp_path):
    config = tiny_project(tmp_path, {"index.md": "# Tiny\n"})
    config.write_text(SETTINGS, encoding="utf-8")
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    found = re.findall(r"^  (mkdocs\.yml:\d+: .*)\n\s+hint: (.*)$", output, re.M)
    assert [message for message, _ in found] == [
        "mkdocs.yml:8: extra.app.theme_colour is 'teal', not a colour like \"#3f51b5\"",
        "mkdocs.yml:11: extra.app.colour is not a setting",
        "mkdocs.yml:14: extra.page_assets names 'assets/css/frist-hour.css', which is not in extra_css, "
        "extra_javascript or a plugin's files",
        "mkdocs.yml:16: extra.load_on_demand names 'assets/js/missing.js', which is not a file in docs/",
        "mkdocs.yml:17: extra.page_asset is not a setting this site reads",
        "mkdocs.yml:19: field 'strict': given twice",
    ], output
    hints = dict(found)
    assert hints[
        "mkdocs.yml:14: extra.page_assets names 'assets/css/frist-hour.css', which is not in extra_css, "
        "extra_javascript or a plugin's files"
    ].startswith("did you mean 'assets/css/first-hour.css'?")
    assert hints["mkdocs.yml:17: extra.page_asset is not a setting this site reads"].startswith(
        "did you mean 'page_assets'?"
    )
    assert hints["mkdocs.yml:19: field 'strict': given twice"] == "keep one; YAML silently uses the last."
