""" "The first hour": every situation's steps, Get help now's and the answer pages', and the
one-page crisis card, from data/first-hour.yml: one source, so a page, the card and the PDF
cannot drift apart.

- `/// first-steps | threats` renders a list's steps on whichever page shows them (Get help now,
  an answer page under help/, a guidance page): **bold** and [links](target) to a phone number,
  a section, a page (written relative to docs/, made relative to the page here) or a registry
  entry, nothing else parsed; then "Based on", the list's sources from the link registry, each
  title with its publisher.
- card_element() renders the crisis card: the steps of the lists that have a `card_heading` (in
  their plain `card:` wording where a step links to another part of the page), 999 and 101,
  where to report, and a line for each of the office's own contacts. The protocol builder shows it
  with the office's contacts filled in; card_for_print() hands it to the post-build stage, which
  prints it as the A4 and phone-sized PDFs in downloads/ (saferpolitics.post_build.crisis_cards).
- `/// office-contacts` shows the card's contacts on a page, as the reader saved them in the
  protocol builder on this device (filled in by office-details.js; empty without it).
Everything from the data file is text (AtomicString): nothing in it can become markup on the card.
On a page, the glossary's tooltips explain a step's terms as they do the page's own text.
Every list is checked against the safe-order rules (saferpolitics.markdown_stage.safe_order) as
it is read, so a list in an unsafe order stops the build with its line.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from saferpolitics.core.datafile import (
    FirstLines,
    Located,
    entries,
    line_within,
    load_data_file,
    schema_for,
    text_field,
)
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.page_links import PAGE_LINK
from saferpolitics.core.phone_links import HINT as PHONE_LINK_HINT
from saferpolitics.core.phone_links import (
    NUMBER_LINK_SCHEMES,
    dialled,
    phone_link_mistake,
    with_number_links,
    written_numbers,
)
from saferpolitics.core.problems import Problem
from saferpolitics.markdown_stage.checklist_blocks import BlockFinding, header_key
from saferpolitics.markdown_stage.formatting import DATA_STAR_HINT, EMPHASIS_HINT, emphasis_excerpt, leftover_emphasis
from saferpolitics.markdown_stage.links import LINK_AS_TEXT, link_as_written, mark_external
from saferpolitics.markdown_stage.protocol import only_for_problem, parse_only_for
from saferpolitics.markdown_stage.registry import Link, Registry
from saferpolitics.markdown_stage.safe_order import REORDER_HINT, order_problems

FIRST_HOUR_FILE = "data/first-hour.yml"
# The class of the first steps' list on a page.
STEPS_CLASS = "sp-first-steps"
# A step's only formatting: **bold** and [words](target), a link inside bold too. Nothing else in
# it is parsed: data is text. Empty words, [](link:id), show the registry entry's title (or email address).
_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\[(?P<text>[^\[\]]*)\]\((?P<target>[^\s)]+)\)")
# The office's own routes a step may name, whose numbers are on ParliNet, not public: a page whose
# steps name one shows the contacts the office saved (`/// office-contacts`).
OWN_ROUTES = re.compile(
    r"\bPLaIT\b|\bFEOA\b|(?i:\bdigital support desk\b|\bParliament's police team\b|\bforce elected-official adviser)"
)
# Where a step may link: a phone number, a section of the page, another page, a registry entry.
_TARGET = re.compile(rf"(?:tel|sms):\+?\d+|#[a-z0-9-]+|{PAGE_LINK.pattern}|link:[a-z0-9-]+")


# Words on the card that only an office with one choice can use, "{only for role is MP}; for an
# MP, PLaIT too{end}": the builder's card leaves them out once the office has chosen another role,
# as it does its contact lines (a candidate's card said "call the Digital Support Desk"); a page
# and the printed A4 and phone cards, for no one office, show them.
_FOR_ONE_CHOICE = re.compile(r"\{only for (?P<condition>[^{}]*)\}(?P<words>.*?)\{end\}")
# What is left of a marker once every whole one is read: one with no {end}, or an {end} alone.
_STRAY_MARKER = re.compile(r"\{only for [^{}]*\}|\{end\}")


class Part(NamedTuple):
    words: str
    only_for: tuple[str, str] | None = None  # (select field, option) the words are for, or None: for every office


def choice_parts(text: str) -> tuple[Part, ...]:
    """A card's words in runs: those for every office, and those `{only for field is option}`."""
    parts, position = [], 0
    for match in _FOR_ONE_CHOICE.finditer(text):
        if match.start() > position:
            parts.append(Part(text[position : match.start()]))
        parts.append(Part(match["words"], parse_only_for(match["condition"])))
        position = match.end()
    if position < len(text) or not parts:
        parts.append(Part(text[position:]))
    return tuple(parts)


def _all_words(parts: tuple[Part, ...]) -> str:
    return "".join(part.words for part in parts)


class Step(NamedTuple):
    markdown: str  # as Get help now shows it: **bold** and [links](target) only
    card: str  # the words for paper: **bold**, and [numbers](tel:...) to call from the phone card
    # The card's words in runs, some only for one role (choice_parts): the builder's card hides those.
    card_parts: tuple[Part, ...] = ()

    def words(self, wording: str) -> str:
        """The words without Markdown, as a reader sees them on a page ("step") or a card ("card")."""
        return _without_links(self.markdown if wording == "step" else self.card)


