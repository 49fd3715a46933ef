"""The evidence log (data/evidence-log.yml): one list of fields for the CSV and the printed table.

Nothing here stores evidence: the site only offers a blank spreadsheet and a blank paper record.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from saferpolitics.datafile import check_keys, load_located
from saferpolitics.problems import Problem

EVIDENCE_LOG_FILE = "data/evidence-log.yml"
CSV_PATH = "downloads/evidence-log.csv"


@dataclass(frozen=True)
class Field:
    label: str
    record: str
    example: str
    line: int


def parse_fields(text: str, file: str = EVIDENCE_LOG_FILE) -> tuple[list[Field], list[Problem]]:
    """The log's columns in order, with every problem found in the data file."""
    root, problems = load_located(text, file)
    if root is None:
        return [], problems
    if not isinstance(root.value, dict) or "fields" not in root.value or not isinstance(root.value["fields"].value, list):
        return [], [Problem(file, root.line, "the evidence log must have a `fields:` list", "start the file with `fields:`")]
    fields: list[Field] = []
    seen: dict[str, int] = {}
    for entry in root.value["fields"].value:
        entry_problems = check_keys(entry, file, {"label", "record"}, {"example"}, "evidence log field")
        problems += entry_problems
        if entry_problems:
            continue
        label = " ".join(str(entry.value["label"].value).split())
        if label.casefold() in seen:
            problems.append(
                Problem(file, entry.line, f"field {label!r} is listed twice (first on line {seen[label.casefold()]})", "give each column its own label")
            )
            continue
        seen[label.casefold()] = entry.line
        example = entry.value.get("example")
        fields.append(
            Field(
                label=label,
                record=" ".join(str(entry.value["record"].value).split()),
                example=" ".join(str(example.value).split()) if example else "",
                line=entry.line,
            )
        )
    if not fields and not problems:
        problems.append(Problem(file, root.line, "the evidence log has no fields", "add at least one field under `fields:`"))
    return fields, problems


def csv_text(fields: list[Field]) -> str:
    """A blank log for spreadsheets: the header row only (CRLF line ends, as RFC 4180 asks)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([f.label for f in fields])
    return buffer.getvalue()


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
            row = etree.SubElement(body, "tr")
            # Data is plain text: AtomicString keeps Markdown's inline patterns (raw HTML, links) away.
            etree.SubElement(row, "th", {"scope": "row"}).text = AtomicString(item.label)
            record = etree.SubElement(row, "td")
            record.text = AtomicString(item.record)
            if item.example:
                example = etree.SubElement(record, "span", {"class": "sp-evidence-log__example"})
                example.text = AtomicString(f" For example: {item.example}")
            etree.SubElement(row, "td", {"class": "sp-evidence-log__entry"})
        return table


class EvidenceLogExtension(BlocksExtension):
    def __init__(self, *args, **kwargs):
        self.config = {"fields": [[], "The validated evidence log fields"]}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr) -> None:
        block_mgr.register(EvidenceLogBlock, {"fields": self.getConfig("fields")})
