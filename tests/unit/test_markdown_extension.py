"""The Markdown stage as a named Python-Markdown extension (saferpolitics/markdown_stage/extension.py),
as an engine without MkDocs plugins (Zensical) loads it from `markdown_extensions:`, on a bare
markdown.Markdown and a tiny project's data (markdown_stage_project/), against golden HTML.

After a deliberate change to what a block writes, refresh the golden file with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_markdown_extension.py` and read its diff.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
from pathlib import Path

import markdown
import pytest

from saferpolitics.core.problems import BuildStopped

PROJECT = Path(__file__).resolve().parent / "markdown_stage_project"
GOLDEN = PROJECT / "page.html"


def convert(extension: str = "saferpolitics", root: Path = PROJECT, text: str | None = None) -> str:
    md = markdown.Markdown(extensions=[extension], extension_configs={extension: {"root": str(root)}})
    return md.convert((PROJECT / "page.md").read_text(encoding="utf-8") if text is None else text) + "\n"


def test_the_named_extension_renders_every_block_as_the_golden_html():
    html = convert()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8")


def test_the_entry_point_and_the_dotted_name_load_the_same_extension():
    [entry] = importlib.metadata.entry_points(group="markdown.extensions", name="saferpolitics")
    assert entry.value == "saferpolitics.markdown_stage.extension:ToolkitExtension"
    assert convert("saferpolitics.markdown_stage.extension") == GOLDEN.read_text(encoding="utf-8")


def test_the_glossary_tooltips_come_with_it_without_listing_abbr():
    html = convert(text="Turn on 2SV.")
    assert '<abbr class="sp-term" tabindex="0" title="2-step verification">2SV</abbr>' in html


def test_a_steps_words_get_the_glossary_tooltips_and_stay_text(tmp_path):
    """A step's words are AtomicString, which `abbr` skips: the steps missed their tooltips."""
    # (Not "*a*": a star in a step is shown as typed, and the build names it: test_first_hour_sources.py.)
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    first_hour = tmp_path / "data" / "first-hour.yml"
    step = '"**Turn on 2SV now.** Or ask [the 2SV team](link:ncsc-2sv): 2SV & _a_ `b`."'
    first_hour.write_text(
        first_hour.read_text(encoding="utf-8").replace(
            '"**Check everyone is safe.** If anyone is in danger, call [999](tel:999)."', step
        ),
        encoding="utf-8",
    )
    html = convert(root=tmp_path, text="/// first-steps | abuse\n///\n")
    tooltip = '<abbr class="sp-term" tabindex="0" title="2-step verification">2SV</abbr>'
    first = html.split("<li>")[1]
    assert f"<strong>Turn on {tooltip} now.</strong>" in first, first
    assert ">the 2SV team<" in first, "the link's words got a tooltip inside the link"
    # Whitespace as a reader sees it: a long step's words break over lines (the next test).
    assert ': <abbr title="2-step verification">2SV</abbr> &amp; _a_ `b`.</li>' in " ".join(first.split()), first


def test_a_long_steps_words_are_on_short_lines_and_read_the_same(tmp_path):
    """A step is one line of YAML, so it was one line of HTML of up to 1,500 characters, which
    print-site's regular expression reads once for each tag on it. Its words now break at spaces,
    as Markdown's own paragraphs do; a term of two words still gets its tooltip."""
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    glossary = tmp_path / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "  - term: Returning Officer\n    definition: The official who runs the election in an area.\n",
        encoding="utf-8",
    )
    words = (
        "**During an election, tell your party and your Returning Officer** as soon as you can, and "
        "keep a copy of what you send them. Turn on [2-step verification](link:ncsc-2sv) for every "
        "account the office uses, then tell your Returning Officer again that you have done it."
    )
    first_hour = tmp_path / "data" / "first-hour.yml"
    first_hour.write_text(
        first_hour.read_text(encoding="utf-8").replace(
            '"**Check everyone is safe.** If anyone is in danger, call [999](tel:999)."', f'"{words}"'
        ),
        encoding="utf-8",
    )
    step = convert(root=tmp_path, text="/// first-steps | abuse\n///\n").split("<li>")[1].split("</li>")[0]
    lines = step.splitlines()
    # A line ends at the first space after 80 characters of words: a link's address is not broken.
    assert len(lines) >= 3 and max(len(line) for line in lines) < 400, step
    tooltip = '<abbr class="sp-term" tabindex="0" title="The official who runs the election in an area.">'
    assert f"{tooltip}Returning Officer</abbr>" in step, step
    assert '<abbr title="The official who runs the election in an area.">Returning Officer</abbr>' in step, step
    as_read = " ".join(re.sub(r"<[^>]*>", "", step).split())
    assert as_read == re.sub(r"\*\*|\[|\]\(link:ncsc-2sv\)", "", words).replace(
        "2-step verification", "2-step verification (https://www.ncsc.gov.uk/guidance/setting-2-step-verification-2sv)"
    )