class StepList(NamedTuple):
    key: str
    card_heading: str  # "" for a list that is not on the crisis card
    steps: tuple[Step, ...]
    sources: tuple[str, ...] = ()  # data/links.yml ids: where the steps come from ("Based on")
    line: int | None = None  # where the list starts in data/first-hour.yml, for messages


class Route(NamedTuple):
    what: str
    where: str  # every word, as the printed cards show it
    link: str  # a data/links.yml id, printed as its address, or ""
    where_parts: tuple[Part, ...] = ()  # `where` in runs, some only for one role (choice_parts)


class Contact(NamedTuple):
    label: str
    field: str  # the protocol builder's field that fills it in


class FirstHour(NamedTuple):
    title: str
    lists: tuple[StepList, ...]
    report: tuple[Route, ...]
    contacts: tuple[Contact, ...]

    def steps(self, key: str) -> StepList | None:
        return next((listing for listing in self.lists if listing.key == key), None)


def _step_link_problems(step: Located, registry: Registry, file: str, text: str = "") -> list[Problem]:
    """Each link in a step's words to somewhere a step may not link (only a phone number, a
    section, a page or a registry entry: a schema cannot name the target at fault), each
    registry id that is not in the registry, and each number to call written without its link:
    the mistake is here, not on the page that shows it, on the line of the step that holds it
    (text: the file's)."""
    problems = []
    for name, item in step.value.items():
        found_before = len(problems)

        def line(needle: str | re.Pattern[str], item: Located = item) -> int:
            return line_within(item, text, needle, file)

        words = _without_links(str(item.value))
        if written := LINK_AS_TEXT.search(words):
            shown = link_as_written(words, written)
            problems.append(
                Problem(
                    file,
                    line(re.compile(r"\s+".join(map(re.escape, shown.split())))),  # where it is on one line
                    f"`{name}` has a link readers would see as Markdown: '{shown}'",
                    "write a link as [words](target) with no space in the brackets and nothing between ']' "
                    "and '(': the target is tel:<number>, sms:<number>, #<section>, <page>.md or link:<id>",
                )
            )
        for match in _links(str(item.value)):
            target = match["target"]
            if target and not _TARGET.fullmatch(target):
                problems.append(
                    Problem(
                        file,
                        line(f"]({target})"),
                        f"`{name}` links to {target!r}, which a step cannot link to",
                        "link to tel:<number>, sms:<number>, #<section>, <page>.md or link:<id> from data/links.yml",
                    )
                )
            elif target.startswith(NUMBER_LINK_SCHEMES) and (mistake := phone_link_mistake(match["text"], target)):
                problems.append(Problem(file, line(f"]({target})"), f"`{name}`: {mistake}", PHONE_LINK_HINT))
            elif target and target.startswith("link:"):
                link_id = target.removeprefix("link:")
                link = registry.get(link_id)
                if link is None:
                    problems.append(
                        Problem(
                            file,
                            line(f"]({target})"),
                            f"`{name}` links to unknown link id {link_id!r}",
                            registry.unknown_id_hint(link_id),
                        )
                    )
                elif reason := _not_seen_working(link):
                    problems.append(
                        _unchecked_problem(f"`{name}` links to", link_id, reason, line(f"]({target})"), file)
                    )
        if len(problems) == found_before:  # a broken link's number is that link's mistake, said once
            problems += _bare_number_problems(name, item, file, text)
    return problems


def _registry_ids(text: str) -> list[str]:
    """The registry ids a step's words link to, in order."""
    return [m["target"].removeprefix("link:") for m in _links(text) if (m["target"] or "").startswith("link:")]


# The desk research's words for an address it could not see at all, or saw only in copies
# (CONTRIBUTING.md, "Fields of an entry"): no more seen working than an entry marked `at_risk`.
UNVERIFIED = "desk-research: unverified"
NOT_SEEN = (UNVERIFIED, "desk-research: at-risk")
# Outcomes of a check (data/schema/links.schema.json) that found the address not working, or the
# page gone from it: a reader in a crisis would meet an error page or an old copy. Each with what
# it means, in a maintainer's words. Not "desk-research: moved": as "redirected" for the live
# checker, it marks a page the research found at a new address, which the entry now holds (X's help
# pages went from help.twitter.com to help.x.com); two crisis lists are based on such entries.
NOT_WORKING = {
    "broken": "the address did not work",
    "no-longer-public": "the page is no longer public",
    "desk-research: likely-moved": "the page has probably moved or been withdrawn",
}
_UNCHECKED_HINT = (
    'crisis steps use only checked sources: describe the route in the app instead ("in the app, report '
    'the profile"), use another entry, or open the address and, if it works, remove `at_risk` from the '
    "entry in data/links.yml and write today's date and `outcome: ok` in its `checked`"
)
_NOT_WORKING_HINT = (
    "crisis steps use only working sources: open the address, and fix it in data/links.yml or replace it "
    "with the page's new address (or use another entry); once it works, write today's date and "
    "`outcome: ok` in its `checked`"
)


