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
    config = tiny_project(tmp_path, {"index.md": HELP_PAGE}, data={"first-hour.yml": first_hour}, config="theme: {name: mkdocs}")
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert re.search(r"data/first-hour\.yml:6: `step` links to unknown link id 'police-uk-hom'\n\s+hint: did you mean 'police-uk-home'", output), output
    assert "docs/index.md" not in output
