"""The evidence log (data/evidence-log.yml): one list of fields for the CSV, the printed table and
the fill-in form.

Nothing here stores evidence: the site offers a blank spreadsheet, a blank paper record and a form
that the scripts in docs/assets/js/evidence-log/ keep in the reader's own browser. The script reads the columns
from the form rendered here (each control's name and label), so all three always match.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import NamedTuple

from markdown import Markdown
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from saferpolitics.core.datafile import FirstLines, Located, load_data_file, schema_for, text_field, valid_entries
from saferpolitics.core.problems import Problem
from saferpolitics.core.slug import slug
from saferpolitics.markdown_stage.buttons import action_buttons

EVIDENCE_LOG_FILE = "data/evidence-log.yml"
CSV_PATH = "downloads/evidence-log.csv"


class Field(NamedTuple):
    label: str
    record: str
    example: str
    line: int
    input: str = "text"
    paper: str = ""  # what to record on the paper sheet, where `record` speaks of the page's log
    formerly: tuple[str, ...] = ()  # its earlier labels, oldest first

    @property
    def key(self) -> str:
        """The control's name, and the key an entry's value is saved under in the browser: its
        first label's slug, so entries readers have saved keep their values through every rename
        (and a spreadsheet saved under any of its labels still imports)."""
        return slug(self.formerly[0] if self.formerly else self.label)


# The columns the page's export adds around the fields (docs/assets/js/evidence-log/spreadsheet.js
# reads their names from the form, data-sp-number-column and data-sp-changed-column): the entry's
# number, as the evidence pack and the printout give it, so an officer matches "Entry 6" without
# counting rows; and when an edited entry last changed, so it is told from what was first
# recorded. Import ignores the number. No field may be labelled so, now or earlier: the import
# would put that column's cells under the number or the time changed.
NUMBER_COLUMN = "No."
LAST_CHANGED_COLUMN = "Last changed"


def _added_column(label: str) -> bool:
    """Whether a label names a column the export adds, as the import matches headings: spaces
    closed up, any case."""
    return " ".join(label.split()).casefold() in {NUMBER_COLUMN.casefold(), LAST_CHANGED_COLUMN.casefold()}


# Inputs a log can have once at most, and what that field is.
_ONE_ONLY = {
    "date-time": "the entry's date and time",
    "recorded": "the time the entry was recorded",
    "screenshots": "the entry's screenshots",
}


_OWN_LABELS = "each label, now or earlier, names one column: a spreadsheet's column goes under it"


def parse_fields(
    text: str, file: str = EVIDENCE_LOG_FILE, cache_dir: Path | None = None
) -> tuple[list[Field], list[Problem]]:
    """The log's columns in order, with every problem found in the data file."""
    root, problems = load_data_file(text, file, schema_for("evidence-log"), cache_dir=cache_dir)
    fields: list[Field] = []
    labels = FirstLines(file)
    for entry in valid_entries(root, "fields"):
        values: dict[str, Located] = entry.value
        label = text_field(values, "label")
        earlier_labels = (
            [(" ".join(str(f.value).split()), f.line) for f in values["formerly"].value] if "formerly" in values else []
        )
        formerly = tuple(earlier for earlier, _ in earlier_labels)
        taken = [
            Problem(
                file,
                line,
                f"the label {name!r} is a column the page's spreadsheet adds itself "
                f"({NUMBER_COLUMN!r} and {LAST_CHANGED_COLUMN!r}): an imported spreadsheet's column would go under it",
                "give the field another label",
            )
            for name, line in [(label, values["label"].line), *earlier_labels]
            if _added_column(name)
        ]
        if taken:
            problems += taken
            continue
        # Every label a column has had is its own (so is its key, its first label's slug): the
        # import puts a spreadsheet's column under it.
        if twice := labels.again(slug(label), entry.line, f"field {label!r}", "give each column its own label"):
            problems.append(twice)
            continue
        earlier = [labels.again(slug(f), line, f"label {f!r}", _OWN_LABELS) for f, line in earlier_labels]
        if found := [problem for problem in earlier if problem]:
            problems += found
            continue
        kind = values["input"].value if "input" in values else "text"
        if kind in _ONE_ONLY and any(f.input == kind for f in fields):
            problems.append(
                Problem(
                    file, values["input"].line, f"only one field can be {_ONE_ONLY[kind]}", "use `input: text` here"
                )
            )
        if kind == "screenshots" and "paper" in values:
            problems.append(
                Problem(
                    file,
                    values["paper"].line,
                    "a `screenshots` field has no row on the printed record, so its `paper` words are never shown",
                    "remove `paper:`; on paper, the file names go in `text` fields of their own",
                )
            )
        fields.append(
            Field(
                label=label,
                record=text_field(values, "record"),
                example=text_field(values, "example"),
                line=entry.line,
                input=kind,
                paper=text_field(values, "paper"),
                formerly=formerly,
            )
        )
    return fields, sorted(problems, key=lambda p: p.line or 0)


