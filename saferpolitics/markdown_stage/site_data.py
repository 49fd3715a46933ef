"""Every data file, read and checked once per build, and the Markdown extensions made from them.

This is the whole Markdown stage as another engine would use it: `load_site_data(root)` then
`MarkdownStage(data).extensions` for Python-Markdown. Nothing here imports MkDocs.
"""

from __future__ import annotations

import functools
import pickle
from pathlib import Path
from typing import NamedTuple

import yaml

from saferpolitics.core import installed, render_cache
from saferpolitics.core.content_policy import content_findings, located_problems
from saferpolitics.core.datafile import SCHEMA_DIR, load_data_file, read_and_parse, read_data_file, schema_for
from saferpolitics.core.glossary_terms import GLOSSARY_FILE, Term, parse_glossary
from saferpolitics.core.problems import Problem, invisible_character_problems
from saferpolitics.core.search_synonyms import SYNONYMS_FILE, SearchWords, parse_search_words
from saferpolitics.markdown_stage.blocksyntax import leftover_block_problems, scan_content, unclosed_block_problems
from saferpolitics.markdown_stage.checklist_blocks import ChecklistExtension, header_line
from saferpolitics.markdown_stage.checklists import CHECKLISTS_FILE, Checklist, parse_checklists
from saferpolitics.markdown_stage.evidence_log import EVIDENCE_LOG_FILE, EvidenceLogExtension, Field, parse_fields
from saferpolitics.markdown_stage.first_hour import (
    FIRST_HOUR_FILE,
    FirstHour,
    FirstStepsExtension,
    card_element,
    parse_first_hour,
    toolkit_source,
)
from saferpolitics.markdown_stage.formatting import (
    BoxCheckExtension,
    CommentsLeftOutExtension,
    PaperOnlyOutOfSearchExtension,
    TableCheckExtension,
    attribute_list_problems,
    attribute_setting_problems,
    box_problems,
    heading_problems,
    html_link_problems,
    image_description_problems,
    leftover_emphasis_problems,
    leftover_syntax_problems,
    long_row_problems,
    task_list_problems,
    unclosed_comment_problems,
    unclosed_fence_problems,
    unclosed_html_problems,
)
from saferpolitics.markdown_stage.glossary import FirstUseExtension, GlossaryBlockExtension, abbreviations
from saferpolitics.markdown_stage.guided_help import AnswersExtension
from saferpolitics.markdown_stage.links import (
    LinksExtension,
    link_text_problems,
    page_link_problems,
    phone_link_problems,
    scheme_problems,
    unknown_scheme_links,
    unregistered_links,
)
from saferpolitics.markdown_stage.on_this_page import is_long
from saferpolitics.markdown_stage.protocol import (
    PROTOCOL_FILE,
    ProtocolBuilderExtension,
    ProtocolTemplate,
    parse_template,
)
from saferpolitics.markdown_stage.registry import Registry, parse_registry

REGISTRY_FILE = "data/links.yml"


class SiteData(NamedTuple):
    """The validated content of every data file one build reads."""

    registry: Registry
    checklists: list[Checklist]
    glossary: list[Term]
    search_words: SearchWords
    evidence_fields: list[Field]
    protocol: ProtocolTemplate
    first_hour: FirstHour
    # A key of everything this was read from (data_key): a result made from these data and a
    # page alone can be kept in the render cache under it and the page.
    key: str = ""


# Each SiteData field, its file and its parser; the first hour, read last, refers to two of them.
_PARSERS = (
    ("registry", REGISTRY_FILE, functools.partial(parse_registry, file=REGISTRY_FILE)),
    ("checklists", CHECKLISTS_FILE, parse_checklists),
    ("glossary", GLOSSARY_FILE, parse_glossary),
    ("search_words", SYNONYMS_FILE, parse_search_words),
    ("evidence_fields", EVIDENCE_LOG_FILE, parse_fields),
    ("protocol", PROTOCOL_FILE, parse_template),
)
DATA_FILES = (*(name for _, name, _ in _PARSERS), FIRST_HOUR_FILE)