def _not_seen_working(link: Link) -> tuple[str, str] | None:
    """Why a crisis step, its sources or the card's "Where to report" may not use this entry (an
    address nobody has seen work, or whose last check found it not working), and how to put it
    right; or None. A Resources card says so beside it; a step cannot."""
    outcome = link.checked_outcome
    if link.at_risk:
        return f"whose address has not been checked: {link.at_risk}", _UNCHECKED_HINT
    if outcome in NOT_SEEN:
        return (
            f'whose address has not been checked: its last check says outcome "{outcome}" (nobody has opened it)',
            _UNCHECKED_HINT,
        )
    if outcome in NOT_WORKING:
        return (
            f'whose address may not work: its last check says outcome "{outcome}" ({NOT_WORKING[outcome]})',
            _NOT_WORKING_HINT,
        )
    return None


def _unchecked_problem(what: str, link_id: str, reason: tuple[str, str], line: int | None, file: str) -> Problem:
    """A crisis step that sends a reader to, or is based on, an address nobody has seen work."""
    said, hint = reason
    return Problem(file, line, f"{what} {link_id!r}, {said}", hint)


def _bare_number_problems(name: str, item: Located, file: str, text: str = "") -> list[Problem]:
    """A number to call or text written as plain words: on a phone, and on the phone-sized card,
    a reader cannot tap it (a maintainer review found '116 123' built without a link)."""
    # Every link as its words, but a link that calls or texts a number left out: its number is tapped.
    words = _INLINE.sub(" ", _without_links(str(item.value), phone_links=True))
    return [
        Problem(
            file,
            line_within(item, text, number, file),
            f"`{name}` has the number {number!r} as plain words, which a reader on a phone cannot tap",
            f"write it as a link: [{number}](tel:{dialled(number)}), or sms: for a number to text",
        )
        for number in written_numbers(words)
    ]


def _links(text: str):
    """Each [words](target) in a step's text, inside **bold** too."""
    for match in _INLINE.finditer(text):
        yield from _links(match["bold"]) if match["bold"] else (match,)


def _without_links(text: str, bold: str = "", phone_links: bool = False) -> str:
    """A step's text with each link as its words, inside **bold** too; bold kept as `bold` marks
    ("**") or dropped (""); with phone_links, a link that calls a number kept as a link."""

    def words(match: re.Match) -> str:
        if match["bold"]:
            return f"{bold}{_without_links(match['bold'], bold, phone_links)}{bold}"
        return match[0] if phone_links and match["target"].startswith(NUMBER_LINK_SCHEMES) else match["text"]

    return _INLINE.sub(words, text)


# A link to another page ("see Report to the platform") means nothing on the card either; the
# schema already asks for `card:` where a step links to a section of its own page (`](#`).
_PAGE_LINK = lazy_compile(rf"\]\({PAGE_LINK.pattern}")


# Words a link's words make bold or italic elsewhere, "**your colleagues**": in a step's link
# they are shown as written (render_inline puts a link's words in as text).
_FORMATTED_WORDS = lazy_compile(r"(\*\*|\*|__)\S(?:.*?\S)?\1")


def _leftover_emphasis_problems(step: Located, file: str, text: str) -> list[Problem]:
    """A step (or its card wording) whose bold is not closed, "**Ask ... with", or that has "__"
    or a stray "*": pages and both cards would show the marks as typed. And one with marks in a
    link's words, "[**your colleagues**](...)": a link's words are shown as written. Named at the
    line of the step that holds the mark and the word it touches (text: the whole file's)."""
    problems = []
    for name in ("step", "card"):
        item = step.value.get(name)
        written = str(item.value) if item is not None else ""
        for link in _links(written):
            if match := _FORMATTED_WORDS.search(link["text"]):
                problems.append(
                    Problem(
                        file,
                        line_within(item, text, link[0].split(maxsplit=1)[0], file),
                        f"`{name}`: readers see '{match[1]}' as typed in a link's words: '{link[0]}'",
                        "a step's link words cannot be bold: write **[words](link)**, the marks outside the brackets "
                        "(a step has no italics)",
                    )
                )
                # The rest of the step is checked as if these words had no marks.
                words = _FORMATTED_WORDS.sub(lambda pair: pair[0][len(pair[1]) : -len(pair[1])], link["text"])
                written = written.replace(link[0], f"[{words}]({link['target']})")
        shown = _without_links(written)
        if match := leftover_emphasis(shown):
            touching = shown[match.start() :].split(maxsplit=1)[0]
            problems.append(
                Problem(
                    file,
                    line_within(item, text, touching, file),
                    f"`{name}`: readers see '{match[0]}' as typed: '{emphasis_excerpt(shown, match)}'",
                    f"{EMPHASIS_HINT}{DATA_STAR_HINT} (a step's only formatting is **bold** and [words](link))",
                )
            )
    return problems


def _needs_card_words(step: Located) -> bool:
    words = step.value.get("step")
    return "card" not in step.value and words is not None and bool(_PAGE_LINK.search(str(words.value)))


def _paper_problem(step: Located, file: str) -> Problem:
    return Problem(
        file,
        step.value["step"].line,
        "`step`: this step links to another page, which means nothing on the printed card",
        "add `card:` with the same step in words that work on paper",
    )