def test_steps_that_name_parliaments_routes_need_the_offices_saved_contacts_beside_them(tmp_path):
    """A maintainer review: an answer whose steps say to tell PLaIT built without the contacts the
    office saved, whose numbers are not public; only a site test noticed."""
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    first_hour = tmp_path / "data" / "first-hour.yml"
    first_hour.write_text(
        first_hour.read_text(encoding="utf-8").replace(
            "If anyone is in danger, call", "Tell PLaIT. If in danger, call"
        ),
        encoding="utf-8",
    )
    with pytest.raises(BuildStopped) as stopped:
        convert(root=tmp_path, text="# Page\n\n/// first-steps | abuse\n///\n")
    assert "the page:3: the steps `abuse` name PLaIT, the FEOA or the Digital Support Desk" in str(stopped.value)
    assert "add `/// office-contacts`" in str(stopped.value)
    contacts = "/// office-contacts\nSave them in the builder.\n///\n"
    assert "sp-office-contacts" in convert(root=tmp_path, text=f"# Page\n\n/// first-steps | abuse\n///\n\n{contacts}")


def test_a_mistake_in_the_data_stops_with_every_problem_and_its_line(tmp_path):
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    glossary = tmp_path / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("definition: A message", "defintion: A message"), encoding="utf-8"
    )
    (tmp_path / "data" / "search-synonyms.yml").write_bytes("synonyms: [caf\xe9]\n".encode("cp1252"))
    with pytest.raises(BuildStopped) as stopped:
        convert(root=tmp_path)
    message = str(stopped.value)
    assert message.startswith("Data files: 3 problem(s)")
    assert "data/glossary.yml:6: terms > entry 'Phishing': unknown field 'defintion'" in message
    assert "data/glossary.yml:5: terms > entry 'Phishing': field 'definition' is missing" in message
    assert "data/search-synonyms.yml:1: the file is not UTF-8" in message


def test_the_data_is_read_again_only_when_a_file_changes(tmp_path, monkeypatch):
    from saferpolitics.markdown_stage import extension

    shutil.copytree(PROJECT / "data", tmp_path / "data")
    reads = []
    real = extension.load_site_data
    monkeypatch.setattr(extension, "load_site_data", lambda root: reads.append(root) or real(root))
    for _ in range(3):  # an engine may make a Markdown instance per page
        convert(root=tmp_path, text="Turn on 2SV.")
    assert len(reads) == 1
    glossary = tmp_path / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("a second check", "a second step"), encoding="utf-8"
    )
    assert 'title="2-step verification"' in convert(root=tmp_path, text="Turn on 2SV.")
    assert len(reads) == 2


def test_a_pages_mistakes_stop_the_conversion_with_every_one_on_its_line():
    """Under an engine without MkDocs' page events nothing else would report them: the page would be
    published with them."""
    page = "# Page\n\nSee [the guide](link:ncsc-2fa).\n\n/// crad | police-uk-home\n///\n\nhttps://www.example.com/a\n"
    with pytest.raises(BuildStopped) as stopped:
        convert(text=page)
    assert str(stopped.value).splitlines()[0] == "the page: 3 problem(s)"
    for expected in (
        "the page:3: unknown link id 'ncsc-2fa'\n    hint: did you mean 'ncsc-2sv'?",
        "the page:5: unknown block 'crad'\n    hint: did you mean 'card'?",
        "the page:8: external address 'https://www.example.com/a' is written directly in the page",
    ):
        assert expected in str(stopped.value)
    md = markdown.Markdown(
        extensions=["saferpolitics"],
        extension_configs={"saferpolitics": {"root": str(PROJECT), "page": "help/threats.md"}},
    )
    with pytest.raises(BuildStopped, match=r"docs/help/threats\.md:1: unknown link id 'nope'"):
        md.convert("[x](link:nope)")
    assert "sp-card" in md.reset().convert("/// card | police-uk-home\n///\n"), "the next page starts clean"


def test_a_list_shown_twice_on_a_page_is_named_at_its_second_block():
    """A maintainer review: a list named under the wrong heading showed the wrong steps there, silently."""
    with pytest.raises(BuildStopped) as stopped:
        convert(text="# Page\n\n/// first-steps | abuse\n///\n\n## Hacked\n\n/// first-steps | abuse\n///\n")
    assert "the page:8: the list `abuse` is already on this page\n    hint: show each list once on a page" in str(
        stopped.value
    )


def test_an_unknown_first_steps_list_is_named_with_the_list_meant():
    with pytest.raises(BuildStopped) as stopped:
        convert(text="# Page\n\n/// first-steps | abuce\n///\n")
    assert (
        "the page:3: block 'first-steps': there is no list in data/first-hour.yml called 'abuce'\n"
        "    hint: did you mean 'abuse'? write `/// first-steps | <name>` with one of: " in str(stopped.value)
    )


def test_code_in_a_page_stops_the_extension_without_mkdocs_at_its_line():
    # The page policy's rule for content holds for an engine that runs only our Markdown
    # extensions (no MkDocs plugin, no post-build): nothing a page says may run or load from
    # another site, wherever it is written.
    page = (
        "# Page\n\nText.\n\n<script>alert(1)</script>\n\n"
        '<p onclick="steal()">Tap</p>\n\n![A chart](https://tracker.example/c.png)\n'
    )
    with pytest.raises(BuildStopped) as stopped:
        convert(text=page)
    message = str(stopped.value)
    assert message.splitlines()[0] == "the page: 3 problem(s)"
    for expected in (
        "the page:5: <script...> is an inline <script>, which the page policy does not allow",
        "the page:7: <p onclick=...> is an inline event handler",
        "the page:9: <img src=...> is a file from another website (https://tracker.example/c.png)",
    ):
        assert expected in message
