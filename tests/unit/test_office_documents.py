"""The protocol draft as formatted blocks and "The first hour" crisis card, without a site build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from conftest import NAME_AND_ROLE_FIELDS
from saferpolitics.core.problems import BuildStopped
from saferpolitics.markdown_stage.first_hour import (
    FirstHour,
    FirstStepsExtension,
    Step,
    StepList,
    card_element,
    card_for_print,
    parse_first_hour,
    short_address,
)
from saferpolitics.markdown_stage.protocol import ProtocolBuilderExtension, Run, parse_blocks, parse_template
from saferpolitics.markdown_stage.registry import load_registry
from saferpolitics.post_build.crisis_cards import CARDS, STYLESHEET, STYLESHEETS, card_documents, write_cards

ROOT = Path(__file__).resolve().parents[2]
FIRST_HOUR = (ROOT / "data" / "first-hour.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def template():
    parsed, problems = parse_template((ROOT / "data" / "protocol-template.yml").read_text(encoding="utf-8"))
    assert problems == []
    return parsed


@pytest.fixture(scope="module")
def registry():
    parsed, problems = load_registry(ROOT / "data" / "links.yml", ROOT)
    assert problems == []
    return parsed


@pytest.fixture(scope="module")
def first_hour(template, registry):
    parsed, problems = parse_first_hour(FIRST_HOUR, registry, {f.id for f in template.fields})
    assert problems == []
    return parsed


def etree_text(element) -> str:
    return etree.tostring(element, encoding="unicode")


def builder_html(template, card=""):
    return markdown.Markdown(extensions=[ProtocolBuilderExtension(template=template, card=card)]).convert(
        "/// protocol-builder\n///\n"
    )


def test_template_lines_become_headings_paragraphs_and_lists():
    blocks, problems = parse_blocks(
        "# Title {name}\n\nOne line\nand its next line.\n\n- a [date]\n- b\n1. first\n2. second\n", 10
    )
    assert problems == []
    assert [(b.kind, b.level, len(b.items)) for b in blocks] == [
        ("heading", 1, 1),
        ("paragraph", 0, 1),
        ("bullets", 0, 2),
        ("numbers", 0, 2),
    ]
    assert blocks[0].items[0] == (Run("text", "Title "), Run("field", "name"))
    assert blocks[1].items[0] == (Run("text", "One line and its next line."),)
    assert blocks[2].items[0] == (Run("text", "a "), Run("blank", "[date]"))


def test_markdown_the_builder_cannot_format_is_reported_on_its_line():
    _, problems = parse_blocks("# Title\n\nSome **bold** text.\n\n#### Too deep\n", 20)
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [
        (22, "the template uses Markdown the builder cannot format"),
        (24, "the template has a heading deeper than ###"),
    ]
    assert all(p.hint for p in problems)


SMALL_TEMPLATE = (
    NAME_AND_ROLE_FIELDS
    + """\
  # Protocol for {name}

  {name} is the {role}.