def _step(step: Located) -> Step:
    markdown_text = text_field(step.value, "step")
    card_text = text_field(step.value, "card", default=markdown_text)
    # On paper a link is its words; a number stays a link, to call from the phone-sized card.
    parts = choice_parts(_without_links(card_text, "**", phone_links=True))
    return Step(markdown_text, _all_words(parts), parts)


_ONE_CHOICE_HINT = (
    "write words only one role's office can use as {only for role is MP}words{end}, in a step's `card:` or a "
    "route's `where:`, each {end} on the same line: a page shows every word"
)


def _choice_problems(
    name: str, item: Located, file: str, text: str, choices: dict[str, tuple[str, ...]] | None
) -> list[Problem]:
    """Mistakes in the words for one role in a step's `card:` or a route's `where:` (name): a
    condition the protocol builder has no choice for (choices: its select fields and their options;
    None leaves them unchecked), a marker with no {end} or an {end} alone, and bold begun inside
    them and ended outside (the builder would hide half of it). A `step:` can have none: a page
    would show the marker as typed."""
    written = str(item.value)
    problems = []

    def problem(message: str, needle: str, hint: str = _ONE_CHOICE_HINT) -> None:
        problems.append(Problem(file, line_within(item, text, needle, file), f"`{name}`: {message}", hint))

    if name == "step":
        if found := _STRAY_MARKER.search(written):
            problem(
                f"a page would show {found[0]} as typed",
                found[0],
                "put words for one role only in the step's `card:`: a page shows every step to every office",
            )
        return problems
    for match in _FOR_ONE_CHOICE.finditer(written):
        marker = f"{{only for {match['condition']}}}"
        if choices is not None and (wrong := only_for_problem(match["condition"], "", choices, marker)):
            problem(wrong[0], match[0], wrong[1])
        if match["words"].count("**") % 2:
            problem(f"bold begins or ends inside {marker}...{{end}}", match[0])
    if found := _STRAY_MARKER.search(_FOR_ONE_CHOICE.sub("", written)):
        problem(f"{found[0]} has no {'{end}' if found[0] != '{end}' else '{only for ...} before it'}", found[0])
    return problems


def parse_first_hour(
    text: str,
    registry: Registry,
    field_ids: set[str],
    file: str = FIRST_HOUR_FILE,
    cache_dir: Path | None = None,
    choices: dict[str, tuple[str, ...]] | None = None,
) -> tuple[FirstHour | None, list[Problem]]:
    """The file, with every problem at once: its shape (the schema), where steps link, link ids,
    builder fields and the words for one role (choices: the builder's select fields, each with ""
    and its options, as ProtocolTemplate.choices() gives them; the build always gives them)."""
    root, problems = load_data_file(text, file, schema_for("first-hour"), cache_dir=cache_dir)
    if root is None or not isinstance(root.value, dict):
        return None, problems
    lists_item = root.value.get("lists")
    lists = []
    for key, entry in lists_item.value.items() if lists_item is not None and isinstance(lists_item.value, dict) else ():
        steps = [step for step in entries(entry, "steps") if isinstance(step.value, dict)]
        problems += [problem for step in steps for problem in _step_link_problems(step, registry, file, text)]
        problems += [problem for step in steps for problem in _leftover_emphasis_problems(step, file, text)]
        problems += [
            problem
            for step in steps
            for name in ("step", "card")
            if name in step.value
            for problem in _choice_problems(name, step.value[name], file, text, choices)
        ]
        if isinstance(entry.value, dict) and "card_heading" in entry.value:
            problems += [_paper_problem(step, file) for step in steps if _needs_card_words(step)]
        sources = entries(entry, "sources")
        cited_once = FirstLines(file)
        for source in sources:
            if source.valid and (
                twice := cited_once.again(source.value, source.line, f"source {source.value!r}", "keep one")
            ):
                problems.append(twice)  # "Based on" would name it twice
            link = registry.get(source.value) if source.valid else None
            if source.valid and link is None:
                problems.append(
                    Problem(
                        file, source.line, f"unknown link id {source.value!r}", registry.unknown_id_hint(source.value)
                    )
                )
            elif link is not None and (reason := _not_seen_working(link)):
                problems.append(_unchecked_problem("the steps are based on", source.value, reason, source.line, file))
        cited = {source.value for source in sources if source.valid}
        problems += [
            Problem(
                file,
                line_within(item, text, f"](link:{link_id})", file),
                f"`{name}` links to {link_id!r}, which is not among the list's `sources`",
                f'add `- {link_id}` under the list\'s `sources:`: pages show them as "Based on", so a reader '
                "can see where every step comes from",
            )
            for step in steps
            for name, item in step.value.items()
            for link_id in dict.fromkeys(_registry_ids(str(item.value)))
            if link_id not in cited and registry.get(link_id) is not None
        ]
        if entry.valid:
            parsed = StepList(
                key,
                entry.value["card_heading"].value if "card_heading" in entry.value else "",
                tuple(_step(step) for step in steps),
                tuple(source.value for source in sources),
                entry.line,
            )
            unsafe = {
                problem: None
                for wording in ("step", "card")
                for problem in order_problems([s.words(wording) for s in parsed.steps], crisis=True)
            }
            problems += [
                Problem(
                    file,
                    steps[problem.step - 1].line,  # the step to move
                    f"list `{key}` is not in a safe order: {problem}",
                    f"{REORDER_HINT} (the page and the card wording)",
                )
                for problem in unsafe
            ]
            lists.append(parsed)
    report = []
    for route in entries(root, "report"):
        link = route.value.get("link") if isinstance(route.value, dict) else None
        if isinstance(route.value, dict) and "where" in route.value:
            problems += _choice_problems("where", route.value["where"], file, text, choices)
        entry = registry.get(link.value) if link is not None and link.valid else None
        if link is not None and link.valid and entry is None:
            problems.append(
                Problem(file, link.line, f"unknown link id {link.value!r}", registry.unknown_id_hint(link.value))
            )
        elif entry is not None and (reason := _not_seen_working(entry)):
            # The card prints its address for a reader to type in a crisis.
            problems.append(_unchecked_problem('"Where to report" links to', link.value, reason, link.line, file))
        elif route.valid:
            where = choice_parts(route.value["where"].value if "where" in route.value else "")
            report.append(Route(route.value["what"].value, _all_words(where), link.value if link else "", where))
    contacts = []
    for contact in entries(root, "contacts"):
        field = contact.value.get("field") if isinstance(contact.value, dict) else None
        if field is not None and field.valid and field.value not in field_ids:
            problems.append(
                Problem(
                    file,
                    field.line,
                    f"no protocol builder field {field.value!r}",
                    f"use a field id from data/protocol-template.yml: {', '.join(sorted(field_ids))}",
                )
            )
        elif contact.valid:
            contacts.append(Contact(contact.value["label"].value, field.value))
    if problems:
        return None, sorted(problems, key=lambda p: p.line or 0)
    return FirstHour(root.value["title"].value, tuple(lists), tuple(report), tuple(contacts)), []


