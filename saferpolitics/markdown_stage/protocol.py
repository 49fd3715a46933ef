"""The protocol template (data/protocol-template.yml) rendered as a builder form and a formatted draft.

The template is a small, fixed subset of Markdown (headings `#` to `###`, paragraphs, `-` and `1.`
lists), parsed here into blocks with line numbers, so a maintainer's mistake names its line. The
blocks become real HTML headings, paragraphs and lists: the blank template (no JavaScript, and the
PDF) and the live preview are the same elements. Each `{field}` becomes a
`<span data-sp-field="field">` holding the blank placeholder; each `[part to fill in by hand]` a
highlighted `<span data-sp-blank>`. docs/assets/js/protocol-builder.js only ever sets
`textContent` of the field spans, and reads the preview back to write the Word file
(docs/assets/js/docx-writer.js), so what an office types is always text, never markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import NamedTuple

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from saferpolitics.core.datafile import FirstLines, Located, entries, load_data_file, schema_for, valid_entries
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem
from saferpolitics.core.suggest import closest
from saferpolitics.markdown_stage.buttons import action_buttons
from saferpolitics.markdown_stage.safe_order import REORDER_HINT, order_problems

PROTOCOL_FILE = "data/protocol-template.yml"
_PLACEHOLDER = lazy_compile(r"\{([a-z_]+)\}")
# Anything a maintainer may have meant as a placeholder: {Name}, { name }, {party-contact}, {name
_BRACES = lazy_compile(r"\{[^{}\n]*\}?|\}")
# A run of the draft: a {field}, a [part filled in by hand], or plain text between them; or the
# start or end of words shown only for one option of a select field: {if role is MP}...{end}, and
# {if no role}...{end} while none is chosen (the blank template). No "=" in them: data files may not
# hold what Markdown reads as attributes (saferpolitics.core.datafile).
_CONDITION = r"\{if (?:(?P<field>[a-z_]+) is (?P<option>[^{}\n]+)|no (?P<unset>[a-z_]+))\}"
# A source the draft names, as pages write it: [words](link:registry-id). The links extension
# resolves it, and gives it the " (address)" that paper and the Word file print after it.
_LINK = r"\[(?P<words>[^\[\]]+)\]\(link:(?P<link>[^()\s]*)\)"
_RUN = lazy_compile(rf"(?P<end>\{{end\}})|\{{(?P<placeholder>[a-z_]+)\}}|{_LINK}|(?P<blank>\[[^\[\]]+\])|{_CONDITION}")
_HEADING = lazy_compile(r"(#+) +(.*)")
_BULLET = lazy_compile(r"- +(.*)")
_NUMBER = lazy_compile(r"\d+\. +(.*)")
# Markdown the builder does not format: it would show as stray marks in Word and on paper.
_UNSUPPORTED = lazy_compile(r"\*\*|__|`|<|^>|^\|")
# The template's `#` is the draft's title; on the page it sits under "Draft your protocol" (h2).
HEADING_OFFSET = 2
# GOV.UK's words for an email address in the wrong format.
EMAIL_ERROR = "Enter an email address in the correct format, like name@example.com"
EMAIL_PATTERN = r"[^@\s]+@[^@\s]+\.[^@\s]+"


class FormField(NamedTuple):
    id: str
    label: str
    type: str
    blank: str
    hint: str = ""
    example: str = ""
    options: tuple[str, ...] = ()
    # `only_for: role is MP`: (select field, option). The field and its hint are hidden once another
    # option is chosen (shown while none is): a candidate's office cannot fill in Parliament's routes.
    only_for: tuple[str, str] | None = None


class Run(NamedTuple):
    # "text", "field" (value: the field id), "blank" ("[...]"), "link" (the registry id),
    # "if" ("field=option") or "end"
    kind: str
    value: str
    words: str = ""  # a link's words


class DraftBlock(NamedTuple):
    kind: str  # "heading", "paragraph", "bullets" or "numbers"
    items: tuple[tuple[Run, ...], ...]  # one item for a heading or paragraph, one per list entry
    level: int = 0  # 1 to 3 for a heading


class ProtocolTemplate(NamedTuple):
    fields: tuple[FormField, ...]
    blocks: tuple[DraftBlock, ...]

    def choices(self) -> dict[str, tuple[str, ...]]:
        """Each select field's id -> "" (none chosen) and its options: what a condition may name."""
        return select_choices(self.fields)