def csv_text(fields: list[Field]) -> str:
    """A blank log for spreadsheets: the header row only, exactly as the page's export starts.

    CRLF line ends as RFC 4180 asks, and a byte order mark so Excel reads the file as UTF-8.
    """
    buffer = io.StringIO()
    csv.writer(buffer).writerow([NUMBER_COLUMN, *(f.label for f in fields), LAST_CHANGED_COLUMN])
    return "\ufeff" + buffer.getvalue()


class EvidenceLogBlock(Block):
    """`/// evidence-log` then `///`: the fields as a table to read on screen and fill in on paper."""

    NAME = "evidence-log"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        fields: list[Field] = self.config["fields"]
        table = etree.SubElement(parent, "table", {"class": "sp-evidence-log"})
        caption = etree.SubElement(table, "caption")
        caption.text = "Evidence record: one sheet for each post or message"
        head_row = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for heading in ("Field", "What to record", "Entry"):
            etree.SubElement(head_row, "th", {"scope": "col"}).text = heading
        body = etree.SubElement(table, "tbody")
        for item in fields:
            # Pictures attached on the device have no place on paper: a box there looked like one
            # more field to fill in. The printed record asks for their file names in `text` rows.
            row = etree.SubElement(body, "tr", {"class": "sp-web-only"} if item.input == "screenshots" else {})
            # Data is plain text: AtomicString keeps Markdown's inline patterns (raw HTML, links) away.
            etree.SubElement(row, "th", {"scope": "row"}).text = AtomicString(item.label)
            record = etree.SubElement(row, "td")
            if item.paper:  # each medium its own words (print.css; the PDF drops .sp-web-only)
                etree.SubElement(record, "span", {"class": "sp-web-only"}).text = AtomicString(item.record)
                paper = {"class": "sp-paper-only", "data-search-exclude": ""}  # search results are on screen
                etree.SubElement(record, "span", paper).text = AtomicString(item.paper)
            else:
                record.text = AtomicString(item.record)
            if item.example:
                example = etree.SubElement(record, "span", {"class": "sp-evidence-log__example"})
                example.text = AtomicString(f" For example: {item.example}")
            etree.SubElement(row, "td", {"class": "sp-evidence-log__entry"})
        return table


_CONTROLS = {
    "text": ("input", {"type": "text"}),
    "long-text": ("textarea", {"rows": "3"}),
    # Not type=url: the browser would refuse a link pasted without https:// in front.
    "link": ("input", {"type": "text", "inputmode": "url", "spellcheck": "false"}),
    "date-time": ("input", {"type": "datetime-local"}),
    # From the phone's photos or camera, or a computer's files: the script keeps them on the device.
    "screenshots": ("input", {"type": "file", "accept": "image/*", "multiple": ""}),
}


def _screenshot_parts(group: etree.Element) -> None:
    """After the file picker: keep the originals too, the pictures attached so far, the space used."""
    keep = etree.SubElement(group, "div", {"class": "sp-evlog__check"})
    etree.SubElement(keep, "input", {"type": "checkbox", "id": "sp-evlog-keep-originals", "data-sp-keep-originals": ""})
    label = etree.SubElement(keep, "label", {"for": "sp-evlog-keep-originals"})
    label.text = "Also keep the original files, not only a smaller copy (uses much more space)"
    etree.SubElement(
        group,
        "ul",
        {
            "class": "sp-evlog__thumbs",
            "data-sp-pending": "",
            "aria-label": "Screenshots attached to this entry",
            "hidden": "",
        },
    )
    etree.SubElement(group, "p", {"class": "sp-evlog__hint", "data-sp-space": "", "hidden": ""})