def _text(parent: etree.Element, tag: str, text: str, attributes: dict[str, str] | None = None) -> etree.Element:
    element = etree.SubElement(parent, tag, attributes or {})
    element.text = AtomicString(text)
    return element


def _href(target: str, page: str) -> str:
    """A step's link target as an href on the page docs/<page>: a page path (relative to docs/ in
    the data file) made relative to that page, for MkDocs to check and rewrite; others as written."""
    path, hashed, anchor = target.partition("#")
    if not path.endswith(".md"):
        return target
    return posixpath.relpath(path, posixpath.dirname(page) or ".") + hashed + anchor


def render_inline(parent: etree.Element, text: str, links: bool = True, page: str = "index.md") -> None:
    """**bold** as <strong>, [words](target) as a link (or, with links=False or an unsafe target,
    its words alone on paper and the text as written on a page); everything else as text. A link
    that calls a number is a link on paper too: the phone-sized card is read, and tapped, on a phone."""
    last, position = None, 0

    def add(value: str) -> None:
        if last is None:
            parent.text = AtomicString((parent.text or "") + value)
        else:
            last.tail = AtomicString((last.tail or "") + value)

    for match in _INLINE.finditer(text):
        add(text[position : match.start()])
        position = match.end()
        if match["bold"]:
            last = etree.SubElement(parent, "strong")
            render_inline(last, match["bold"], links, page)
        elif not links and not match["target"].startswith(NUMBER_LINK_SCHEMES):
            add(match["text"])
        elif _TARGET.fullmatch(match["target"]):
            last = etree.SubElement(parent, "a", {"href": _href(match["target"], page)})
            last.text = AtomicString(match["text"])
        else:
            add(match.group(0))
    add(text[position:])


