"""The evidence log and protocol template data files and their blocks, without a site build."""

from __future__ import annotations

import csv
import io
import re
import textwrap
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from conftest import NAME_AND_ROLE_FIELDS
from saferpolitics.markdown_stage.evidence_log import EvidenceLogExtension, csv_text, parse_fields
from saferpolitics.markdown_stage.protocol import ProtocolBuilderExtension, parse_template

ROOT = Path(__file__).resolve().parents[2]

ISSUE_FIELDS = [
    "Date and time",
    "Platform",
    "Link to the post",
    "Account handle",
    "Screenshots",
    "Screenshot of the post",
    "Screenshot of the bio page",
    "Reported to police",  # before the platform, as the crisis steps go for a threat
    "Police reference",
    "Reported to platform",
    "Platform reference",
    "Recorded",
    "Documented by",
    "Notes",
]


def real_fields():
    fields, problems = parse_fields((ROOT / "data" / "evidence-log.yml").read_text(encoding="utf-8"))
    assert problems == []
    return fields


def real_template():
    template, problems = parse_template((ROOT / "data" / "protocol-template.yml").read_text(encoding="utf-8"))
    assert problems == []
    return template


def test_evidence_log_has_the_fields_the_toolkit_asks_for_in_order():
    assert [f.label for f in real_fields()] == ISSUE_FIELDS


def test_csv_is_a_header_row_only_readable_by_any_spreadsheet():
    text = csv_text(real_fields())
    assert text.startswith("\ufeff")  # Excel reads the file as UTF-8 only with this mark
    assert list(csv.reader(io.StringIO(text[1:]))) == [["No.", *ISSUE_FIELDS, "Last changed"]]
    assert text.endswith("\r\n")


def test_the_form_has_a_box_for_each_column_in_the_same_order_hidden_until_the_script_runs():
    fields = real_fields()
    html = markdown.Markdown(extensions=[EvidenceLogExtension(fields=fields)]).convert("/// evidence-log-form\n///\n")
    page = BeautifulSoup(html, "html.parser")
    form = page.select_one("form[data-sp-entry-form]")
    # When it was recorded has no box: the script fills it in, under the label the column has.
    [recorded] = form.select("input[type=hidden]")
    assert (recorded["name"], recorded["data-sp-label"]) == ("recorded", "Recorded")
    boxes = form.select("input[name]:not([type=hidden]), textarea[name]")
    assert [form.select_one(f'label[for="{box["id"]}"]').get_text() for box in boxes] == [
        f for f in ISSUE_FIELDS if f != "Recorded"
    ]
    assert [box["name"] for box in boxes][:3] == ["date-and-time", "platform", "post-url"]
    assert boxes[0]["type"] == "datetime-local"
    assert boxes[0].find_next_sibling("button").get_text() == "Use the time now"
    # Screenshots come from the phone's photos or camera, several at a time, kept by the script.
    pictures = page.select_one("#sp-evlog-screenshots")
    assert (pictures["type"], pictures["accept"], pictures["data-sp-do"]) == ("file", "image/*", "images.attach")
    assert pictures.has_attr("multiple") and page.select_one("[data-sp-keep-originals]")["type"] == "checkbox"
    assert page.select_one("#sp-evlog-notes").name == "textarea"
    for box in boxes:  # each box says what to record, for screen readers too
        assert (
            page.select_one(f"#{box['aria-describedby']}").get_text()
            == [f for f in fields if f.input != "recorded"][boxes.index(box)].record
        )
    # Without the script only the note shows; the tool never reaches the PDF.
    assert page.select_one(".sp-evlog__no-js").get("hidden") is None
    for part in page.select(".sp-evlog__tool"):
        assert part.has_attr("hidden") and "print-site-plugin-ignore" in part["class"]
    assert page.select_one(".sp-evlog__record").has_attr("hidden")
    # No inline code for the page policy: no script element, style or event-handler attribute.
    assert not page.select("script")
    assert not [
        name for element in page.find_all(True) for name in element.attrs if name == "style" or name.startswith("on")
    ]