"""
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # Placeholders that are not a field id would be printed as written, braces and all.
        (
            "{name} is",
            "{Name} is",
            (
                14,
                "the template has '{Name}', which is not a {field} placeholder, so it would be printed as written",
                "did you mean {name}?",
            ),
        ),
        (
            "{name} is",
            "{ name } is",
            (14, "the template has '{ name }', which is not a {field} placeholder", "did you mean {name}?"),
        ),
        (
            "the {role}.",
            "the {ro-le}.",
            (14, "the template has '{ro-le}', which is not a {field} placeholder", "did you mean {role}?"),
        ),
        (
            "the {role}.",
            "the {role.",
            (14, "the template has '{role.', which is not a {field} placeholder", "did you mean {role}?"),
        ),
        (
            "the {role}.",
            "the {rol}.",
            (14, "the template uses {rol} but no field has that id", "use one of: name, role"),
        ),
        # Field ids: unique, so one {placeholder} means one thing.
        (
            "  - id: role",
            "  - id: name",
            (6, "field id 'name' is listed twice (first on line 2)", "give each field its own id"),
        ),
        # Options belong to choices only, and each once.
        (
            "    type: select",
            "    type: text",
            (6, "fields > entry 'role': only a field of type select or checkboxes has `options`", "remove `options`"),
        ),
        (
            "[MP, candidate]",
            "[MP, MP]",
            (10, "fields > entry 'role', field 'options': an option is listed twice", "list each option once"),
        ),
        # No options is not "listed twice" (one message once covered every rule on the list).
        (
            "[MP, candidate]",
            "[]",
            (
                10,
                "fields > entry 'role', field 'options': is empty",
                "the fields are described at the top of data/protocol-template.yml and in "
                "data/schema/protocol-template.schema.json",
            ),
        ),
    ],
)
def test_protocol_template_mistakes_name_their_line_and_a_fix(old, new, expected):
    assert parse_template(SMALL_TEMPLATE)[1] == []
    _, problems = parse_template(SMALL_TEMPLATE.replace(old, new, 1))
    line, message, hint = expected
    assert [(p.file, p.line) for p in problems][:1] == [("data/protocol-template.yml", line)], problems
    assert problems[0].message.startswith(message) and hint in problems[0].hint, problems


def test_blank_template_is_formatted_text_not_markdown(template):
    html = builder_html(template)
    draft = html[html.index('id="sp-protocol-draft"') :]
    assert "<h3>Social media and harassment protocol: <span" in draft
    assert "<h4>Part 1: Community guidelines (publish these)</h4>" in draft
    assert "<h5>Ground rules</h5>" in draft
    assert draft.count("<ol>") == 2 and "<ul>" in draft and "<p>" in draft
    text = re.sub(r"<[^>]+>", "", draft)
    assert not re.search(r"^#|^- |^\d+\. ", text, re.M), "Markdown marks left in the blank template"
    # Every part to fill in by hand is marked, so the page and the Word file can highlight it.
    assert '<span data-sp-blank="">[date]</span>' in draft


def test_draft_headings_stay_out_of_the_pages_contents(template):
    md = markdown.Markdown(extensions=["toc", ProtocolBuilderExtension(template=template)])
    html = md.convert("## Draft your protocol\n\n/// protocol-builder\n///\n")
    assert [token["name"] for token in md.toc_tokens] == ["Draft your protocol"]
    assert "<h3>Social media and harassment protocol: " in html and "data-sp-heading" not in html


def _nested_brackets(text: str) -> list[str]:
    found, depth = [], 0
    for position, char in enumerate(text):
        if char in "([":
            depth += 1
            if depth > 1:
                found.append(text[max(0, position - 30) : position + 30])
        elif char in ")]":
            depth -= 1
    return found


def test_no_brackets_inside_brackets_blank_or_filled_in(template):
    """The glitches "(Facebook and X (formerly Twitter))" and "([channels, such as ...])"."""
    everything = {f.id: " and ".join(f.options) if f.options else f.example or "Alex" for f in template.fields}
    for values in ({f.id: f.blank for f in template.fields}, everything):
        for block in template.blocks:
            for item in block.items:
                line = "".join(values[run.value] if run.kind == "field" else run.value for run in item)
                assert _nested_brackets(line) == [], line


def test_an_email_field_carries_its_error_message_hidden_between_hint_and_field(template):
    """GOV.UK's order (label, hint, error message, field); the script shows the message."""
    field = '<div class="sp-protocol__field"><label for="sp-protocol-email">'
    html = builder_html(template)
    email = html[html.index(field) : html.index("</div>", html.index(field))]
    assert email.index("sp-protocol__hint") < email.index("sp-error-message") < email.index("<input")
    assert (
        '<p class="sp-error-message" hidden="" id="sp-protocol-email-error">Enter an email address in the '
        "correct format, like name@example.com</p>" in email
    )
    assert 'aria-describedby="sp-protocol-email-hint sp-protocol-email-error"' in email
    assert html.count("sp-error-message") == 1  # only a field with a format to check has one