def select_choices(fields: tuple[FormField, ...] | list[FormField]) -> dict[str, tuple[str, ...]]:
    return {f.id: ("", *f.options) for f in fields if f.type == "select"}


def parse_runs(text: str) -> tuple[Run, ...]:
    runs, position = [], 0
    for match in _RUN.finditer(text):
        if match.start() > position:
            runs.append(Run("text", text[position : match.start()]))
        if match["end"]:
            runs.append(Run("end", ""))
        elif match["placeholder"]:
            runs.append(Run("field", match["placeholder"]))
        elif match["words"]:
            runs.append(Run("link", match["link"], match["words"]))
        elif match["blank"]:
            runs.append(Run("blank", match["blank"]))
        else:
            runs.append(Run("if", f"{match['field'] or match['unset']}={match['option'] or ''}"))
        position = match.end()
    if position < len(text):
        runs.append(Run("text", text[position:]))
    return tuple(runs)


def parse_blocks(text: str, first_line: int, file: str = PROTOCOL_FILE) -> tuple[tuple[DraftBlock, ...], list[Problem]]:
    """The template's lines as headings, paragraphs and lists; anything else is a Problem on its line.
    An office adopts the draft's lists as its standing orders, so each keeps the crisis steps' safe order."""
    blocks: list[DraftBlock] = []
    problems: list[Problem] = []
    kind, items, start = "", [], 0  # the block being collected, and its first line

    def finish():
        nonlocal kind, items
        if kind:
            blocks.append(DraftBlock(kind, tuple(parse_runs(item) for item in items)))
        if kind in ("bullets", "numbers"):
            problems.extend(
                Problem(file, start, f"the template's list is not in a safe order: {unsafe}", REORDER_HINT)
                for unsafe in order_problems(items)
            )
        kind, items = "", []

    for number, line in enumerate(text.splitlines(), start=first_line):
        line = line.strip()
        if _UNSUPPORTED.search(line):
            problems.append(
                Problem(
                    file,
                    number,
                    "the template uses Markdown the builder cannot format (bold, code, HTML, quotes or tables)",
                    "write plain sentences: only #, ##, ### headings and - or 1. lists are formatted",
                )
            )
        heading, bullet, numbered = _HEADING.fullmatch(line), _BULLET.fullmatch(line), _NUMBER.fullmatch(line)
        if not line:
            finish()
        elif heading:
            finish()
            if len(heading.group(1)) > 3:
                problems.append(Problem(file, number, "the template has a heading deeper than ###", "use #, ## or ###"))
            blocks.append(DraftBlock("heading", (parse_runs(heading.group(2)),), level=min(len(heading.group(1)), 3)))
        elif bullet or numbered:
            list_kind = "bullets" if bullet else "numbers"
            if kind != list_kind:
                finish()
                kind, start = list_kind, number
            items.append((bullet or numbered).group(1))
        elif kind in ("bullets", "numbers"):
            items[-1] += " " + line  # a list entry continued on the next line
        else:
            kind = "paragraph"
            items = [items[0] + " " + line] if items else [line]
    finish()
    return tuple(blocks), problems


