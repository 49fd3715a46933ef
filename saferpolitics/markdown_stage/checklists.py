"""Checklists (data/checklists.yml): validated data, rendered as ElementTree for the Blocks extension.

A checklist renders as a `<fieldset>` with a `<legend>` and a plain `<ul>` of items: that is what
a reader without JavaScript, and the PDF (WeasyPrint runs no JavaScript), gets. Each item's text
is already a `<label>`; docs/assets/js/checklists.js adds the tick box, the progress line and the
Clear button, and keeps the ticks in localStorage. Item and checklist ids go into data attributes
only: the script derives element ids from them, so ids are deterministic and content edits never
re-tick the wrong item.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from markdown.util import AtomicString

from saferpolitics.core import suggest
from saferpolitics.core.datafile import FirstLines, Located, entries, load_data_file, schema_for, text_field
from saferpolitics.core.page_links import PAGE_LINK
from saferpolitics.core.problems import Problem
from saferpolitics.markdown_stage.safe_order import REORDER_HINT, order_problems

CHECKLISTS_FILE = "data/checklists.yml"

# Class names shared with docs/assets/js/checklists.js and docs/assets/css/checklists.css.
CSS = {
    "checklist": "sp-checklist",
    "title": "sp-checklist__title",
    "items": "sp-checklist__items",
    "item": "sp-checklist__item",
    "label": "sp-checklist__label",
    "link": "sp-checklist__link",
    "why": "sp-checklist__why",
    "collection": "sp-checklists",
    "heading": "sp-checklists__heading",
    "hidden": "sp-visually-hidden",
}


class Item(NamedTuple):
    id: str
    text: str
    link: str = ""
    link_text: str = ""
    why: str = ""
    line: int = 0
    link_line: int = 0  # the `link:` line, where a link to nowhere is the mistake


class Checklist(NamedTuple):
    id: str
    title: str
    items: tuple[Item, ...]
    line: int = 0

    @property
    def heading_id(self) -> str:
        """Anchor of the checklist's heading on a page that collects every checklist."""
        return f"checklist-{self.id}"


def suggestion(word: str, choices) -> str:
    """core.suggest's "did you mean", with names in backticks as these messages write them."""
    return suggest.did_you_mean(word, sorted(choices), quote="`")


def is_page_link(link: str) -> bool:
    return PAGE_LINK.fullmatch(link) is not None


def _parse_item(entry: Located, file: str) -> tuple[Item | None, list[Problem]]:
    """What the schema cannot say about an item: a page link needs words, and words need a link."""
    values: dict[str, Located] = entry.value
    item_id = values["id"].value if "id" in values else None
    problems = []
    link, link_text = text_field(values, "link"), text_field(values, "link_text")
    if link and is_page_link(link) and not link_text and values["link"].valid:
        problems.append(
            Problem(
                file,
                values["link"].line,
                f"item `{item_id}` links to a page but has no `link_text`",
                "add `link_text:` saying where the link goes, e.g. `link_text: How to keep evidence`",
            )
        )
    if link_text and not link:
        problems.append(
            Problem(
                file,
                values["link_text"].line,
                f"item `{item_id}` has `link_text` but no `link`",
                "add `link:` or remove `link_text:`",
            )
        )
    if problems or not entry.valid:
        return None, problems
    link_line = values["link"].line if link else 0
    return Item(
        item_id, text_field(values, "text"), link, link_text, text_field(values, "why"), entry.line, link_line
    ), []


def _duplicate(ids: FirstLines, located: Located | None, what: str) -> Problem | None:
    """The Problem when this id (if valid) was given before in the same list."""
    if located is None or not located.valid:
        return None
    return ids.again(located.value, located.line, what, "give this one a different id")


def parse_checklists(
    text: str, file: str = CHECKLISTS_FILE, cache_dir: Path | None = None
) -> tuple[list[Checklist], list[Problem]]:
    """Every checklist in file order, and every problem in the file (ids, keys, empty lists)."""
    root, problems = load_data_file(text, file, schema_for("checklists"), cache_dir=cache_dir)
    checklists: list[Checklist] = []
    checklist_ids = FirstLines(file)
    for entry in entries(root):
        values = entry.value if isinstance(entry.value, dict) else {}
        checklist_id = values["id"].value if "id" in values else None
        duplicate = _duplicate(checklist_ids, values.get("id"), f"checklist id `{checklist_id}`")
        if duplicate:
            problems.append(duplicate)
            continue
        items: list[Item] = []
        item_ids = FirstLines(file)
        for raw_item in entries(entry, "items"):
            item_values = raw_item.value if isinstance(raw_item.value, dict) else {}
            item_id = item_values["id"].value if "id" in item_values else None
            duplicate = _duplicate(
                item_ids, item_values.get("id"), f"item id `{item_id}` in checklist `{checklist_id}`"
            )
            if duplicate:
                problems.append(duplicate)
            if not item_values:
                continue
            item, item_problems = _parse_item(raw_item, file)
            problems += item_problems
            if item is not None and not duplicate:
                items.append(item)
        if entry.valid:
            # A reader ticks from the top, so a checklist keeps the crisis steps' safe order too.
            problems += [
                Problem(
                    file,
                    items[unsafe.step - 1].line or entry.line,  # the item to move
                    f"checklist `{checklist_id}` is not in a safe order: {unsafe}",
                    REORDER_HINT,
                )
                for unsafe in order_problems([item.text for item in items])
            ]
            checklists.append(Checklist(checklist_id, text_field(values, "title"), tuple(items), entry.line))
    return checklists, sorted(problems, key=lambda p: p.line or 0)