def test_the_builder_offers_word_print_copy_and_the_crisis_card(template, first_hour, registry):
    html = builder_html(template, card=lambda: card_element(first_hour, registry, headings=False))
    for action in ("download-docx", "print", "copy", "print-card"):
        assert f'data-sp-action="{action}"' in html
    assert "Markdown (.md)" not in html
    card = html[html.index('class="sp-protocol__card') :]
    assert card.startswith('class="sp-protocol__card print-site-plugin-ignore" hidden="">')
    assert "<h1" not in card and "<h2" not in card  # inside the builder, no headings of its own
    for contact in first_hour.contacts:
        assert f'data-sp-field="{contact.field}"' in card


def test_first_steps_block_renders_the_steps_with_their_links_and_sources(first_hour):
    extension = FirstStepsExtension(first_hour=first_hour)
    html = markdown.Markdown(extensions=[extension]).convert("/// first-steps | threats\n///\n")
    assert html.count("<li>") == len(first_hour.steps("threats").steps) == 6
    assert (
        '<ol class="sp-first-steps" data-sp-steps="threats">\n<li><strong>Check everyone is safe.</strong> If '
        "anyone is in immediate danger, call" in html
    )
    # Page links are written relative to docs/ and made relative to the page that shows them.
    assert '<a href="get-help-now.md#evidence">Keep the evidence</a>' in html
    assert '<a href="help/affecting-me.md">' in html
    # "Based on": each source as a registry link (the registry writes its title), on screen.
    assert '<p class="sp-based-on sp-web-only">Based on: <a href="link:aberdeen-city-election-security"></a>;\n' in html
    extension.start_page("help/threats.md")
    html = markdown.Markdown(extensions=[extension]).convert("/// first-steps | threats\n///\n")
    assert '<a href="../get-help-now.md#evidence">' in html and '<a href="affecting-me.md">' in html


def test_based_on_names_who_publishes_each_source_the_title_does_not_name(first_hour, registry):
    """ "Online crime" and "Search results" meant nothing alone (a content review)."""
    extension = FirstStepsExtension(first_hour=first_hour, registry=registry)
    html = markdown.Markdown(extensions=[extension]).convert("/// first-steps | threats\n///\n")
    assert '<a href="link:avon-somerset-police-online-crime"></a> (Avon and Somerset Police);\n' in html
    # Without the publisher's note in brackets; nothing where the title says who it is.
    assert '<a href="link:aberdeen-city-election-security"></a> (Aberdeen City Council);\n' in html
    assert '<a href="link:police-uk-home"></a>;\n' in html
    unknown = markdown.Markdown(extensions=[FirstStepsExtension(first_hour=first_hour)]).convert(
        "/// first-steps | nothing\n///\n"
    )
    assert "/// first-steps | nothing" in unknown  # left as text: the plugin reports it


def test_card_has_999_101_every_step_and_a_line_per_contact(first_hour, registry):
    html = next(
        iter(card_documents(card_for_print(first_hour, registry, "https://example.org/toolkit/", "2026.12")).values())
    )
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "call 999" in text and "call 101" in text
    on_card = [listing for listing in first_hour.lists if listing.card_heading]
    assert [listing.key for listing in on_card] == ["threats", "hacked"]
    for listing in on_card:
        for step in listing.steps:
            assert " ".join(step.words("card").split()) in text
    assert first_hour.steps("affecting-me").steps[0].card not in text  # a list without a card heading
    assert "Samaritans 116 123" in text and "text SHOUT to 85258" in text
    assert "report.ncsc.gov.uk" in text and "reportfraud.police.uk" in text
    # A printing review: the card gave Report Fraud's website only, no help on paper with no signal.
    assert (
        "Fraud or cyber crime: In Scotland, Police Scotland on 101; elsewhere, Report Fraud on 0300 123 2040 or reportfraud.police.uk"
        in " ".join(text.split())
    )
    assert html.count('class="sp-first-hour__line"') == len(first_hour.contacts)
    assert "example.org/toolkit/get-help-now" in text
    # A card stays on the wall for months: it says which edition it is (a printing review).
    assert "From the Safer Politics online-safety toolkit, edition 2026.12: example.org/toolkit/get-help-now" in text
    assert short_address("https://www.police.uk/") == "police.uk"