def test_evidence_log_inputs_are_checked():
    text = (
        "fields:\n  - label: When\n    record: x\n    input: date-time\n"
        "  - label: Seen\n    record: x\n    input: date-time\n"
        "  - label: Saved\n    record: x\n    input: recorded\n"
        "  - label: Saved again\n    record: x\n    input: recorded\n"
        "  - label: Link\n    record: x\n    input: url\n"
        "  - label: =SUM(A1)\n    record: x\n"
    )
    _, problems = parse_fields(text)
    assert [(p.line, p.message) for p in problems] == [
        (7, "only one field can be the entry's date and time"),
        (13, "only one field can be the time the entry was recorded"),
        (16, "fields > entry 'Link', field 'input': 'url' is not a known input"),
        (
            17,
            "fields > entry '=SUM(A1)', field 'label': '=SUM(A1)' starts with a character spreadsheets read "
            "as a formula",
        ),
    ]
    assert problems[2].hint == "use one of: text, long-text, link, date-time, recorded, screenshots."
    assert "start it with a letter" in problems[3].hint


def test_evidence_table_has_a_row_per_field_and_a_blank_entry_column():
    fields = real_fields()
    html = markdown.Markdown(extensions=[EvidenceLogExtension(fields=fields)]).convert("/// evidence-log\n///\n")
    assert html.count('<th scope="row">') == len(fields)
    assert html.count('<td class="sp-evidence-log__entry"></td>') == len(fields)
    assert "<caption>" in html


def test_a_field_with_paper_words_shows_each_mediums_words_in_its_own_medium():
    fields, _ = parse_fields(
        "fields:\n  - label: Recorded\n    record: The log fills it in.\n    paper: When you wrote it.\n"
    )
    html = markdown.Markdown(extensions=[EvidenceLogExtension(fields=fields)]).convert("/// evidence-log\n///\n")
    assert (
        '<td><span class="sp-web-only">The log fills it in.</span><span class="sp-paper-only" data-search-exclude="">When you wrote it.</span></td>'
        in html
    )


def test_attached_screenshots_have_no_row_on_the_printed_record():
    """A printing review: the blank record's "Screenshots" row told the reader to write file names
    "in the two rows below", yet had an empty box of its own that looked like a field to fill."""
    fields, problems = parse_fields(
        "fields:\n  - label: Screenshots\n    record: Attach them.\n    input: screenshots\n"
        "  - label: Screenshot of the post\n    record: Its file name.\n"
    )
    assert not problems
    html = markdown.Markdown(extensions=[EvidenceLogExtension(fields=fields)]).convert("/// evidence-log\n///\n")
    assert '<tr class="sp-web-only">\n<th scope="row">Screenshots</th>' in html
    assert '<tr>\n<th scope="row">Screenshot of the post</th>' in html


def test_paper_words_for_attached_screenshots_are_reported_as_never_shown():
    _, problems = parse_fields(
        "fields:\n  - label: Screenshots\n    record: Attach them.\n    paper: Write them below.\n"
        "    input: screenshots\n"
    )
    assert [(p.line, p.message) for p in problems] == [
        (4, "a `screenshots` field has no row on the printed record, so its `paper` words are never shown")
    ]
    assert problems[0].hint.startswith("remove `paper:`")


def test_a_renamed_label_keeps_its_first_labels_key():
    text = (
        "fields:\n  - label: Web link\n    formerly: [Post URL, Link to the post]\n    record: x\n"
        "  - label: Post URL\n    record: x\n"
        "  - label: Platform\n    formerly: []\n    record: x\n"
    )
    fields, problems = parse_fields(text)
    assert fields[0].key == "post-url" and fields[0].formerly == ("Post URL", "Link to the post")
    assert [(p.line, p.message) for p in problems] == [
        (5, "field 'Post URL' is listed twice (first on line 3)"),
        (8, "fields > entry 'Platform', field 'formerly': must be a list of the column's earlier labels"),
    ]
    html = markdown.Markdown(extensions=[EvidenceLogExtension(fields=fields)]).convert("/// evidence-log-form\n///\n")
    assert 'data-sp-formerly="[&quot;Post URL&quot;, &quot;Link to the post&quot;]" id="sp-evlog-post-url"' in html


def test_a_field_cannot_take_the_name_of_a_column_the_spreadsheet_adds():
    """A review: a field labelled "Last changed" (or once "No.") built without a word, and the
    import then read that column as when an entry last changed, or threw it away as the number."""
    fields, problems = parse_fields(
        textwrap.dedent("""\
            fields:
              - label: last  changed
                record: x
              - label: Entry number
                formerly: [Ref, No.]
                record: x
              - label: Platform
                record: x
            """)
    )
    assert [f.label for f in fields] == ["Platform"]
    assert [(p.file, p.line) for p in problems] == [("data/evidence-log.yml", 2), ("data/evidence-log.yml", 5)]
    assert problems[0].message == (
        "the label 'last changed' is a column the page's spreadsheet adds itself ('No.' and 'Last changed'): "
        "an imported spreadsheet's column would go under it"
    )
    assert "'No.' is a column" in problems[1].message
    assert all(p.hint == "give the field another label" for p in problems)