def data_key(root: Path) -> str:
    """A key of everything the site's data are read from: each data file, the schemas, our code
    and the versions of the two libraries that read them."""
    files = []
    for name in DATA_FILES:
        try:
            files.append((root / name).read_bytes())
        except OSError:
            files.append(b"")  # missing or unreadable: reported, never kept
    schemas = [path.read_bytes() for path in sorted(SCHEMA_DIR.glob("*.json"))]
    versions = f"{yaml.__version__} {yaml.__with_libyaml__} {installed.version('jsonschema')}"
    return render_cache.key_for(render_cache.package_source(), versions, *schemas, *DATA_FILES, *files)


def load_site_data(root: Path, cache_dir: Path | None = None) -> tuple[SiteData | None, list[Problem]]:
    """Every data file under root, each read once; every problem in every file, all at once.

    With cache_dir (the render cache), data that read cleanly are kept, and a later build with the
    same data_key reads them back instead (a thirtieth of a second on every build): only clean
    data are kept, so a mistake is reported on every build."""
    key = data_key(root)
    kept = render_cache.reuse(cache_dir, "site-data", key, {"site-data"})
    if kept is not None:
        try:  # written by this code (the key holds it) into the project's own cache folder
            return pickle.loads(kept["site-data"]), []
        except Exception:  # any damage to the file only costs time: read the data again
            pass
    data, problems = _read_site_data(root, key, cache_dir)
    if data is not None:
        render_cache.keep(cache_dir, "site-data", key, {"site-data": pickle.dumps(data)})
    return data, problems


def _read_site_data(root: Path, key: str, cache_dir: Path | None) -> tuple[SiteData | None, list[Problem]]:
    """Every data file read and checked. The first hour's card refers to registry entries and builder
    fields, so it is checked against them only when both read cleanly (otherwise it would repeat
    their problems); its own shape is checked whatever the other files hold. With cache_dir, files
    that passed their schema unchanged are not checked against it again."""
    problems: list[Problem] = []
    parsed, clean = {}, set()
    for field_name, name, parse in _PARSERS:
        parsed[field_name], found = read_and_parse(root, name, parse, cache_dir)
        problems += found
        clean |= set() if found else {field_name}
    text, found = read_data_file(root / FIRST_HOUR_FILE, FIRST_HOUR_FILE)
    problems += found
    if text is not None and {"registry", "protocol"} <= clean:
        parsed["first_hour"], found = parse_first_hour(
            text,
            parsed["registry"],
            {f.id for f in parsed["protocol"].fields},
            cache_dir=cache_dir,
            choices=parsed["protocol"].choices(),
        )
        problems += found
    elif text is not None:  # its links and fields cannot be checked against files with mistakes: its own shape can
        problems += load_data_file(text, FIRST_HOUR_FILE, schema_for("first-hour"), cache_dir=cache_dir)[1]
    return (None if problems else SiteData(**parsed, key=key)), problems


