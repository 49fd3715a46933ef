"""Maintainers' "Suggest a change to this page" link: one setting (edit_uri in mkdocs.yml), and
readers see nothing of it while that setting is unset."""

from __future__ import annotations

import re

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT

EDIT_URI = "https://github.com/example-org/toolkit/edit/main/docs/"
LINK = re.compile(r'<a href="([^"]+)" rel="edit[^"]*">Suggest a change to this page</a>')


def test_the_published_site_has_no_edit_link(site_dir):
    page = (site_dir / "cyber-security" / "index.html").read_text(encoding="utf-8")
    assert not LINK.search(page) and 'rel="edit' not in page
    assert "sp-footer-links" not in page, "an empty row of maintainer links in the footer"


def test_setting_edit_uri_gives_each_page_a_quiet_footer_link_to_its_file(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_PDF", "0")
    config = load_config(str(ROOT / "mkdocs.yml"), edit_uri=EDIT_URI, site_dir=str(tmp_path / "site"))
    build(config)
    page = (tmp_path / "site" / "help" / "threats" / "index.html").read_text(encoding="utf-8")
    assert LINK.findall(page) == [EDIT_URI + "help/threats.md"]
    assert "md-content__button" not in page, "Material's edit pencil is back at the top of the page"
