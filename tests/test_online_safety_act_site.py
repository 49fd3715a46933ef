"""The Online Safety Act page, as a reader gets it: what Ofcom will not do, said before they go looking."""

from __future__ import annotations

from pathlib import Path

from conftest import read_page
from saferpolitics.markdown_stage.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent


def words(element) -> str:
    return " ".join(element.get_text().split())


def section_text(heading) -> str:
    """The words after a heading, up to the next heading of its level."""
    text = []
    for element in heading.find_next_siblings():
        if element.name == heading.name:
            break
        text.append(words(element))
    return " ".join(text)


def test_the_page_says_first_that_ofcom_does_not_handle_individual_complaints(site_dir):
    """A reader who wants Ofcom to remove a post learns, above the first heading after the title,
    that Ofcom will not, and where to go instead; the Ofcom section quotes Ofcom and links its page."""
    article = read_page(site_dir / "online-safety-act" / "index.html").select_one("article")
    intro_text = section_text(article.select_one("h1"))
    assert "Ofcom does not handle individual complaints" in intro_text
    # In the safe order: the evidence, then the police, then the platform.
    advice = intro_text[intro_text.index("Ofcom does not handle individual complaints") :]
    assert advice.index("keep the evidence") < advice.index("police") < advice.index("platform")

    section = article.select_one("h2#ofcom")
    assert section is not None
    text = section_text(section)
    assert '"We cannot respond to or investigate individual complaints"' in text
    registry, _ = load_registry(ROOT / "data" / "links.yml")
    ofcom = registry.get("ofcom-complain-harmful-content").url
    assert section.find_next("a", href=ofcom), "the Ofcom quote has no link to Ofcom's page"


def test_where_the_offences_apply_says_only_what_the_research_shows(site_dir):
    """A four-nations review: "Scotland and Northern Ireland have their own laws on threats,
    harassment and intimate images" is in no research item, and read oddly beside the table's
    threats offence that applies in Northern Ireland (crisis sources 3.6, 3.8)."""
    for page in ("online-safety-act", "impersonation-and-deepfakes"):
        article = read_page(site_dir / page / "index.html").select_one("article")
        assert "have their own laws" not in words(article), page
    nations = section_text(read_page(site_dir / "online-safety-act/index.html").select_one("h2#nations"))
    assert "This table shows where each offence applies." in nations
    assert "Threatening communications England, Wales and Northern Ireland" in nations
    fake = read_page(site_dir / "impersonation-and-deepfakes/index.html").select_one("h2#intimate-images")
    assert "For the rest of the UK, see where the offences apply." in section_text(fake)