def parse_template(
    text: str, file: str = PROTOCOL_FILE, cache_dir: Path | None = None
) -> tuple[ProtocolTemplate | None, list[Problem]]:
    root, problems = load_data_file(text, file, schema_for("protocol-template"), cache_dir=cache_dir)
    template = root.value.get("template") if root is not None and isinstance(root.value, dict) else None
    if template is None or not template.valid:
        return None, problems
    fields: list[FormField] = []
    for entry in valid_entries(root, "fields"):
        values: dict[str, Located] = entry.value
        text_of = {key: str(values[key].value) for key in ("hint", "example") if key in values}
        fields.append(
            FormField(
                id=values["id"].value,
                label=values["label"].value,
                type=values["type"].value,
                blank=values["blank"].value,
                options=tuple(str(o.value) for o in values["options"].value) if "options" in values else (),
                only_for=parse_only_for(values["only_for"].value) if "only_for" in values else None,
                **text_of,
            )
        )
    # Every id written, even on a field with another mistake: the template's use of it is not wrong.
    ids = [
        entry.value["id"] for entry in entries(root, "fields") if isinstance(entry.value, dict) and "id" in entry.value
    ]
    field_ids = FirstLines(file)
    for field_id in ids:
        twice = field_ids.again(
            field_id.value,
            field_id.line,
            f"field id {field_id.value!r}",
            "give each field its own id: a {placeholder} in the template can fill in only one",
        )
        problems += [twice] if twice else []
    known = set(field_ids.lines)
    template_text = template.value
    use = f"use one of: {', '.join(sorted(map(str, known)))}"
    choices = select_choices(fields)
    opened = None  # the line of an {if ...} not yet ended
    for match in _BRACES.finditer(template_text):
        line = template.line + template_text[: match.start()].count("\n") + 1
        placeholder = _PLACEHOLDER.fullmatch(match.group(0))
        condition = re.fullmatch(_CONDITION, match.group(0))
        if condition or match.group(0) == "{end}":
            problem = _condition_problem(condition, choices, opened, line, known - {f.id for f in fields})
            problems += [Problem(file, line, *problem)] if problem else []
            opened = line if condition else None
        elif placeholder and placeholder.group(1) not in known:
            problems.append(Problem(file, line, f"the template uses {match.group(0)} but no field has that id", use))
        elif not placeholder and not any(p.line == line for p in problems):  # HTML attributes are reported already
            close = closest(match.group(0).strip("{} ").lower().replace("-", "_"), known)
            meant = f"did you mean {{{close}}}? " if close else ""
            problems.append(
                Problem(
                    file,
                    line,
                    f"the template has {match.group(0)!r}, which is not a {{field}} placeholder, so it would "
                    "be printed as written",
                    f"{meant}write a field's id, in lower case, between curly brackets; {use}",
                )
            )
    if opened:
        problems.append(Problem(file, opened, "the template's {if ...} has no {end}", _END_HINT))
    for entry in valid_entries(root, "fields"):
        only_for = entry.value.get("only_for")
        problem = only_for and only_for_problem(only_for.value, entry.value["id"].value, choices)
        problems += [Problem(file, only_for.line, *problem)] if problem else []
    blocks, block_problems = parse_blocks(template_text, template.line + 1, file)
    problems += block_problems
    if problems:
        return None, problems
    return ProtocolTemplate(tuple(fields), blocks), []


_END_HINT = "end the words shown for one choice with {end}, on the same line"


def _condition_problem(
    condition: re.Match | None, choices: dict[str, tuple[str, ...]], opened: int | None, line: int, broken: set[str]
) -> tuple[str, str] | None:
    """What is wrong with an {if field is option} or {if no field} (condition), or an {end} (None)
    on its line, if anything. broken: the ids of fields with a mistake of their own, reported
    already: a condition on one of them is not another mistake."""
    if condition is None:
        if opened == line:
            return None
        return ("the template has {end} with no {if ...} before it on its line", _END_HINT)
    if opened:
        return ("the template starts an {if ...} before the one above has its {end}", _END_HINT)
    field, option = condition["field"] or condition["unset"], condition["option"] or ""
    if field in broken:
        return None
    return _choice_problem(
        f"the template's {condition.group(0)}", field, option, choices, f"; or {{if no {field}}} while none is chosen"
    )


def _choice_problem(
    what: str, field: str, option: str, choices: dict[str, tuple[str, ...]], or_else: str = ""
) -> tuple[str, str] | None:
    """What is wrong with naming option of the select field field, if anything: the one check for
    the template's {if field is option} and a field's `only_for: field is option`."""
    if field not in choices:
        return (
            f"{what} names {field!r}, which is not a select field",
            f"use one of: {', '.join(sorted(choices))}"
            if choices
            else "there is no select field: give a field `type: select` and its `options`",
        )
    if option not in choices[field]:
        return (
            f"{what} names an option {field!r} does not have",
            f"use one of its options: {', '.join(choices[field][1:])}{or_else}",
        )
    return None


_ONLY_FOR = lazy_compile(r"(?P<field>[a-z_]+) is (?P<option>.+)")


def parse_only_for(value: str) -> tuple[str, str] | None:
    match = _ONLY_FOR.fullmatch(value.strip())
    return (match["field"], match["option"].strip()) if match else None


def only_for_problem(
    value: str, own_id: str, choices: dict[str, tuple[str, ...]], what: str = ""
) -> tuple[str, str] | None:
    """What is wrong with a field's `only_for: role is MP`, if anything (what: how the message
    names it, for data/first-hour.yml's words {only for role is MP}...{end})."""
    what = what or f"the field's `only_for: {value}`"
    only_for = parse_only_for(value)
    if only_for is None:
        example = next((f"{field} is {options[1]}" for field, options in choices.items() if options[1:]), "role is MP")
        return (
            f"{what} does not say which choice {'the words are' if own_id == '' else 'the field is'} for",
            "write the select field's id, 'is' and one of its options, for example "
            + (f"{{only for {example}}}" if own_id == "" else f"`only_for: {example}`"),
        )
    if only_for[0] == own_id:
        return (f"{what} names the field itself: it would hide itself", "name another select field")
    return _choice_problem(what, *only_for, choices)