def _formerly(item: Field) -> dict[str, str]:
    """A column's earlier labels, for the script's import of a spreadsheet saved under one."""
    return {"data-sp-formerly": json.dumps(item.formerly)} if item.formerly else {}


def _form(parent: etree.Element, fields: list[Field]) -> None:
    form = etree.SubElement(
        parent,
        "form",
        {
            "data-sp-entry-form": "",
            "aria-labelledby": "sp-evlog-form-title",
            # The spreadsheet's own columns, named once (here and in the blank spreadsheet).
            "data-sp-number-column": NUMBER_COLUMN,
            "data-sp-changed-column": LAST_CHANGED_COLUMN,
        },
    )
    # tabindex -1: the script moves focus here when an entry is opened for editing.
    etree.SubElement(form, "h3", {"id": "sp-evlog-form-title", "tabindex": "-1"}).text = "Add an entry"
    for item in fields:
        control_id = f"sp-evlog-{item.key}"
        if item.input == "recorded":
            # No box: the script fills it in when the entry is first saved. The column is named here
            # so the script's columns, the CSV and the printed record keep the same order.
            etree.SubElement(
                form, "input", {"type": "hidden", "name": item.key, "data-sp-label": item.label, **_formerly(item)}
            )
            continue
        group = etree.SubElement(form, "div", {"class": "sp-evlog__field"})
        # Atomic: no glossary tooltips here, whose tab stops would sit between the boxes.
        etree.SubElement(group, "label", {"for": control_id}).text = AtomicString(item.label)
        etree.SubElement(group, "p", {"class": "sp-evlog__hint", "id": f"{control_id}-hint"}).text = AtomicString(
            item.record
        )
        tag, attributes = _CONTROLS[item.input]
        attributes = {
            "id": control_id,
            "name": item.key,
            **_formerly(item),
            "aria-describedby": f"{control_id}-hint",
            "autocomplete": "off",
            **attributes,
        }
        if item.input == "screenshots":
            attributes["data-sp-do"] = "images.attach"
        etree.SubElement(group, tag, attributes)
        if item.input == "screenshots":
            _screenshot_parts(group)
        if item.input == "date-time":
            # When it happened is typed; "now" is one tap away for what is happening as you look.
            now = etree.SubElement(
                group, "button", {"type": "button", "class": "md-button sp-evlog__now", "data-sp-now": ""}
            )
            now.text = "Use the time now"
    buttons = etree.SubElement(form, "div", {"class": "sp-evlog__buttons"})
    etree.SubElement(buttons, "button", {"type": "submit", "class": "md-button"}).text = "Save entry"
    etree.SubElement(
        buttons, "button", {"type": "button", "class": "md-button", "data-sp-action": "cancel", "hidden": ""}
    ).text = "Cancel"


def _passphrase_form(parent: etree.Element, part: str, autocomplete: str, action: str, hint: str = "") -> etree.Element:
    form = etree.SubElement(parent, "form", {"data-sp-lock": part, "data-sp-do": f"encryption.{part}"})
    boxes = ["Passphrase"] + (["Type the passphrase again"] if part == "set" else [])
    for number, label in enumerate(boxes, start=1):
        control_id = f"sp-evlog-{part}-passphrase-{number}"
        group = etree.SubElement(form, "div", {"class": "sp-evlog__field"})
        etree.SubElement(group, "label", {"for": control_id}).text = label
        attributes = {"type": "password", "id": control_id, "autocomplete": autocomplete}
        if hint and number == 1:
            etree.SubElement(group, "p", {"class": "sp-evlog__hint", "id": f"{control_id}-hint"}).text = hint
            attributes["aria-describedby"] = f"{control_id}-hint"
        etree.SubElement(group, "input", attributes)
    etree.SubElement(
        etree.SubElement(form, "div", {"class": "sp-evlog__buttons"}),
        "button",
        {"type": "submit", "class": "md-button"},
    ).text = action
    return form