def short_address(url: str) -> str:
    """An address as the crisis card prints it, short to fit its lines: no scheme, no www., no
    trailing slash (a printed page gives a link's whole address: registry.Link.address)."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _choice_spans(parent: etree.Element, parts: tuple[Part, ...], words: str) -> list[tuple[etree.Element, str]]:
    """Where each run of a card's words goes, and its words: the parent for words (all of them)
    with no parts for one role; otherwise a span each, those for one role marked for
    protocol-builder.js, which hides them once the office has chosen another (as
    data-sp-only-when does a contact line)."""
    if all(part.only_for is None for part in parts):
        return [(parent, words)]
    spans = []
    for part in parts:
        when = {"data-sp-only-when": part.only_for[0], "data-sp-only-is": part.only_for[1]} if part.only_for else {}
        spans.append((etree.SubElement(parent, "span", when), part.words))
    return spans


def _office_line(card: etree.Element, name: str, constituency: str) -> None:
    """ "For the office of Alex Jones, Exampleton North" under the title of the builder's card, from
    its fields: a card on the wall says whose contacts it holds. protocol-builder.js fills it in and
    shows it once the name is filled in (data-sp-if-filled), the constituency once that is."""
    line = _text(card, "p", "For the office of ", {"class": "sp-first-hour__office", "data-sp-if-filled": name})
    etree.SubElement(line, "span", {"data-sp-field": name})
    after = _text(line, "span", ", ", {"data-sp-if-filled": constituency})
    etree.SubElement(after, "span", {"data-sp-field": constituency})


def card_element(
    first_hour: FirstHour,
    registry: Registry,
    headings: bool = True,
    source: str = "",
    source_link: tuple[str, str] | None = None,
    office: tuple[str, str] | None = None,
) -> etree.Element:
    """The card. headings=False uses paragraphs instead, where the card sits inside another page
    (the builder) and must not add to its headings and contents. source: where it comes from, at
    its foot, followed by source_link (its words, its address) when given. office: for the
    builder's card, its fields for the name and the constituency, for a line that says whose card
    it is; the words for one role are then marked for protocol-builder.js (the printed cards, for
    no one office, have them as words)."""
    card = etree.Element("div", {"class": "sp-first-hour"})
    title_tag, heading_tag = ("h1", "h2") if headings else ("p", "p")
    _text(card, title_tag, first_hour.title, {"class": "sp-first-hour__title"})
    if office:
        _office_line(card, *office)
    emergency = _text(card, "p", "In immediate danger, call ", {"class": "sp-first-hour__emergency"})
    for number, after in (("999", ". Not an emergency, call "), ("101", ".")):
        call = etree.SubElement(emergency, "a", {"href": f"tel:{number}"})
        _text(call, "strong", number)
        call.tail = AtomicString(after)
    for listing in (listing for listing in first_hour.lists if listing.card_heading):
        section = etree.SubElement(card, "div", {"class": "sp-first-hour__section"})
        _text(section, heading_tag, listing.card_heading, {"class": "sp-first-hour__heading"})
        steps = etree.SubElement(section, "ol")
        for step in listing.steps:
            item = etree.SubElement(steps, "li")
            for parent, words in _choice_spans(item, step.card_parts if office else (), step.card):
                render_inline(parent, words, links=False)
    section = etree.SubElement(card, "div", {"class": "sp-first-hour__section"})
    _text(section, heading_tag, "Where to report", {"class": "sp-first-hour__heading"})
    routes = etree.SubElement(section, "ul")
    for route in first_hour.report:
        item = etree.SubElement(routes, "li")
        _text(item, "strong", route.what + ":")
        _report_route(item, route, registry, bool(office))
    section = etree.SubElement(card, "div", {"class": "sp-first-hour__section sp-first-hour__contacts"})
    _text(section, heading_tag, "Who to tell: our contacts", {"class": "sp-first-hour__heading"})
    contacts = etree.SubElement(section, "ul")
    for contact in first_hour.contacts:
        item = etree.SubElement(contacts, "li")
        _text(item, "span", contact.label, {"class": "sp-first-hour__label"})
        # Empty until the builder fills it in: on paper, a line to write on.
        _text(item, "span", "", {"class": "sp-first-hour__line", "data-sp-field": contact.field})
    if source:
        foot = _text(card, "p", source, {"class": "sp-first-hour__source"})
        if source_link is not None:
            words, href = source_link
            _text(foot, "a", words, {"href": href})
    return card


def _report_route(item: etree.Element, route: Route, registry: Registry, for_builder: bool) -> None:
    """Where to report, after the route's bold "what:": its words with each number to call or text
    as a link, then its registry entry's address as a link. The phone-sized card is kept and read
    on a phone (a reader review found "Report Fraud, 0300 123 2040" and report.ncsc.gov.uk on it
    as words that could not be tapped), and the builder's card is on a web page."""
    _append(item, " ")
    for parent, where in _choice_spans(item, route.where_parts if for_builder else (), route.where):
        for words, href in with_number_links(where):
            if href is None:
                _append(parent, words)
            else:
                _text(parent, "a", words, {"href": href})
    link = registry.get(route.link) if route.link else None
    if link is not None:
        _append(item, " " if route.where else "")
        address = _text(item, "a", short_address(link.url or ""))
        mark_external(address, link)


def _append(parent: etree.Element, words: str) -> None:
    """Text at the end of parent: after its last child, or its text when it has none."""
    if len(parent):
        parent[-1].tail = AtomicString((parent[-1].tail or "") + words)
    else:
        parent.text = AtomicString((parent.text or "") + words)


TOOLKIT = "From the Safer Politics online-safety toolkit"


def toolkit_source(site_url: str, edition: str = "") -> str:
    """Where a card comes from, at its foot: the toolkit, its edition when given, and its Get help
    now page, by its address when the site has one ("the toolkit lists each one" says where)."""
    toolkit = f"{TOOLKIT}, edition {edition}" if edition else TOOLKIT
    return f"{toolkit}: {short_address(site_url)}/get-help-now" if site_url else f"{toolkit}, page Get help now"