def test_the_phone_cards_foot_links_to_get_help_now_and_the_a4_cards_does_not(first_hour, registry):
    card = card_for_print(first_hour, registry, "https://example.org/toolkit/", "2026.12")
    documents = card_documents(card)
    linked = '<a href="https://example.org/toolkit/get-help-now/">example.org/toolkit/get-help-now</a></p>'
    assert linked in documents["downloads/first-hour-phone.pdf"]
    assert linked not in documents["downloads/first-hour-a4.pdf"]
    assert "edition 2026.12: example.org/toolkit/get-help-now</p>" in documents["downloads/first-hour-a4.pdf"]
    # Without a site address the foot names the page, with nothing to link.
    bare = card_for_print(first_hour, registry, "", "2026.12")
    phone = card_documents(bare)["downloads/first-hour-phone.pdf"]
    assert "edition 2026.12, page Get help now</p>" in phone and "get-help-now/" not in phone


def test_card_links_on_paper_are_their_words_and_only_numbers_are_links(first_hour, registry):
    """A number is a link to call from the phone-sized card (a reader review: 999 could not be
    tapped); any other link means nothing on paper."""
    html = etree_text(card_element(first_hour, registry))
    links = re.findall(r'<a href="([^"]*)">', html)
    assert links[:2] == ["tel:999", "tel:101"] and all(link.startswith(("tel:", "sms:")) for link in links)
    assert '<a href="tel:999"><strong>999</strong></a>. Not an emergency, call <a href="tel:101">' in html
    with_link = first_hour._replace(
        lists=(StepList("x", "X", (Step("**Go** to [the page](other.md)", "**Go** to [the page](other.md)"),)),),
    )
    assert "<li><strong>Go</strong> to the page</li>" in etree_text(card_element(with_link, registry))


def test_a_link_inside_bold_is_a_link_on_the_page_its_words_on_paper_and_checked(template, first_hour, registry):
    # "**If your life ... is at risk, call [999](tel:999) now.**" once showed its Markdown to the reader.
    bold_link = "**If anyone is at risk, call [999](tel:999) now.**"
    steps = FirstHour("t", (StepList("x", "", (Step(bold_link, ""),)),), (), ())
    html = markdown.Markdown(extensions=[FirstStepsExtension(first_hour=steps)]).convert("/// first-steps | x\n///\n")
    assert '<li><strong>If anyone is at risk, call <a href="tel:999">999</a> now.</strong></li>' in html
    on_paper = first_hour._replace(lists=(StepList("x", "X", (Step(bold_link, bold_link),)),))
    assert '<li><strong>If anyone is at risk, call <a href="tel:999">999</a> now.</strong></li>' in etree_text(
        card_element(on_paper, registry)
    )
    broken = FIRST_HOUR.replace("[999](tel:999)", "**[999](javascript:alert(1))**", 1)
    [problem] = parse_first_hour(broken, registry, {f.id for f in template.fields})[1]
    assert "links to 'javascript:alert(1'" in problem.message


def test_a_step_links_only_to_a_phone_number_a_section_a_page_or_the_registry(template, registry):
    broken = FIRST_HOUR.replace("[101](tel:101)", "[101](javascript:alert(1))", 1)
    _, problems = parse_first_hour(broken, registry, {f.id for f in template.fields})
    [problem] = problems
    assert "links to 'javascript:alert(1'" in problem.message and "tel:" in problem.hint
    assert "javascript:alert(1)" in " ".join(broken.splitlines()[problem.line - 1 : problem.line + 3])  # that step
    html = markdown.Markdown(
        extensions=[
            FirstStepsExtension(
                first_hour=FirstHour(
                    "t", (StepList("abuse", "A", (Step("[x](javascript:alert(1)) [999](tel:999)", ""),)),), (), ()
                )
            )
        ]
    ).convert("/// first-steps | abuse\n///\n")
    assert '<a href="tel:999">999</a>' in html and "[x](javascript:alert(1))" in html and 'href="javascript' not in html


