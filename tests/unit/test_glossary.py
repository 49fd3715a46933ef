"""The glossary data file, its tooltips and the Glossary block, tested without a site build."""

from __future__ import annotations

from pathlib import Path

import markdown

from saferpolitics.core.glossary_terms import parse_glossary
from saferpolitics.markdown_stage.glossary import (
    FirstUseExtension,
    GlossaryBlockExtension,
    QuickerAbbrTreeprocessor,
    abbreviations,
)

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
terms:
  - term: Phishing
    definition: A message that pretends to come from someone you trust.
    matches: [phishing]
  - term: NCSC
    stands_for: National Cyber Security Centre
    definition: The UK's national authority on cyber security.
  - term: Block
    definition: Stop an account from seeing your posts.
    matches: []
"""


def render(source: str, text: str = GOOD) -> str:
    terms, problems = parse_glossary(text)
    assert not problems
    md = markdown.Markdown(
        extensions=["abbr", GlossaryBlockExtension(terms=terms), FirstUseExtension()],
        extension_configs={"abbr": {"glossary": abbreviations(terms)}},
    )
    return md.convert(source)


def test_the_real_glossary_is_valid_and_has_the_terms_newcomers_need():
    terms, problems = parse_glossary((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    assert problems == []
    names = {t.term for t in terms}
    for needed in [
        "2-step verification",
        "Phishing",
        "Spear-phishing",
        "Malware",
        "FEOA",
        "PPC",
        "NCSC",
        "Ofcom",
        "Cyberflashing",
        "Bio",
        "Handle",
    ]:
        assert needed in names


def test_abbreviations_expand_and_terms_show_a_short_definition():
    terms, _ = parse_glossary(GOOD)
    tips = abbreviations(terms)
    assert tips["NCSC"] == "National Cyber Security Centre"
    assert tips["phishing"] == tips["Phishing"] == "A message that pretends to come from someone you trust."
    assert "Block" not in tips  # `matches: []`: on the Glossary page only


def test_first_use_on_a_page_is_focusable_and_later_uses_are_not():
    html = render("Report it to the NCSC.\n\nThe NCSC says so.")
    assert html.count('tabindex="0"') == 1
    assert html.index('tabindex="0"') < html.index("The ")
    assert html.count('<abbr class="sp-term" tabindex="0" title="National Cyber Security Centre">NCSC</abbr>') == 1
    assert html.count("<abbr") == 2


def test_tooltips_are_exactly_those_of_python_markdowns_abbr_only_quicker():
    """The quicker treeprocessor marks what abbr's own would, term for term: the longest term at
    a word boundary, terms in tails and nested elements, a page's own `*[X]:` terms, none in code."""
    terms, problems = parse_glossary((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    assert problems == []
    source = (
        "Social media management tools and a social media management tool: the management toolset is "
        "not one. Spear-phishing, then phishing; phishingly is no term.\n\n"
        "- *Bio* and bios, **2SV** in bold then 2SV after it; NCSC's advice\n"
        "- `NCSC` in code, then [the PPC](https://example.invalid) and PPCs\n\n"
        "| Ofcom | FEOA |\n|---|---|\n| Ofcom said | IPSA and ICO |\n\n"
        "Social media is everywhere.\n\n"
        "*[IPSA]: Independent Parliamentary Standards Authority, as this page says\n"
        "*[Social media]: Platforms, as this page says\n"
    )

    def converted(quicker: bool) -> str:
        md = markdown.Markdown(
            extensions=["abbr", "tables"], extension_configs={"abbr": {"glossary": abbreviations(terms)}}
        )
        if quicker:
            md.treeprocessors.register(QuickerAbbrTreeprocessor(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)
        return md.convert(source)

    html = converted(quicker=True)
    assert html == converted(quicker=False)
    assert html.count("<abbr") >= 12
    assert ">Social media management tools</abbr>" in html and ">Spear-phishing</abbr>" in html
    assert 'says">Social media</abbr> is everywhere' in html  # the shorter term where the longer is not
    assert 'title="Independent Parliamentary Standards Authority, as this page says">IPSA</abbr>' in html


def test_the_quicker_abbr_takes_the_place_of_abbrs_own():
    md = markdown.Markdown(extensions=["abbr", FirstUseExtension()])
    assert type(md.treeprocessors["abbr"]) is QuickerAbbrTreeprocessor
    assert md.treeprocessors.get_index_for_name("abbr") < md.treeprocessors.get_index_for_name("sp_glossary_first_use")


def test_code_is_never_touched():
    html = render("`NCSC` in code\n\n    NCSC in a block\n")
    assert "<abbr" not in html


def test_no_tab_stop_inside_a_link_or_heading_where_it_would_nest_or_repeat():
    html = render("# NCSC\n\n[the NCSC](https://example.invalid)\n\nThen the NCSC.")
    assert html.count('tabindex="0"') == 1
    assert html.rstrip().endswith(
        'Then the <abbr class="sp-term" tabindex="0" title="National Cyber Security Centre">NCSC</abbr>.</p>'
    )


def test_glossary_block_lists_every_term_with_an_anchor_and_no_tooltip_on_itself():
    html = render("/// glossary\n///\n")
    assert (
        '<dt id="ncsc">NCSC<span class="sp-glossary__stands-for"> (National Cyber Security Centre)</span></dt>' in html
    )
    assert '<dt id="block">Block</dt>' in html
    assert "<abbr" not in html
    assert html.index('id="block"') < html.index('id="ncsc"') < html.index('id="phishing"')


def test_mistakes_are_all_reported_with_line_and_hint():
    text = """\
terms:
  - term: Phishing
    definition: One.
  - term: phishing
    definition: Twice.
  - term: Malware
    colour: red
    definition: Bad software.
  - term: Vishing
  - term: Smishing
    definition: Text phishing.
    matches: [Phishing]
"""
    _, problems = parse_glossary(text)
    messages = [(p.line, p.message) for p in problems]
    assert (4, "term 'phishing' is listed twice (first on line 2)") in messages
    assert (7, "terms > entry 'Malware': unknown field 'colour'") in messages
    assert (9, "terms > entry 'Vishing': field 'definition' is missing") in messages
    assert any(line == 12 and "both 'Phishing'" in message for line, message in messages)
    assert all(p.file == "data/glossary.yml" and p.hint for p in problems)


def test_broken_yaml_is_a_problem_not_a_traceback():
    _, problems = parse_glossary("terms:\n  - term: [unclosed\n")
    assert len(problems) == 1 and problems[0].line and "not valid YAML" in problems[0].message


def test_a_common_word_as_a_match_is_refused():
    """A maintainer review: `matches: [the]` built, with 2,057 tooltips across the site."""
    text = "terms:\n  - term: The Times\n    definition: A newspaper.\n    matches: [the, The Times]\n"
    _, problems = parse_glossary(text)
    assert [(p.line, p.message) for p in problems] == [
        (4, "'the' is one of the commonest words: nearly every page would show the tooltip of 'The Times' on it")
    ]