def _add_text(parent: etree.Element, last: etree.Element | None, text: str) -> None:
    if last is None:
        parent.text = AtomicString((parent.text or "") + text)
    else:
        last.tail = AtomicString((last.tail or "") + text)


def render_runs(parent: etree.Element, runs: tuple[Run, ...], blanks: dict[str, str]) -> None:
    """Text as text; {field} and [blank] as spans a reader sees highlighted until filled in; a
    [source](link:id) as a registry link; the
    words for one choice of a select field in a span of their own, shown (by protocol-builder.js)
    only when that is the choice: the blank template shows those for no choice."""
    last, outside = None, None
    for run in runs:
        if run.kind == "text":
            _add_text(parent, last, run.value)
            continue
        if run.kind == "if":
            field, option = run.value.split("=", 1)
            attributes = {"data-sp-when": field, "data-sp-is": option, **({"hidden": ""} if option else {})}
            when = etree.SubElement(parent, "span", attributes)
            outside, parent, last = (parent, when), when, None
            continue
        if run.kind == "end":
            (parent, last), outside = outside, None
            continue
        if run.kind == "link":  # resolved, or reported with its line, by the links extension
            last = etree.SubElement(parent, "a", {"href": f"link:{run.value}"})
            last.text = AtomicString(run.words)
            continue
        attributes = {"data-sp-field": run.value, "data-sp-blank": ""} if run.kind == "field" else {"data-sp-blank": ""}
        last = etree.SubElement(parent, "span", attributes)
        last.text = AtomicString(blanks[run.value] if run.kind == "field" else run.value)


def _draft(parent: etree.Element, template: ProtocolTemplate) -> None:
    blanks = {f.id: f.blank for f in template.fields}
    # The formatted draft: docx-writer.js and the print view read these elements, nothing else.
    document = etree.SubElement(parent, "div", {"class": "sp-protocol__document", "id": "sp-protocol-draft"})
    for block in template.blocks:
        if block.kind == "heading":
            heading = etree.SubElement(document, "div", {"data-sp-heading": f"h{block.level + HEADING_OFFSET}"})
            render_runs(heading, block.items[0], blanks)
        elif block.kind == "paragraph":
            render_runs(etree.SubElement(document, "p"), block.items[0], blanks)
        else:
            listing = etree.SubElement(document, "ul" if block.kind == "bullets" else "ol")
            for item in block.items:
                render_runs(etree.SubElement(listing, "li"), item, blanks)


def _control(form: etree.Element, field: FormField) -> None:
    control_id = f"sp-protocol-{field.id.replace('_', '-')}"
    hint_id = f"{control_id}-hint"
    group = etree.SubElement(form, "div", {"class": "sp-protocol__field"})
    if field.only_for:
        # protocol-builder.js hides the field, its label and hint, once another option is chosen.
        group.set("data-sp-only-when", field.only_for[0])
        group.set("data-sp-only-is", field.only_for[1])
    hint_text = " ".join(
        part for part in (field.hint, f"For example: {field.example}" if field.example else "") if part
    )
    if field.type == "checkboxes":
        fieldset = etree.SubElement(group, "fieldset", {"data-sp-input": field.id})
        etree.SubElement(fieldset, "legend").text = AtomicString(field.label)
        if hint_text:
            etree.SubElement(fieldset, "p", {"class": "sp-protocol__hint"}).text = AtomicString(hint_text)
        for number, option in enumerate(field.options, start=1):
            option_id = f"{control_id}-{number}"
            wrapper = etree.SubElement(fieldset, "div", {"class": "sp-protocol__option"})
            etree.SubElement(wrapper, "input", {"type": "checkbox", "id": option_id, "name": field.id, "value": option})
            etree.SubElement(wrapper, "label", {"for": option_id}).text = AtomicString(option)
        return
    # Data is plain text: AtomicString keeps Markdown's inline patterns (raw HTML, links) away.
    etree.SubElement(group, "label", {"for": control_id}).text = AtomicString(field.label)
    attributes = {"id": control_id, "name": field.id, "data-sp-input": field.id}
    described_by = []
    if hint_text:
        etree.SubElement(group, "p", {"class": "sp-protocol__hint", "id": hint_id}).text = AtomicString(hint_text)
        described_by.append(hint_id)
    if field.type == "email":
        # Shown by protocol-builder.js when the reader leaves the field with an address the browser
        # cannot read as one, as GOV.UK's error message: between the hint and the field.
        # The field's aria-invalid tells a screen reader it is wrong (GOV.UK adds a hidden "Error:").
        error = etree.SubElement(group, "p", {"class": "sp-error-message", "id": f"{control_id}-error", "hidden": ""})
        error.text = EMAIL_ERROR
        described_by.append(error.get("id"))
    if described_by:
        attributes["aria-describedby"] = " ".join(described_by)
    if field.type == "select":
        select = etree.SubElement(group, "select", attributes)
        etree.SubElement(select, "option", {"value": ""}).text = "Choose one"
        for option in field.options:
            etree.SubElement(select, "option", {"value": option}).text = AtomicString(option)
    else:
        attributes.update(
            {"type": field.type, "autocomplete": "off", "spellcheck": "false" if field.type == "email" else "true"}
        )
        if field.type == "email":
            # The browser takes "office@parliament" as an address: a public one needs a dot after the @.
            attributes["pattern"] = EMAIL_PATTERN
        etree.SubElement(group, "input", attributes)