def test_an_unknown_link_id_in_a_step_is_the_data_files_mistake_on_its_line(template, registry):
    """Not the page that shows the steps (docs/get-help-now.md): the maintainer must edit this file."""
    first = re.search(r"\(link:([a-z0-9-]+)\)", FIRST_HOUR)
    broken = FIRST_HOUR[: first.start(1)] + "no-such-entry" + FIRST_HOUR[first.end(1) :]
    first_hour, problems = parse_first_hour(broken, registry, {f.id for f in template.fields})
    assert first_hour is None
    assert [(p.file, p.message) for p in problems] == [
        ("data/first-hour.yml", "`step` links to unknown link id 'no-such-entry'")
    ]
    # The line of the step's words that holds the link, not the step's first line.
    assert problems[0].line == FIRST_HOUR[: first.start()].count("\n") + 1
    assert "(link:no-such-entry)" in broken.splitlines()[problems[0].line - 1]
    assert problems[0].hint.startswith("no entry in data/links.yml has this id (was it removed or renamed?)")
    typo = FIRST_HOUR[: first.start(1)] + first[1][:-1] + FIRST_HOUR[first.end(1) :]
    [problem] = parse_first_hour(typo, registry, {f.id for f in template.fields})[1]
    assert problem.hint.startswith(f"did you mean '{first[1]}'")


def test_a_step_whose_number_calls_another_is_the_data_files_mistake_on_its_line(template, registry):
    broken = FIRST_HOUR.replace("call [999](tel:999) now", "call [999](tel:998) now", 1)
    assert broken != FIRST_HOUR
    first_hour, problems = parse_first_hour(broken, registry, {f.id for f in template.fields})
    assert first_hour is None
    [problem] = problems
    assert problem.file == "data/first-hour.yml" and "tel:998" in broken.splitlines()[problem.line - 1]
    assert problem.message == (
        "`step`: the words '999' call tel:998, another number: a reader who taps them calls that one"
    )


@pytest.mark.parametrize(
    ("linked", "plain"),
    [("[116 123](tel:116123)", "116 123"), ("[85258](sms:85258)", "85258"), ("[999](tel:999) now", "999 now")],
)
def test_a_number_to_call_written_as_plain_words_is_the_data_files_mistake(template, registry, linked, plain):
    # A maintainer review: "116 123" without its link built, and could not be tapped on a phone.
    broken = FIRST_HOUR.replace(linked, plain, 1)
    assert broken != FIRST_HOUR
    first_hour, problems = parse_first_hour(broken, registry, {f.id for f in template.fields})
    [problem] = problems
    number = plain.removesuffix(" now")
    assert plain in " ".join(broken.splitlines()[problem.line - 1 : problem.line + 5])  # the step from its line
    assert problem.message.endswith(f"has the number {number!r} as plain words, which a reader on a phone cannot tap")
    assert "write it as a link" in problem.hint


@pytest.mark.parametrize(
    ("written", "shown"),
    [("[999]( javascript:alert(1))", "[999]("), ("[999] (tel:999)", "[999] (tel:999)")],
)
def test_a_step_link_the_page_cannot_read_is_the_data_files_mistake_on_its_line(template, registry, written, shown):
    """Not the page that shows the step, where its words cannot be found: the data file's line."""
    broken = FIRST_HOUR.replace("call [999](tel:999) now", f"call {written} now", 1)
    first_hour, problems = parse_first_hour(broken, registry, {f.id for f in template.fields})
    assert first_hour is None
    [problem] = problems
    assert problem.file == "data/first-hour.yml" and written in broken.splitlines()[problem.line - 1]
    assert problem.message == f"`step` has a link readers would see as Markdown: '{shown}'"