def card_for_print(
    first_hour: FirstHour, registry: Registry, site_url: str, edition: str
) -> dict[str, str | int | None]:
    """The card as the post-build stage prints it (saferpolitics.post_build.crisis_cards): its
    title (each PDF adds which card it is), what it is about with its edition (the PDFs' subject),
    its HTML with where it comes from and which edition it is at the foot (a card stays on the wall
    for months: the office can tell when it is out of date), the data file it is made from, and the
    lists on it with their lines (for the message when it no longer fits on a page)."""
    toolkit = f"{TOOLKIT}, edition {edition}"
    source = toolkit_source(site_url, edition)
    on_card = [listing for listing in first_hour.lists if listing.card_heading]
    # On the phone-sized card, kept and read on the phone, the address at its foot is a link: the
    # way to the latest steps (a printing review found it was only words). On the A4 card, for
    # paper, only the numbers are links.
    linked = (f"{toolkit}: ", (f"{short_address(site_url)}/get-help-now", site_url.rstrip("/") + "/get-help-now/"))
    return {
        "title": first_hour.title,
        "subject": f"What to do when online abuse starts or an account is hacked: the first steps, where to "
        f"report and who to tell. {toolkit}.",
        "html": etree.tostring(card_element(first_hour, registry, source=source), encoding="unicode"),
        "phone_html": etree.tostring(
            card_element(first_hour, registry, source=linked[0], source_link=linked[1])
            if site_url
            else card_element(first_hour, registry, source=source),
            encoding="unicode",
        ),
        "source": FIRST_HOUR_FILE,
        "line": next((listing.line for listing in on_card), None),
        "lists": ", ".join(f"{listing.key} (line {listing.line})" for listing in on_card),
    }


class FirstStepsBlock(Block):
    """`/// first-steps | abuse`: that list's steps as a numbered list; an unknown list name is left
    as literal text, which the plugin reports with file and line."""

    NAME = "first-steps"
    ARGUMENT = True

    @staticmethod
    def argument_values(config: dict) -> tuple[str, tuple[str, ...]]:
        """What the value after `|` names, and its every value: for the message about a block
        left as text (saferpolitics.markdown_stage.blocksyntax)."""
        return f"list in {FIRST_HOUR_FILE}", tuple(listing.key for listing in config["first_hour"].lists)

    def on_validate(self, parent: etree.Element) -> bool:
        return self.config["first_hour"].steps(self.argument.strip()) is not None

    def on_create(self, parent: etree.Element) -> etree.Element:
        listing = self.config["first_hour"].steps(self.argument.strip())
        extension = self.config["extension"]
        page = extension.page
        extension.shown[listing.key] += 1
        if extension.shown[listing.key] > 1:
            extension.findings.append(
                BlockFinding(
                    header_key(self.NAME, listing.key),
                    f"the list `{listing.key}` is already on this page",
                    "show each list once on a page: check the list this block names (one under the wrong "
                    "heading shows the wrong steps there)",
                    extension.shown[listing.key],
                )
            )
        if OWN_ROUTES.search(_without_links(" ".join(step.markdown for step in listing.steps))):
            extension.naming_routes.append(listing.key)
        # The class places "On this page" after the steps (on_this_page.FIRST_STEPS); the key
        # prints the list once on paper (saferpolitics.post_build.printpage.print_steps_once).
        steps = etree.SubElement(parent, "ol", {"class": STEPS_CLASS, "data-sp-steps": listing.key})
        for step in listing.steps:
            # Links are ordinary elements: MkDocs checks and rewrites them, the registry resolves link:.
            render_inline(etree.SubElement(steps, "li"), step.markdown, page=page)
        if listing.sources:
            # One short paragraph, "Based on: A; B; C.": the sources, not another list to read. On
            # screen only: on paper each step's own links print their addresses, and the PDF has a
            # size budget.
            based_on = _text(parent, "p", "Based on: ", {"class": "sp-based-on sp-web-only"})
            registry = self.config["registry"]
            for number, source in enumerate(listing.sources):
                # Empty words: the registry's treeprocessor writes the entry's title.
                link = etree.SubElement(based_on, "a", {"href": f"link:{source}"})
                # Its publisher after it: "Online crime (Avon and Somerset Police)".
                entry = registry.get(source)
                publisher = f" ({entry.cited_publisher})" if entry and entry.cited_publisher else ""
                # A line break after each ";", not a space: see links.render_card.
                link.tail = AtomicString(publisher + ("." if number == len(listing.sources) - 1 else ";\n"))
        return steps


class StepWordsForTheGlossary(Treeprocessor):
    """A step's words are AtomicString, so that nothing in them becomes markup; `abbr` skips
    AtomicString, so the glossary's tooltips missed "PLaIT" in a step. Once inline patterns and
    attribute lists have run, the steps' words (not their links' words) become plain text for it."""

    def run(self, root: etree.Element) -> None:
        for steps in root.iter("ol"):
            if steps.get("class") != STEPS_CLASS:
                continue
            for element in steps.iter():
                if element is not steps and element.tag != "a" and element.text:
                    element.text = str(element.text)
                if element is not steps and element.tail:
                    element.tail = str(element.tail)