def test_the_form_names_the_columns_the_spreadsheet_adds_as_the_blank_spreadsheet_does():
    html = markdown.Markdown(extensions=[EvidenceLogExtension(fields=real_fields())]).convert(
        "/// evidence-log-form\n///\n"
    )
    header = next(csv.reader(io.StringIO(csv_text(real_fields()).lstrip("\ufeff"))))
    assert f'data-sp-number-column="{header[0]}"' in html and f'data-sp-changed-column="{header[-1]}"' in html


def test_a_label_a_column_had_before_belongs_to_it_alone():
    """A review: a new column named as another's old label, or an old label claimed by two
    columns, built without a word, and an imported spreadsheet's column went under the wrong one."""
    fields, problems = parse_fields(
        textwrap.dedent("""\
            fields:
              - label: Web link
                formerly: [Post URL, Link to the post]
                record: x
              - label: Link to the post
                record: x
              - label: Comments
                formerly: [Web link]
                record: x
            """)
    )
    assert {p.line: p.message for p in problems} == {
        5: "field 'Link to the post' is listed twice (first on line 3)",
        8: "label 'Web link' is listed twice (first on line 2)",
    }
    assert [f.label for f in fields] == ["Web link"]


def test_an_earlier_label_given_twice_is_named_on_its_own_line():
    """A review: each earlier label written on a line of its own was named on the first one's line."""
    _, problems = parse_fields(
        textwrap.dedent("""\
            fields:
              - label: Date and time
                record: x
              - label: Link to the post
                formerly:
                  - Post URL
                  - Date and time
                record: x
            """)
    )
    assert [(p.line, p.message) for p in problems] == [(7, "label 'Date and time' is listed twice (first on line 2)")]


# Each column's key, in order: entries saved on readers' devices are kept under it, so a label
# renamed without `formerly` would empty that column in every log people keep.
SAVED_KEYS = [
    "date-and-time",
    "platform",
    "post-url",
    "account-handle",
    "screenshots",
    "screenshot-of-the-post",
    "screenshot-of-the-bio-page",
    "reported-to-police",
    "police-reference",
    "reported-to-platform",
    "platform-reference",
    "recorded",
    "documented-by",
    "notes",
]


def test_no_column_loses_the_key_readers_saved_entries_under():
    keys = [field.key for field in real_fields()]
    lost = [key for key in SAVED_KEYS if key not in keys]
    assert not lost, f"renamed a label? add its old label to `formerly:` in data/evidence-log.yml: {lost}"


def test_evidence_log_mistakes_name_the_line():
    text = "fields:\n  - label: Date\n    record: When.\n  - label: date\n    record: Again.\n  - label: Notes\n"
    _, problems = parse_fields(text)
    assert [(p.line, p.message) for p in problems] == [
        (4, "field 'date' is listed twice (first on line 2)"),
        (6, "fields > entry 'Notes': field 'record' is missing"),
    ]


def test_blank_protocol_shows_every_placeholder_in_brackets():
    html = markdown.Markdown(extensions=[ProtocolBuilderExtension(template=real_template())]).convert(
        "/// protocol-builder\n///\n"
    )
    text = re.sub(r"<[^>]+>", "", html[html.index('id="sp-protocol-draft"') :])
    assert "{" not in text
    assert "[Name]" in text and "[contact email]" in text and "[Constituency]" in text
    assert "999" in text and "101" in text


def test_builder_block_puts_each_field_in_its_own_span_and_hides_the_form_until_script_runs():
    template = real_template()
    html = markdown.Markdown(extensions=[ProtocolBuilderExtension(template=template)]).convert(
        "/// protocol-builder\n///\n"
    )
    assert (
        '<form aria-label="Your office\'s details" class="sp-protocol__form print-site-plugin-ignore" hidden="">'
        in html
    )
    assert '<span data-sp-blank="" data-sp-field="name">[Name]</span>' in html
    # Nothing typed can leave the browser: no action, and the one submit button (for H32.2) is disabled.
    assert " action=" not in html and html.count("submit") == 1
    assert '<button disabled="" hidden="" type="submit">' in html
    for field in template.fields:
        assert f'data-sp-input="{field.id}"' in html