def test_first_hour_mistakes_are_reported_with_their_lines(template, registry):
    broken = FIRST_HOUR.replace("link: report-fraud", "link: report-frad").replace("field: feoa", "field: feo")
    broken = broken.replace(
        "    steps:\n      - step: >-\n          **Tell your MP or candidate, your colleagues** and the "
        "person named in your office's",
        "    sources: [report-frad]\n    steps:\n      - step: >-\n          **Tell your MP or candidate, "
        "your colleagues** and the person named in your office's",
        1,
    )
    broken = broken.replace("""        card: "**Then report it to the platform**, post by post."\n""", "")
    first_hour, problems = parse_first_hour(broken, registry, {f.id for f in template.fields})
    assert first_hour is None
    messages = {p.message: p for p in problems}
    lines = broken.splitlines()
    assert "unknown link id 'report-frad'" in messages
    assert "no protocol builder field 'feo'" in messages
    assert (
        "lists > hacked > sources > entry 1: 'report-frad' is not a valid value" not in messages
    )  # a link id, checked against the registry
    [on_paper] = [
        p
        for m, p in messages.items()
        if m.endswith("this step links to another page, which means nothing on the printed card")
    ]
    assert "Then report it to the platform" in lines[on_paper.line] and "card:" in on_paper.hint
    assert "report-frad" in lines[messages["unknown link id 'report-frad'"].line - 1]
    assert "field: feo" in lines[messages["no protocol builder field 'feo'"].line - 1]


def card_pdfs(first_hour: FirstHour, registry, docs: Path, site_url: str, cache: Path) -> dict[str, bytes]:
    """Site path -> PDF of each card, as the post-build stage writes them into a site."""
    site = docs.parent / "site"
    card = {**card_for_print(first_hour, registry, site_url, "2026.12"), "base_url": docs.as_uri() + "/"}
    write_cards(site, card, cache)
    return {path: (site / path).read_bytes() for path in CARDS}


def test_cards_are_rendered_again_only_when_what_goes_in_changes(first_hour, registry, tmp_path):
    docs = tmp_path / "docs"
    (docs / "assets" / "css").mkdir(parents=True)
    for css in STYLESHEETS:
        (docs / css).write_bytes((ROOT / "docs" / css).read_bytes())
    stylesheet = docs / STYLESHEET
    cache = tmp_path / "cache"
    pdfs = card_pdfs(first_hour, registry, docs, "", cache)
    assert all(pdf.startswith(b"%PDF-") for pdf in pdfs.values())
    kept = sorted(cache.glob("pdf-*/document.pdf"))
    assert [p.parent.name.rsplit("-", 1)[0] for p in kept] == [
        "pdf-first-hour-a4",
        "pdf-first-hour-phone",
    ]  # one keyed render each
    for render in kept:  # same size, so the kept render counts as complete and is copied as it is
        render.write_bytes(b"%PDF-kept".ljust(render.stat().st_size, b"."))
    again = card_pdfs(first_hour, registry, docs, "", cache)
    assert {pdf[:9] for pdf in again.values()} == {b"%PDF-kept"}
    changed = card_pdfs(first_hour, registry, docs, "https://example.org/", cache)  # the card's text changed
    stylesheet.write_bytes(stylesheet.read_bytes() + b"\n/* a new look */\n")
    restyled = card_pdfs(first_hour, registry, docs, "https://example.org/", cache)
    assert all(pdf.startswith(b"%PDF-1") for pdf in [*changed.values(), *restyled.values()])
    assert (
        len(list(cache.glob("pdf-*/document.pdf"))) == 6
    )  # the last three renders of each card, as for the toolkit PDF