def links_checked(
    checklists: list[Checklist],
    registry_ids: set[str],
    doc_pages: set[str],
    file: str = CHECKLISTS_FILE,
    moved: Mapping[str, str] | None = None,
) -> tuple[list[Checklist], list[Problem]]:
    """The problems of the items' links (each must name a registry entry or an existing page;
    MkDocs checks anchors; moved: mkdocs-redirects' old page -> where it went, for a link to a
    renamed page), and the checklists with each link it reports taken off its item.
    The build goes on to the pages before it stops on these (saferpolitics.core.problems.
    HeldProblems): an item rendered without its broken link is not reported again, by MkDocs'
    check of links between pages or as an unknown registry id, on every page showing it."""
    problems = []
    checked = []
    for checklist in checklists:
        items = []
        for item in checklist.items:
            problem = _link_problem(item, registry_ids, doc_pages, file, moved or {})
            problems += [problem] if problem else []
            items.append(item._replace(link="", link_text="") if problem else item)
        checked.append(checklist._replace(items=tuple(items)))
    return checked, problems


def _link_problem(
    item: Item, registry_ids: set[str], doc_pages: set[str], file: str, moved: Mapping[str, str]
) -> Problem | None:
    if not item.link:
        return None
    if is_page_link(item.link):
        path = PAGE_LINK.fullmatch(item.link)["path"]
        if path in doc_pages:
            return None
        if moved.get(path, "").endswith(".md"):
            hint = f"the page moved to {moved[path]} (redirect_maps in mkdocs.yml): link to it"
        else:
            hint = f"{suggestion(path, doc_pages)}page links are relative to docs/, e.g. `harassment.md#evidence`"
        return Problem(file, item.link_line, f"item `{item.id}` links to page `{path}`, which does not exist", hint)
    if item.link in registry_ids:
        return None
    return Problem(
        file,
        item.link_line,
        f"item `{item.id}` links to `{item.link}`, which is not in the link registry",
        f"{suggestion(item.link, registry_ids)}registry ids are the `id:` keys of data/links.yml",
    )


def link_href(link: str, page: str) -> str:
    """The href for an item link on the page docs/<page>: `link:<id>` for the registry's
    treeprocessor, or a page path relative to the page so MkDocs validates and rewrites it."""
    match = PAGE_LINK.fullmatch(link)
    if match is None:
        return f"link:{link}"
    href = posixpath.relpath(match["path"], posixpath.dirname(page) or ".")
    return f"{href}#{match['anchor']}" if match["anchor"] else href


def render_item(item: Item, page: str) -> etree.Element:
    li = etree.Element("li", {"class": CSS["item"], "data-sp-item": item.id})
    # Data is plain text: AtomicString keeps Markdown's inline patterns (raw HTML, links) away.
    etree.SubElement(li, "label", {"class": CSS["label"]}).text = AtomicString(item.text)
    if item.link:
        anchor = etree.SubElement(li, "a", {"class": CSS["link"], "href": link_href(item.link, page)})
        # Empty text on a registry link: the registry fills in the resource's title.
        anchor.text = AtomicString(item.link_text) if item.link_text else None
    if item.why:
        etree.SubElement(li, "span", {"class": CSS["why"]}).text = AtomicString(item.why)
    # Space between the parts, so the text reads correctly without the stylesheet too: a line
    # break, which print-site reads faster than a long line (see links.render_card).
    for part in list(li)[:-1]:
        part.tail = "\n"
    return li


def render_checklist(checklist: Checklist, page: str, legend_hidden: bool = False) -> etree.Element:
    """The no-JavaScript form of one checklist: a titled group holding a plain list."""
    fieldset = etree.Element("fieldset", {"class": CSS["checklist"], "data-sp-checklist": checklist.id})
    legend_class = f"{CSS['title']} {CSS['hidden']}" if legend_hidden else CSS["title"]
    etree.SubElement(fieldset, "legend", {"class": legend_class}).text = AtomicString(checklist.title)
    items = etree.SubElement(fieldset, "ul", {"class": CSS["items"]})
    items.extend(render_item(item, page) for item in checklist.items)
    return fieldset


def render_collection(checklists: list[Checklist], page: str, heading_level: int = 2) -> etree.Element:
    """Every checklist under its own heading, for the Checklists page, its contents list and the
    PDF's. The legend repeats the heading for screen readers only, so it is hidden on screen."""
    collection = etree.Element("div", {"class": CSS["collection"]})
    for checklist in checklists:
        heading = etree.SubElement(
            collection, f"h{heading_level}", {"id": checklist.heading_id, "class": CSS["heading"]}
        )
        heading.text = AtomicString(checklist.title)
        collection.append(render_checklist(checklist, page, legend_hidden=True))
    return collection