def test_unknown_placeholder_and_field_type_are_reported():
    text = """\
fields:
  - id: name
    label: Name
    type: colour
    blank: "[Name]"
template: |
  Hello {name}.
  Write to {emial}.
"""
    template, problems = parse_template(text)
    assert template is None
    assert [(p.line, p.message) for p in problems] == [
        (4, "fields > entry 'name', field 'type': 'colour' is not a known type"),
        (8, "the template uses {emial} but no field has that id"),
    ]


def test_words_for_one_choice_are_shown_for_it_only_and_the_blank_template_shows_the_unchosen_ones():
    template, problems = parse_template(
        NAME_AND_ROLE_FIELDS
        + "  Call 101. {if no role}If {name} is an MP, tell PLaIT.{end}{if role is MP}Tell PLaIT.{end}\n"
    )
    assert problems == []
    html = markdown.Markdown(extensions=[ProtocolBuilderExtension(template=template)]).convert(
        "/// protocol-builder\n///\n"
    )
    paragraph = BeautifulSoup(html, "html.parser").select_one("#sp-protocol-draft p")
    unchosen, mp = paragraph.select("[data-sp-when='role']")
    assert (unchosen["data-sp-is"], unchosen.get("hidden"), unchosen.get_text()) == (
        "",
        None,
        "If [Name] is an MP, tell PLaIT.",
    )
    assert (mp["data-sp-is"], mp.get("hidden"), mp.get_text()) == ("MP", "", "Tell PLaIT.")
    assert "{" not in paragraph.get_text()


def test_a_choice_that_is_not_a_select_option_or_has_no_end_is_reported_on_its_line():
    template, problems = parse_template(
        NAME_AND_ROLE_FIELDS + "  {if role is Mp}A.{end}\n  {if name is Alex}B.{end}\n  {if no role}C.\n  D.{end}\n"
    )
    assert template is None
    assert [(p.line, p.message) for p in problems] == [
        (12, "the template's {if role is Mp} names an option 'role' does not have"),
        (13, "the template's {if name is Alex} names 'name', which is not a select field"),
        (15, "the template has {end} with no {if ...} before it on its line"),
    ]


def test_a_choice_on_a_field_with_its_own_mistake_is_not_reported_again():
    """A maintainer review: a select field without its options was reported, and then each {if}
    on it as "not a select field", with the hint "use one of: " and nothing after it."""
    fields = NAME_AND_ROLE_FIELDS.replace("    options: [MP, candidate]\n", "")
    assert fields != NAME_AND_ROLE_FIELDS
    template, problems = parse_template(fields + "  {if no role}A.{end}{if role is MP}B.{end}\n")
    assert template is None
    assert [p.message for p in problems] == [
        "fields > entry 'role': a field of type select or checkboxes needs `options`"
    ]


def test_a_source_the_protocol_names_is_a_registry_link_with_its_address_for_paper_and_word():
    """A printing review: the Word file said "as the NCSC guide to recovering a hacked account
    says" and "Report a cyber attack ... to the NCSC" with no address, and paper cannot follow a
    link. protocol-builder.js writes each run's text, the .sp-url address with it, into the file."""
    from saferpolitics.markdown_stage.links import LinksExtension
    from saferpolitics.markdown_stage.registry import parse_registry

    registry, _ = parse_registry((ROOT / "data" / "links.yml").read_text(encoding="utf-8"), "data/links.yml")
    template = real_template()
    html = markdown.Markdown(
        extensions=[ProtocolBuilderExtension(template=template), LinksExtension(registry=registry)]
    ).convert("/// protocol-builder\n///\n")
    draft = BeautifulSoup(html, "html.parser").select_one("#sp-protocol-draft")
    words = " ".join(draft.get_text().split())
    assert (
        "as the NCSC guide to recovering a hacked account (https://www.ncsc.gov.uk/guidance/recovering-a-hacked-account) says"
        in words
    )
    assert "cyber incident reporting service (https://report.ncsc.gov.uk/)" in words
    assert "Report Fraud (https://www.reportfraud.police.uk/)" in words
    assert not draft.select(".sp-link--unknown") and not draft.select('[href^="link:"]')
    # A part filled in by hand is still a highlighted blank, not a link.
    assert draft.select_one("[data-sp-blank]:not([data-sp-field])").get_text() == "[date]"


