"""Checklists (data/checklists.yml): validated data, rendered as ElementTree for the Blocks extension.

A checklist renders as a `<fieldset>` with a `<legend>` and a plain `<ul>` of items: that is what
a reader without JavaScript, and the PDF (WeasyPrint runs no JavaScript), gets. Each item's text
is already a `<label>`; docs/assets/js/checklists.js adds the tick box, the progress line and the
Clear button, and keeps the ticks in localStorage. Item and checklist ids go into data attributes
only: the script derives element ids from them, so ids are deterministic and content edits never
re-tick the wrong item.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.util import AtomicString

from saferpolitics.core.datafile import Located, check_keys, load_located, plain
from saferpolitics.core.problems import Problem

CHECKLISTS_FILE = "data/checklists.yml"

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A link to a page of this site: a docs-relative Markdown path with an optional heading anchor.
PAGE_LINK_PATTERN = re.compile(r"(?P<path>[A-Za-z0-9_./-]+\.md)(?:#(?P<anchor>[A-Za-z0-9_-]+))?")
# Links belong in `link`: a link inside a tick box's label is easy to hit by mistake.
INLINE_LINK_PATTERN = re.compile(r"\]\(|<a\b|https?://|www\.", re.I)

CHECKLIST_KEYS = ({"id", "title", "items"}, set())
ITEM_KEYS = ({"id", "text"}, {"link", "link_text", "why"})

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


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    link: str = ""
    link_text: str = ""
    why: str = ""
    line: int = 0


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    items: tuple[Item, ...]
    line: int = 0

    @property
    def heading_id(self) -> str:
        """Anchor of the checklist's heading on a page that collects every checklist."""
        return f"checklist-{self.id}"


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`? " if close else ""


def is_page_link(link: str) -> bool:
    return PAGE_LINK_PATTERN.fullmatch(link) is not None


def _text(values: dict[str, Located], key: str, file: str, what: str, problems: list[Problem]) -> str:
    """A key's value as stripped text; anything but a plain string is a Problem."""
    located = values.get(key)
    if located is None or located.value is None:
        return ""
    if not isinstance(located.value, (str, int, float)) or isinstance(located.value, bool):
        problems.append(Problem(file, located.line, f"`{key}` of {what} must be text", "write it on one line after the colon"))
        return ""
    return " ".join(str(located.value).split())


def _check_id(located: Located, file: str, what: str, problems: list[Problem]) -> str | None:
    value = plain(located)
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        problems.append(
            Problem(
                file,
                located.line,
                f"{what} id `{value}` is not a valid id",
                "use lower-case letters, digits and single hyphens, e.g. `lock-devices`; "
                "never change an id once published: saved ticks are stored under it",
            )
        )
        return None
    return value


def _parse_item(entry: Located, file: str, checklist_id: str, problems: list[Problem]) -> Item | None:
    what = f"item of checklist `{checklist_id}`"
    entry_problems = check_keys(entry, file, *ITEM_KEYS, what)
    problems += entry_problems
    if entry_problems:
        return None
    values: dict[str, Located] = entry.value
    item_id = _check_id(values["id"], file, "item", problems)
    count = len(problems)
    text = _text(values, "text", file, what, problems)
    link = _text(values, "link", file, what, problems)
    link_text = _text(values, "link_text", file, what, problems)
    why = _text(values, "why", file, what, problems)
    for key, value in (("text", text), ("why", why), ("link_text", link_text)):
        if INLINE_LINK_PATTERN.search(value):
            problems.append(
                Problem(
                    file,
                    values[key].line,
                    f"`{key}` of item `{values['id'].value}` contains a link or web address",
                    "put a registry id (from data/links.yml) or a page like `harassment.md#evidence` "
                    "in the item's `link:` instead; never write a web address here",
                )
            )
    if link and not is_page_link(link) and not ID_PATTERN.fullmatch(link):
        problems.append(
            Problem(
                file,
                values["link"].line,
                f"`link` of item `{values['id'].value}` is neither a registry id nor a page",
                "use a registry id from data/links.yml (e.g. `ncsc-setting-up-2sv`) "
                "or a page of the site (e.g. `harassment.md#evidence`)",
            )
        )
    elif link and is_page_link(link) and not link_text:
        problems.append(
            Problem(
                file,
                values["link"].line,
                f"item `{values['id'].value}` links to a page but has no `link_text`",
                "add `link_text:` saying where the link goes, e.g. `link_text: How to keep evidence`",
            )
        )
    if link_text and not link:
        problems.append(
            Problem(file, values["link_text"].line, f"item `{values['id'].value}` has `link_text` but no `link`", "add `link:` or remove `link_text:`")
        )
    if item_id is None or len(problems) > count:
        return None
    return Item(item_id, text, link, link_text, why, entry.line)