class ProtocolBuilderBlock(Block):
    """`/// protocol-builder` then `///`: the form (shown only when the script runs) and the draft."""

    NAME = "protocol-builder"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        template: ProtocolTemplate = self.config["template"]
        builder = etree.SubElement(parent, "div", {"class": "sp-protocol", "data-sp-protocol-builder": ""})
        # Hidden by the script, which replaces it with the form: the note is for print and no-JS.
        note = etree.SubElement(builder, "p", {"class": "sp-protocol__blank-note"})
        note.text = (
            "Print or copy the blank template below and replace each part in square brackets "
            "with your office's details."
        )
        # Hidden until the script runs: without it the form could do nothing, so readers get the
        # blank draft below. No action, no submit button: nothing typed can leave the browser.
        form = etree.SubElement(
            builder,
            "form",
            {
                "class": "sp-protocol__form print-site-plugin-ignore",
                "hidden": "",
                "aria-label": "Your office's details",
            },
        )
        for field in template.fields:
            _control(form, field)
        # Forms need a submit button (HTML_CodeSniffer H32.2); this one acts as you type, so its
        # button is hidden and disabled: Enter in a field never submits or reloads the page.
        etree.SubElement(form, "button", {"type": "submit", "hidden": "", "disabled": ""}).text = "Update the draft"
        actions = etree.SubElement(
            builder, "div", {"class": "sp-protocol__actions print-site-plugin-ignore", "hidden": ""}
        )
        card = self.config["card"]
        action_buttons(
            actions,
            "data-sp-action",
            (
                ("download-docx", "Download for Word (.docx)"),
                ("print", "Print or save as PDF"),
                ("copy", "Copy the draft as text"),
                *((("print-card", "Print the crisis card with your contacts"),) if card else ()),
                # The details are kept on this device (office-details.js): this forgets them.
                ("clear", "Clear your details"),
            ),
        )
        etree.SubElement(actions, "p", {"class": "sp-protocol__status", "role": "status"})
        _draft(builder, template)
        if card:
            # Printed only, from its button (protocol-builder.css): on screen the draft already shows the contacts.
            wrapper = etree.SubElement(
                builder, "div", {"class": "sp-protocol__card print-site-plugin-ignore", "hidden": ""}
            )
            wrapper.append(card())
        return builder


class DraftHeadings(Treeprocessor):
    """The draft's headings belong to the office's document, not to the page: they become real
    headings only after the table of contents has been read (priority below toc's 5), so "On this
    page" and the PDF's contents list do not fill up with "[Name]" and the protocol's sections."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter("div"):
            level = element.attrib.pop("data-sp-heading", None)
            if level:
                element.tag = level


class ProtocolBuilderExtension(BlocksExtension):
    def __init__(self, *args, **kwargs):
        self.config = {
            "template": ["", "The validated protocol template"],
            "card": [
                "",
                "A function returning a new crisis card element (saferpolitics.markdown_stage.first_hour), or empty",
            ],
        }
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr) -> None:
        block_mgr.register(
            ProtocolBuilderBlock, {"template": self.getConfig("template"), "card": self.getConfig("card")}
        )
        md.treeprocessors.register(DraftHeadings(md), "sp_protocol_draft_headings", 4)
