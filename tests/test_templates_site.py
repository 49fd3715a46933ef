"""Glossary tooltips, the Glossary page and the evidence log, as the built site gives them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import build_in_process, read_page, tiny_project
from saferpolitics.core.glossary_terms import parse_glossary

ROOT = Path(__file__).resolve().parent.parent


def soup(site_dir: Path, page: str) -> BeautifulSoup:
    return read_page(site_dir / page / "index.html")


def test_csv_header_matches_the_fields_documented_on_the_evidence_log_page(site_dir):
    header = next(
        csv.reader(io.StringIO((site_dir / "downloads" / "evidence-log.csv").read_text(encoding="utf-8-sig")))
    )
    table = soup(site_dir, "evidence-log").select_one("table.sp-evidence-log")
    documented = [" ".join(th.get_text().split()) for th in table.select("tbody th[scope=row]")]
    form = soup(site_dir, "evidence-log").select_one("form[data-sp-entry-form]")
    # Each column's box by its label; when the entry was recorded has none (the script fills it in).
    boxes = [
        box.get("data-sp-label") or form.select_one(f'label[for="{box["id"]}"]').get_text()
        for box in form.select("[name]")
    ]
    # The export numbers each entry first and says last when an edited one last changed.
    assert header[1:-1] == documented == boxes and (header[0], header[-1]) == ("No.", "Last changed")
    assert len(header) >= 10


def test_evidence_log_page_links_the_download_and_loads_its_script_alone(site_dir):
    page = soup(site_dir, "evidence-log")
    assert page.select_one('a[href="../downloads/evidence-log.csv"]')
    assert "ask-a-colleague" in {h2.get("id") for h2 in page.select("h2")}
    first_view = [
        script["src"].split("assets/js/")[1] for script in page.select('script[src*="assets/js/evidence-log/"]')
    ]
    assert first_view == ["evidence-log/storage.js", "evidence-log/form.js"]  # storage first: the form uses it
    on_demand = ["encryption", "spreadsheet", "images", "export"]
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not [name for name in on_demand if f"evidence-log/{name}.js" in text], f"{html} loads an on-demand part"
        if html.parent.name not in ("evidence-log", "print_page"):
            assert "assets/js/evidence-log/" not in text, f"{html} loads the evidence log's scripts"
    for name in on_demand:
        script = (site_dir / "assets" / "js" / "evidence-log" / f"{name}.js").read_text(encoding="utf-8")
        assert "/*" not in script  # minified like the scripts pages load


def test_glossary_page_lists_every_term_with_an_anchor(site_dir):
    terms, _ = parse_glossary((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    page = soup(site_dir, "glossary")
    listed = {dt["id"] for dt in page.select("dl.sp-glossary dt[id]")}
    assert listed == {t.anchor for t in terms}


def test_glossary_terms_get_tooltips_on_content_pages(site_dir):
    tooltips = {}
    for page in ("get-help-now", "cyber-security", "police-advisors", "online-safety-act", "harassment"):
        for abbr in soup(site_dir, page).select("article abbr[title]"):
            tooltips.setdefault(abbr.get_text(), abbr["title"])
    assert tooltips.get("FEOA") == "Force elected-official adviser"
    assert tooltips.get("NCSC") == "National Cyber Security Centre"
    assert "phishing" in {k.lower() for k in tooltips}


def test_first_use_of_a_term_on_each_page_can_be_reached_by_keyboard(site_dir, page_soup):
    for html in sorted(site_dir.glob("*/index.html")):
        if html.parent.name == "print_page":
            continue  # every page in one: first uses repeat by design, and it is for printing
        page = page_soup(html)
        titles = [a["title"] for a in page.select("article abbr.sp-term[tabindex='0']")]
        assert len(titles) == len(set(titles)), f"{html}: a term has more than one tab stop"
        for abbr in page.select("article abbr[tabindex]"):
            assert not abbr.find_parent(["a", "button", "h1", "h2", "h3"]), (
                f"{html}: tab stop nested in a control or heading"
            )


def test_code_is_never_given_a_tooltip(site_dir, page_soup):
    for html in sorted(site_dir.rglob("*.html")):
        page = page_soup(html)
        assert not page.select("code abbr, pre abbr"), f"{html} has a tooltip inside code"


def test_protocol_builder_shows_a_blank_template_without_javascript(site_dir):
    page = soup(site_dir, "protocol-builder")
    assert page.select_one("form.sp-protocol__form[hidden]")
    draft = page.select_one("div.sp-protocol__document")
    assert "[Name]" in draft.get_text() and "#" not in draft.get_text()
    # Formatted text, not Markdown: real headings, paragraphs and lists.
    assert draft.select_one("h3").get_text().startswith("Social media and harassment protocol: [Name]")
    assert [h.get_text() for h in draft.select("h4")][0].startswith("Part 1: Community guidelines")
    assert draft.select("ol li") and draft.select("ul li") and draft.select("p")
    print_page = BeautifulSoup((site_dir / "print_page" / "index.html").read_text(encoding="utf-8"), "html.parser")
    in_pdf = print_page.select_one("div.sp-protocol__document")
    assert in_pdf and in_pdf.select_one("h3") and "[Name]" in in_pdf.get_text()


def test_a_template_edited_between_builds_shows_in_the_next_build(tmp_path):
    # Every template is kept compiled in the render cache; a maintainer's edit to an override must
    # still show at once, and a copy of the project elsewhere (a test site) adds no kept file.
    cache = tmp_path / "cache"
    projects = {name: tmp_path / name for name in ("project", "copy")}
    configs = {
        name: tiny_project(
            folder, {"index.md": "# Home\n"}, config="theme: {name: material, font: false, custom_dir: overrides}"
        )
        for name, folder in projects.items()
    }

    def build_with_footer(name: str, words: str) -> set[str]:
        override = projects[name] / "overrides" / "main.html"
        override.parent.mkdir(exist_ok=True)
        override.write_text(
            '{% extends "base.html" %}\n{% block footer %}<p>' + words + "</p>{% endblock %}\n", encoding="utf-8"
        )
        site = projects[name] / "site"
        result = build_in_process(configs[name], site, env={"TOOLKIT_PDF": "0", "TOOLKIT_RENDER_CACHE": str(cache)})
        assert result.returncode == 0, result.stderr
        assert words in (site / "index.html").read_text(encoding="utf-8")
        return {p.name for folder in cache.glob("templates-*") for p in folder.iterdir()}

    first = build_with_footer("project", "First words")
    second = build_with_footer("project", "Second words")
    assert first and len(second) == len(first) + 1, "the edited override is kept as a new file"
    assert build_with_footer("copy", "Second words") == second, "a copy elsewhere shares the kept files"