def _opening(parent: etree.Element) -> None:
    """Shown instead of the form while the saved log is encrypted and not yet opened."""
    # A titled region, not a heading: "On this page" must not list a part that is usually hidden.
    region = etree.SubElement(
        parent, "div", {"data-sp-locked": "", "role": "region", "aria-labelledby": "sp-evlog-open-title", "hidden": ""}
    )
    etree.SubElement(
        region, "p", {"class": "sp-evlog__title", "id": "sp-evlog-open-title"}
    ).text = "Your log is protected with a passphrase"
    _passphrase_form(region, "open", "current-password", "Open the log")


def _passphrase(parent: etree.Element) -> None:
    """Set a passphrase, or lock or remove it. Shown only where the browser has Web Crypto."""
    panel = etree.SubElement(parent, "div", {"class": "sp-evlog__lock", "hidden": ""})
    etree.SubElement(panel, "h3", {"id": "sp-evlog-passphrase"}).text = "Protect the log with a passphrase"
    hint = (
        "At least 8 characters. If you forget it, nobody can open the log. "
        "See what a passphrase protects against, below."
    )
    _passphrase_form(panel, "set", "new-password", "Protect the log", hint)
    on = etree.SubElement(panel, "div", {"data-sp-lock": "on", "hidden": ""})
    etree.SubElement(on, "p").text = (
        "Your log is saved encrypted with your passphrase. "
        "Lock it when you step away: it then needs the passphrase to open."
    )
    buttons = etree.SubElement(on, "div", {"class": "sp-evlog__buttons"})
    action_buttons(
        buttons, "data-sp-do", (("encryption.lock", "Lock the log now"), ("encryption.remove", "Remove the passphrase"))
    )