def test_a_field_only_for_one_choice_is_marked_for_the_script_to_hide_for_another():
    """A candidate's office was shown PLaIT's, MSSS's and the Digital Support Desk's fields, "from
    ParliNet", which it cannot use: each is `only_for: role is MP`, and its group says so."""
    template = real_template()
    html = markdown.Markdown(extensions=[ProtocolBuilderExtension(template=template)]).convert(
        "/// protocol-builder\n///\n"
    )
    form = BeautifulSoup(html, "html.parser").select_one("form")
    only_mp = [group.select_one("[data-sp-input]")["data-sp-input"] for group in form.select("[data-sp-only-when]")]
    assert only_mp == ["plait", "msss", "psd", "digital_desk", "staff_helpline"]
    assert {(g["data-sp-only-when"], g["data-sp-only-is"]) for g in form.select("[data-sp-only-when]")} == {
        ("role", "MP")
    }
    # The hint goes with its field; the blank template (no JavaScript, the PDF) still has every field.
    assert form.select_one("[data-sp-only-when] #sp-protocol-plait-hint") is not None
    assert not any(group.has_attr("hidden") for group in form.select("[data-sp-only-when]"))
    assert "[PLaIT's number, from ParliNet]" in BeautifulSoup(html, "html.parser").select_one("#sp-protocol-draft").text


def test_only_for_a_choice_that_is_not_there_is_reported_on_its_line():
    fields = NAME_AND_ROLE_FIELDS.replace("template: |\n", "")
    extra = (
        "  - id: plait\n    label: PLaIT\n    type: text\n    blank: '[PLaIT]'\n    only_for: role is Mp\n"
        "  - id: msss\n    label: MSSS\n    type: text\n    blank: '[MSSS]'\n    only_for: MP\n"
        "  - id: desk\n    label: Desk\n    type: text\n    blank: '[desk]'\n    only_for: name is Alex\n"
        "  - id: kind\n    label: Kind\n    type: select\n    blank: '[kind]'\n    options: [a]\n"
        "    only_for: kind is a\n"
    )
    template, problems = parse_template(fields + extra + "template: |\n  Hello {name}.\n")
    assert template is None
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (
            15,
            "the field's `only_for: role is Mp` names an option 'role' does not have",
            "use one of its options: MP, candidate",
        ),
        (
            20,
            "the field's `only_for: MP` does not say which choice the field is for",
            "write the select field's id, 'is' and one of its options, for example `only_for: role is MP`",
        ),
        (
            25,
            "the field's `only_for: name is Alex` names 'name', which is not a select field",
            "use one of: kind, role",
        ),
        (
            31,
            "the field's `only_for: kind is a` names the field itself: it would hide itself",
            "name another select field",
        ),
    ]


def test_the_threat_step_names_the_feoa_for_every_role_and_plait_for_an_mp():
    """GOV.UK: "FEOAs are responsible for both Operation Bridger (MPs and parliamentary candidates)".
    The step named PLaIT for an MP and the FEOA for a candidate only."""
    html = markdown.Markdown(extensions=[ProtocolBuilderExtension(template=real_template())]).convert(
        "/// protocol-builder\n///\n"
    )
    draft = BeautifulSoup(html, "html.parser").select_one("#sp-protocol-draft")
    step = next(item for item in draft.select("li") if "Report every threat" in item.get_text())
    feoa = step.select_one("[data-sp-field='feoa']")
    assert feoa is not None and feoa.find_parent(attrs={"data-sp-when": True}) is None  # whatever the role
    assert [
        (s.find_parent(attrs={"data-sp-when": True})["data-sp-is"]) for s in step.select("[data-sp-field='plait']")
    ] == [
        "",
        "MP",
    ]
    # The team tells the FEOA about events, and lists it among its contacts, whatever the role.
    for words in ("tells the FEOA about public events", "Force elected-official adviser (FEOA):"):
        item = next(item for item in draft.select("li") if words in item.get_text())
        assert item.find(attrs={"data-sp-when": True}) is None


def test_the_protocol_keeps_a_screenshot_before_anything_is_hidden_or_removed():
    """A crisis-rules audit: the published ground rules had moderators hide, delete, block and
    report comments with no record first, and the hacked part removed unknown apps with no
    screenshot; its damaging-post steps (remove the person's access) were missing."""
    html = markdown.Markdown(extensions=[ProtocolBuilderExtension(template=real_template())]).convert(
        "/// protocol-builder\n///\n"
    )
    words = " ".join(BeautifulSoup(html, "html.parser").select_one("#sp-protocol-draft").get_text().split())
    assert "Our moderators will screenshot and then hide or delete comments" in words
    assert "screenshot and then remove apps and recovery details" in words
    assert "remove that person's access in the management tool" in words