def test_each_card_pdf_says_which_card_it_is_who_made_it_what_it_is_about_and_its_language(
    first_hour, registry, tmp_path
):
    """A printing review: both cards had one title and no author or subject, so a PDF viewer's title
    bar and a file list could not tell the A4 card from the phone card."""
    from pypdf import PdfReader

    docs = tmp_path / "docs"
    (docs / "assets" / "css").mkdir(parents=True)
    for css in STYLESHEETS:
        (docs / css).write_bytes((ROOT / "docs" / css).read_bytes())
    site = tmp_path / "site"
    author = "Centre for Digital Politics, Media and Democracy, University of Liverpool"
    card = {**card_for_print(first_hour, registry, "", "2026.12"), "base_url": docs.as_uri() + "/", "author": author}
    write_cards(site, card)
    read = {path: PdfReader(site / path) for path in CARDS}
    titles = {path: pdf.metadata.title for path, pdf in read.items()}
    assert titles == {
        "downloads/first-hour-a4.pdf": "The first hour: A4 crisis card to print",
        "downloads/first-hour-phone.pdf": "The first hour: phone-sized crisis card",
    }
    for pdf in read.values():
        assert pdf.metadata.author == author
        assert pdf.metadata.subject.startswith("What to do when online abuse starts or an account is hacked")
        assert "edition 2026.12" in pdf.metadata.subject  # which card on the wall is out of date
        assert pdf.trailer["/Root"].get("/Lang") == "en-GB"
        assert pdf.xmp_metadata.dc_title["x-default"] == pdf.metadata.title  # what PDF/UA readers announce


def test_a_card_that_no_longer_fits_one_page_stops_the_build_with_a_hint(first_hour, registry, tmp_path):
    long_list = first_hour.lists[0]._replace(steps=first_hour.lists[0].steps * 8)
    too_long = first_hour._replace(lists=(long_list, *first_hour.lists[1:]))
    card = {**card_for_print(too_long, registry, "", "2026.12"), "base_url": (ROOT / "docs").as_uri() + "/"}
    for _ in range(2):  # rendered, then from the cache: a card kept from a too-long render is still refused
        with pytest.raises(BuildStopped) as stopped:
            write_cards(tmp_path / "site", card, tmp_path / "cache")
        assert list((tmp_path / "site").rglob("*.pdf")) == []
        message = str(stopped.value)
        assert message.startswith("data/first-hour.yml: 2 problem(s)")
        # At the line of the first list on the card, naming every list on it with its line.
        first_on_card = next(listing for listing in too_long.lists if listing.card_heading)
        assert f"data/first-hour.yml:{first_on_card.line}: the crisis card" in message
        on_card = ", ".join(f"{lst.key} (line {lst.line})" for lst in too_long.lists if lst.card_heading)
        assert "pages, not one" in message and f"hint: the card holds the steps of {on_card}: shorten" in message


# Numbers the builder may show: 999 and 101 (the police), and Ofcom's ranges kept for drama and
# examples, which never ring anyone (07700 900xxx, 020 7946 0xxx, 01632 960xxx).
# 999 and 101; the public numbers the research checked (Report Fraud, Samaritans, Shout), as the
# crisis card gives them; and examples that ring nobody.
ALLOWED_NUMBER = re.compile(r"999|101|0300 123 2040|116 123|85258|07700 ?900\d{3}|020 ?7946 ?0\d{3}|01632 ?960\d{3}")


def test_the_builder_pre_fills_no_number_it_cannot_source(template):
    """Parliament's routes have no public number (the desk research found none to check): the
    builder says where staff find each one, and shows no phone number but 999, 101, the public
    ones the crisis card gives and examples that ring nobody."""
    text = (ROOT / "data" / "protocol-template.yml").read_text(encoding="utf-8")
    numbers = re.findall(
        r"\+?\d[\d ]{2,}\d", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    )
    assert [n for n in numbers if not ALLOWED_NUMBER.fullmatch(n.strip())] == []
    fields = {field.id: field for field in template.fields}
    for route in ("plait", "msss", "psd", "digital_desk", "staff_helpline"):
        assert "ParliNet" in fields[route].blank and "ParliNet" in fields[route].hint, route
    assert "101" in fields["feoa"].hint  # the public way to reach your FEOA: ask your force