class EvidenceLogFormBlock(Block):
    """`/// evidence-log-form` then `///`: the fill-in log, kept on the reader's device by the script.

    Without the script it shows only a note pointing to the blank spreadsheet and paper record: the
    form, the list of entries and the buttons are hidden until the script (evidence-log/form.js) has set them up.
    """

    NAME = "evidence-log-form"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        fields: list[Field] = self.config["fields"]
        app = etree.SubElement(parent, "div", {"class": "sp-evlog", "data-sp-evidence-log": ""})
        note = etree.SubElement(app, "p", {"class": "sp-evlog__no-js print-site-plugin-ignore"})
        note.text = (
            "To fill in the log on this page, your browser needs JavaScript, which is turned off or blocked. "
            "You can still download the blank spreadsheet or print the blank record below."
        )
        # Never printed: on paper the record of entries below stands for the log.
        tool = etree.SubElement(app, "div", {"class": "sp-evlog__tool print-site-plugin-ignore", "hidden": ""})
        etree.SubElement(tool, "div", {"class": "sp-evlog__alert", "role": "alert", "tabindex": "-1", "hidden": ""})
        _opening(tool)
        _form(tool, fields)
        etree.SubElement(tool, "p", {"class": "sp-evlog__status", "role": "status"})
        record = etree.SubElement(
            app, "section", {"class": "sp-evlog__record", "aria-labelledby": "sp-evlog-record-title", "hidden": ""}
        )
        etree.SubElement(record, "h3", {"id": "sp-evlog-record-title", "tabindex": "-1"}).text = "Your evidence log"
        etree.SubElement(record, "p", {"class": "sp-evlog__count"})
        etree.SubElement(record, "ol", {"class": "sp-evlog__entries"})
        manage = etree.SubElement(app, "div", {"class": "sp-evlog__tool print-site-plugin-ignore", "hidden": ""})
        keep = etree.SubElement(manage, "div", {"class": "sp-evlog__keep"})
        etree.SubElement(keep, "h3", {"id": "sp-evlog-keep"}).text = "Download, print or move your log"
        intro = etree.SubElement(keep, "p")
        intro.text = (
            "The evidence pack is for the police. The archive keeps a copy, or moves the log to another device."
        )
        # Each box says everywhere what is typed in it goes (a review: the office is in every file's
        # name too, and the name is the Word file's author, which its properties show).
        for name, label, autocomplete, goes in (
            (
                "office",
                "Office or campaign",
                "organization",
                "Goes on the evidence pack, the printout and the archive\u2019s README.txt, "
                "and into the name of each file you download.",
            ),
            (
                "name",
                "Your name",
                "name",
                "Goes on the evidence pack (also as the Word file\u2019s author, shown in its properties), "
                "the printout and the archive\u2019s README.txt.",
            ),
        ):
            box_id = f"sp-evlog-pack-{name}"
            group = etree.SubElement(keep, "div", {"class": "sp-evlog__field"})
            etree.SubElement(group, "label", {"for": box_id}).text = label
            etree.SubElement(group, "p", {"class": "sp-evlog__hint", "id": f"{box_id}-hint"}).text = goes
            etree.SubElement(
                group,
                "input",
                {
                    "type": "text",
                    "id": box_id,
                    "data-sp-pack": name,
                    "autocomplete": autocomplete,
                    "aria-describedby": f"{box_id}-hint",
                },
            )
        # The script keeps both (evidence-log/form.js), as the draft: never beside a log a passphrase
        # protects. It starts the office from the protocol builder's until one is kept, even empty.
        etree.SubElement(keep, "p", {"class": "sp-evlog__hint"}).text = (
            "This browser keeps what you type in these two boxes for next time, but not while a passphrase "
            "protects the log. \u201cDelete the whole log from this device\u201d deletes it too."
        )
        actions = etree.SubElement(keep, "div", {"class": "sp-evlog__buttons"})
        action_buttons(
            actions,
            "data-sp-do",
            (
                ("export.wordPack", "Download the evidence pack (Word)"),
                ("export.archive", "Download the archive (zip, with screenshots)"),
                ("spreadsheet.download", "Download the log (CSV spreadsheet)"),
                ("export.print", "Print the log"),
            ),
        )
        # A printing review: an officer met "'@name" in the CSV, explained only in the archive's README.
        etree.SubElement(keep, "p", {"class": "sp-evlog__hint"}).text = (
            "In the CSV spreadsheet, an apostrophe (') in front of a value such as @name stops the spreadsheet "
            "running it as a formula: it is not part of what was recorded."
        )
        picker = etree.SubElement(keep, "div", {"class": "sp-evlog__field"})
        etree.SubElement(
            picker, "label", {"for": "sp-evlog-import"}
        ).text = "Import a log you downloaded from this page"
        hint = etree.SubElement(picker, "p", {"class": "sp-evlog__hint", "id": "sp-evlog-import-hint"})
        hint.text = "Choose the CSV file or the archive. Entries already in your log are skipped."
        etree.SubElement(
            picker,
            "input",
            {
                "type": "file",
                "id": "sp-evlog-import",
                "accept": ".csv,text/csv,.zip,application/zip",
                "aria-describedby": "sp-evlog-import-hint",
                "data-sp-do": "spreadsheet.importFile",
            },
        )
        _passphrase(keep)
        etree.SubElement(manage, "h3", {"id": "sp-evlog-delete"}).text = "Delete the log from this device"
        removal = etree.SubElement(manage, "p")
        removal.text = (
            "This deletes every entry saved in this browser. Download the log first if you want to keep a copy."
        )
        etree.SubElement(
            etree.SubElement(manage, "div", {"class": "sp-evlog__buttons"}),
            "button",
            {"type": "button", "class": "md-button sp-evlog__danger", "data-sp-do": "export.erase"},
        ).text = "Delete the whole log from this device"
        return app


class EvidenceLogExtension(BlocksExtension):
    def __init__(self, *args, **kwargs):
        self.config = {"fields": [[], "The validated evidence log fields"]}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr) -> None:
        block_mgr.register(EvidenceLogBlock, {"fields": self.getConfig("fields")})
        block_mgr.register(EvidenceLogFormBlock, {"fields": self.getConfig("fields")})