class MarkdownStage:
    """The Markdown extensions of one build, made from its data, and what they noticed.

    Call `start_page` before converting each page: links and checklists are relative to it, and
    `end_build` after the last."""

    def __init__(self, data: SiteData, root: Path | None = None, cache_dir: Path | None = None, site_url: str = ""):
        self.root = root  # where data/ is: code found in a page may come from a data file's text
        # Pages found clean, each under a key of what its checks read: another build skips them.
        self.clean_pages = render_cache.KeptFiles(cache_dir if data.key else None, "clean-pages", data.key)
        # Whether each page's content is long enough for "On this page", under a key of the content.
        self.page_lengths = render_cache.KeptFiles(cache_dir if data.key else None, "page-lengths", data.key)
        self.links = LinksExtension(registry=data.registry)
        self.checklists = ChecklistExtension(data.checklists)
        self.first_steps = FirstStepsExtension(
            first_hour=data.first_hour,
            registry=data.registry,
            only_for={field.id: field.only_for for field in data.protocol.fields if field.only_for},
        )
        self.boxes = BoxCheckExtension()
        self.tables = TableCheckExtension()
        self.answers = AnswersExtension()
        # The builder's card says whose it is, from the protocol's name and constituency fields
        # (a line protocol-builder.js leaves hidden while the name is empty), and, at its foot,
        # where the toolkit is: "Recover the account ...: the toolkit lists each one" said nowhere.
        card = functools.partial(
            card_element,
            data.first_hour,
            data.registry,
            headings=False,
            office=("name", "constituency"),
            source=toolkit_source(site_url),
        )
        self.extensions = [
            self.links,
            self.checklists,
            GlossaryBlockExtension(terms=data.glossary),
            FirstUseExtension(),
            EvidenceLogExtension(fields=data.evidence_fields),
            ProtocolBuilderExtension(template=data.protocol, card=card),
            self.first_steps,
            self.boxes,
            self.tables,
            self.answers,
            CommentsLeftOutExtension(),
            PaperOnlyOutOfSearchExtension(),
        ]
        # For Python-Markdown's `abbr` extension: every page gets <abbr title> for the glossary.
        self.abbreviations = abbreviations(data.glossary)

    def start_page(self, page: str) -> None:
        """Begin a page; `page` is its path relative to docs/."""
        self.checklists.start_page(page)
        self.first_steps.start_page(page)
        self.boxes.start_page()
        self.tables.start_page()
        self.answers.start_page(page)

    def end_build(self) -> None:
        """Forget the clean pages and lengths this build did not convert (a page since changed)."""
        self.clean_pages.forget_unused()
        self.page_lengths.forget_unused()

    def is_long(self, html: str) -> bool:
        """on_this_page.is_long, its answer kept under a key of the content (data.key, the
        folder's, holds the code): measuring a page's text reads all its markup (0.2 ms a long
        page), and an unchanged page is not measured again."""
        key = render_cache.key_for(html)
        for answer, name in ((True, f"{key}-long"), (False, f"{key}-short")):
            if self.page_lengths.has(name):
                return answer
        answer = is_long(html)
        self.page_lengths.put(f"{key}-{'long' if answer else 'short'}", b"")
        return answer

    def page_problems(self, html: str, findings: list, source: str, file: str, specs: dict) -> list[Problem]:
        """Every mistake in the page just converted, each on its line of source, from one scan of
        its rendered content: blocks left as text, addresses not in the registry, links that go
        nowhere or show as Markdown, formatting readers would see wrong (boxes, attribute lists,
        HTML blocks left open), code (the page policy: saferpolitics/core/content_policy.py), and what the
        extensions noticed (findings: from `links.take_page_results()`; the checklists' own).
        specs: block_specs() of the Markdown instance that converted it.

        The problems are a function of these arguments, what the extensions noticed and the data
        (the key of `clean_pages`): a page found clean from the same ones before is not scanned
        again. A page with problems is scanned, and reported, every time."""
        noticed = (findings, self.boxes.boxes, self.tables.long_rows, self._block_findings(), sorted(specs.items()))
        key = render_cache.key_for(file, source, html, repr(noticed))
        if self.clean_pages.has(key):
            return []
        problems = self._scan_problems(html, findings, source, file, specs)
        if not problems:
            self.clean_pages.put(key, b"")
        return problems

    def _block_findings(self) -> list:
        """What the checklist and first-steps blocks noticed on the page, each at its block's header."""
        return [*self.checklists.page_state.findings, *self.first_steps.page_findings()]

    def _scan_problems(self, html: str, findings: list, source: str, file: str, specs: dict) -> list[Problem]:
        content = scan_content(html)
        problems = leftover_block_problems(content, source, file, specs)
        problems += unclosed_block_problems(source, file, html)
        addresses = unregistered_links(content)
        problems += page_link_problems(self.links.registry, findings, addresses, source, file, self.root)
        problems += scheme_problems(self.links.registry, unknown_scheme_links(content), source, file)
        problems += phone_link_problems(content, source, file)
        problems += link_text_problems(content, source, file)
        problems += box_problems(self.boxes.boxes, source, file)
        problems += long_row_problems(self.tables.long_rows, source, file)
        problems += attribute_list_problems(content, source, file)
        problems += leftover_syntax_problems(content, source, file)
        problems += attribute_setting_problems(source, file)
        problems += heading_problems(content, source, file)
        problems += unclosed_html_problems(source, file)
        problems += html_link_problems(source, file)
        problems += unclosed_comment_problems(source, file)
        problems += image_description_problems(source, file)
        problems += invisible_character_problems(source, file)
        problems += task_list_problems(source, file)
        problems += unclosed_fence_problems(source, file)
        problems += leftover_emphasis_problems(content, source, file, self.root)
        problems += located_problems(content_findings(html), (file, source), self.root)
        problems += [
            Problem(file, header_line(source, f.header, file, f.occurrence), f.message, f.hint)
            for f in self._block_findings()
        ]
        return problems