def test_a_step_that_is_not_text_is_one_mistake(template, registry):
    """A maintainer review: a step written as a list was "not text" and also "links to another
    part of the page" (the schema's test for a section link passed on anything but text)."""
    step = '      - step: "**Check everyone is safe.** If anyone is in immediate danger, call [999](tel:999) now."'
    assert step in FIRST_HOUR
    broken = FIRST_HOUR.replace(step, step.replace('step: "', 'step: ["[Steps](#steps) ').replace('now."', 'now."]'), 1)
    _, problems = parse_first_hour(broken, registry, {f.id for f in template.fields})
    assert [problem.message.rsplit(": ", 1)[-1] for problem in problems] == ["must be text"], problems


def test_words_only_an_mps_office_can_use_are_marked_on_the_builders_card_and_printed_on_the_static_ones(
    template, registry
):
    """A printing review: a candidate's card from the builder said "call the Digital Support Desk",
    "for an MP, PLaIT too" and "MPs' staff paid by IPSA". Those words are {only for role is MP} in
    the data file: marked for protocol-builder.js on the builder's card, whole on the A4 and phone cards."""
    first_hour, problems = parse_first_hour(
        FIRST_HOUR, registry, {f.id for f in template.fields}, choices=template.choices()
    )
    assert problems == []
    builders = etree_text(card_element(first_hour, registry, headings=False, office=("name", "constituency")))
    marked = re.findall(r'<span data-sp-only-when="role" data-sp-only-is="MP">(.*?)</span>', builders)
    assert "; for an MP, Parliament's police team (PLaIT) too" in marked
    assert any("call the Digital Support Desk" in words for words in marked)
    assert any("paid by the Independent Parliamentary Standards Authority" in words for words in marked)
    assert "{only for" not in builders and "{end}" not in builders
    # Whose card it is, from the builder's fields (filled in and shown by protocol-builder.js).
    assert '<p class="sp-first-hour__office" data-sp-if-filled="name">For the office of <span data-sp-field="name"' in (
        builders
    )
    static = card_documents(card_for_print(first_hour, registry, "https://example.org/", "2026.12"))
    for document in static.values():
        text = re.sub(r"<[^>]+>", "", document)
        assert "(FEOA); for an MP, Parliament's police team (PLaIT) too." in text
        assert "call the Digital Support Desk" in text and "data-sp-only-when" not in document
        assert "For the office of" not in text and "{end}" not in text


def test_words_for_one_role_written_wrongly_are_the_data_files_mistakes_on_their_lines(template, registry):
    choices = template.choices()
    fields = {f.id for f in template.fields}
    cases = {
        # A page would show the marker as typed.
        '"**Check everyone is safe.** If': (
            '"**Check everyone is safe.**{only for role is MP} If',
            "a page would show",
        ),
        # No such option.
        "{only for role is MP}; for an MP": (
            "{only for role is Mp}; for an MP",
            "names an option 'role' does not have",
        ),
        # No {end}.
        "(PLaIT) too{end}.": ("(PLaIT) too.", "has no {end}"),
        # Bold split by the marker: the builder would hide half of it.
        "{only for role is MP}**Parliamentary devices": ("**{only for role is MP}Parliamentary devices", "bold begins"),
    }
    for before, (after, message) in cases.items():
        assert before in FIRST_HOUR, before
        broken = FIRST_HOUR.replace(before, after, 1)
        first_hour, problems = parse_first_hour(broken, registry, fields, choices=choices)
        assert first_hour is None and len(problems) == 1, (after, problems)
        [problem] = problems
        assert message in problem.message, problem
        assert after.strip('"').split("{")[0][:12] in broken.splitlines()[problem.line - 1], problem