class OfficeContactsBlock(Block):
    """`/// office-contacts` with a sentence inside: the crisis card's contacts as this device
    knows them. The sentence (Markdown: it links to the protocol builder) always shows; the list
    after it stays hidden until office-details.js finds contacts the reader saved in the
    builder, and fills in each as text. Left out of the PDF; a browser printout shows the contacts
    alone (print.css)."""

    NAME = "office-contacts"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        self.config["extension"].contacts_shown = True
        return etree.SubElement(
            parent,
            "div",
            # Not in the PDF, which is the same for every office; a printout from the browser keeps the
            # contacts this device saved and leaves out the sentence about the device (print.css).
            {"class": "sp-office-contacts print-site-plugin-ignore", "data-sp-office-contacts": ""},
        )

    def on_end(self, block: etree.Element) -> None:
        found = etree.SubElement(block, "div", {"class": "sp-office-contacts__found", "hidden": ""})
        _text(found, "p", "Your office's contacts, saved on this device:")
        contacts = etree.SubElement(found, "ul")
        for contact in self.config["first_hour"].contacts:
            item = etree.SubElement(contacts, "li", {"hidden": ""})
            _text(item, "strong", contact.label + ":").tail = AtomicString(" ")
            slot = etree.SubElement(item, "span", {"data-sp-field": contact.field})
            # A contact for one choice only (PLaIT, for an MP's office): not shown once the office
            # has saved another choice, as the builder's form and card leave it out (a number
            # saved before the office chose "candidate" is kept for a switch back).
            if only_for := self.config["only_for"].get(contact.field):
                slot.set("data-sp-only-when", only_for[0])
                slot.set("data-sp-only-is", only_for[1])


# A step's words come from one line of YAML, so its list item is one long line of HTML. A reader
# sees no difference when a space between words is a line break instead, but print-site's regular
# expression over each page reads a line once for each tag left in it: steps on lines of about this
# many characters of text, as Markdown's own paragraphs are written, cost it half the time.
STEP_LINE_CHARACTERS = 80


def break_long_lines(element: etree.Element, width: int = STEP_LINE_CHARACTERS) -> None:
    """Turn the first space after every `width` characters of text in `element` (its words and its
    children's, in reading order) into a line break."""
    column = 0

    def wrapped(text: str) -> str:
        nonlocal column
        words = text.split(" ")
        for index, word in enumerate(words):
            if index and column >= width:
                words[index] = "\n" + word
                column = 0
            column += len(word) + 1
        # Keep the text's kind: AtomicString stays out of Markdown's inline patterns.
        return type(text)(" ".join(words).replace(" \n", "\n"))

    def walk(node: etree.Element) -> None:
        if node.text:
            node.text = wrapped(node.text)
        for child in node:
            walk(child)
            if child.tail:
                child.tail = wrapped(child.tail)

    walk(element)


class ShortStepLines(Treeprocessor):
    """Each step's words on lines of about STEP_LINE_CHARACTERS, for print-site (break_long_lines)."""

    def run(self, root: etree.Element) -> None:
        for steps in root.iter("ol"):
            if steps.get("class") == STEPS_CLASS:
                for step in steps:
                    break_long_lines(step)


class FirstStepsExtension(BlocksExtension):
    """The blocks that show data/first-hour.yml on a page: `first-steps` and `office-contacts`.
    The plugin calls `start_page` before each page: a step's page links are relative to it."""

    def __init__(self, *args, **kwargs):
        self.config = {
            "first_hour": ["", "The validated data/first-hour.yml"],
            "registry": [Registry("data/links.yml", {}), "The validated link registry: who publishes each source"],
            "only_for": [
                {},
                "field id -> (select field, option): contacts for one choice only (the protocol's only_for)",
            ],
        }
        super().__init__(*args, **kwargs)
        self.start_page("index.md")

    def start_page(self, page: str) -> None:
        """Begin a page: `page` is its path relative to docs/. The plugin reads `page_findings()` after it."""
        self.page = page
        self.shown: Counter[str] = Counter()  # how often the page has shown each list so far
        self.findings: list[BlockFinding] = []
        self.naming_routes: list[str] = []  # the lists shown whose steps name the office's own routes
        self.contacts_shown = False

    def page_findings(self) -> list[BlockFinding]:
        """What the blocks noticed on the page, and steps that name Parliament's routes or the
        FEOA on a page without the office's saved contacts: their numbers are not public, so a
        reader who has saved them must find them beside the steps, not a tap away."""
        if not self.naming_routes or self.contacts_shown:
            return self.findings
        missing = BlockFinding(
            header_key(FirstStepsBlock.NAME, self.naming_routes[0]),
            f"the steps `{self.naming_routes[0]}` name PLaIT, the FEOA or the Digital Support Desk, whose "
            "numbers are not public, and the page does not show the office's saved contacts",
            "add `/// office-contacts` with a sentence inside after the steps (CONTRIBUTING.md, Blocks): the "
            "numbers the office saved in the protocol builder then show beside them",
        )
        return [*self.findings, missing]

    def extendMarkdownBlocks(self, md: Markdown, block_mgr) -> None:
        block_mgr.register(
            FirstStepsBlock,
            {"first_hour": self.getConfig("first_hour"), "registry": self.getConfig("registry"), "extension": self},
        )
        block_mgr.register(
            OfficeContactsBlock,
            {"first_hour": self.getConfig("first_hour"), "only_for": self.getConfig("only_for"), "extension": self},
        )
        # After inline patterns (20) and `attr_list` (8), before `abbr` (7).
        md.treeprocessors.register(StepWordsForTheGlossary(md), "sp_step_words_for_the_glossary", 7.5)
        # After `abbr` (7), which finds a term of two words only with the space between them, and
        # after the registry (6), which writes its links' titles and addresses.
        md.treeprocessors.register(ShortStepLines(md), "sp_short_step_lines", 1)