def parse_checklists(text: str, file: str = CHECKLISTS_FILE) -> tuple[list[Checklist], list[Problem]]:
    """Every checklist in file order, and every problem in the file (ids, keys, empty lists)."""
    root, problems = load_located(text, file)
    if root is None:
        return [], problems
    if not isinstance(root.value, list):
        return [], [Problem(file, root.line, "the file must be a list of checklists", "start each checklist with `- id: ...`")]
    checklists: list[Checklist] = []
    first_line: dict[str, int] = {}
    for entry in root.value:
        entry_problems = check_keys(entry, file, *CHECKLIST_KEYS, "checklist")
        problems += entry_problems
        # Keep going after an unknown key, so the items' problems are listed in the same run.
        if not isinstance(entry.value, dict) or not {"id", "items"} <= entry.value.keys():
            continue
        values: dict[str, Located] = entry.value
        checklist_id = _check_id(values["id"], file, "checklist", problems)
        title = _text(values, "title", file, "a checklist", problems)
        if checklist_id in first_line:
            problems.append(
                Problem(
                    file,
                    values["id"].line,
                    f"duplicate checklist id `{checklist_id}`",
                    f"the first is on line {first_line[checklist_id]}; give this one a different id",
                )
            )
            continue
        if checklist_id:
            first_line[checklist_id] = values["id"].line
        label = checklist_id or values["id"].value
        raw_items = values["items"]
        if not isinstance(raw_items.value, list) or not raw_items.value:
            problems.append(
                Problem(
                    file,
                    raw_items.line,
                    f"checklist `{label}` has no items",
                    "add items as a list (`- id: ...` with `text: ...`), or delete the checklist",
                )
            )
            continue
        items: list[Item] = []
        item_lines: dict[str, int] = {}
        for raw_item in raw_items.value:
            raw_id = raw_item.value.get("id") if isinstance(raw_item.value, dict) else None
            if raw_id is not None and not isinstance(raw_id.value, str):
                raw_id = None  # reported as an invalid id by _parse_item
            if raw_id is not None and raw_id.value in item_lines:
                problems.append(
                    Problem(
                        file,
                        raw_id.line,
                        f"duplicate item id `{raw_id.value}` in checklist `{label}`",
                        f"the first is on line {item_lines[raw_id.value]}; give this one a different id",
                    )
                )
            elif raw_id is not None:
                item_lines[raw_id.value] = raw_id.line
            item = _parse_item(raw_item, file, str(label), problems)
            if item is not None and item.id not in {i.id for i in items}:
                items.append(item)
        if checklist_id and title and not entry_problems:
            checklists.append(Checklist(checklist_id, title, tuple(items), entry.line))
    return checklists, problems


def check_links(
    checklists: list[Checklist], registry_ids: set[str], doc_pages: set[str], file: str = CHECKLISTS_FILE
) -> list[Problem]:
    """Every item link must name a registry entry or an existing page (MkDocs checks anchors)."""
    problems = []
    for checklist in checklists:
        for item in checklist.items:
            if not item.link:
                continue
            if is_page_link(item.link):
                path = PAGE_LINK_PATTERN.fullmatch(item.link)["path"]
                if path not in doc_pages:
                    problems.append(
                        Problem(
                            file,
                            item.line,
                            f"item `{item.id}` links to page `{path}`, which does not exist",
                            f"{did_you_mean(path, doc_pages)}page links are relative to docs/, e.g. `harassment.md#evidence`",
                        )
                    )
            elif item.link not in registry_ids:
                problems.append(
                    Problem(
                        file,
                        item.line,
                        f"item `{item.id}` links to `{item.link}`, which is not in the link registry",
                        f"{did_you_mean(item.link, registry_ids)}registry ids are the `id:` keys of data/links.yml",
                    )
                )
    return problems


def link_href(link: str, page: str) -> str:
    """The href for an item link on the page docs/<page>: `link:<id>` for the registry's
    treeprocessor, or a page path relative to the page so MkDocs validates and rewrites it."""
    match = PAGE_LINK_PATTERN.fullmatch(link)
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
    # Spaces between the parts, so the text reads correctly without the stylesheet too.
    for part in list(li)[:-1]:
        part.tail = " "
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
