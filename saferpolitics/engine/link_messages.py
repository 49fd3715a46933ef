"""MkDocs' own warnings about links between pages, in the project's form: file, line and a hint.

MkDocs checks every link to another page and every `#section` link (`validation:` in
mkdocs.yml), but its message names only the page, not the line, and offers no hint for a
misspelt section. `problems_for` turns such a message into a `Problem` for each place the link
is written (in the page, and in the data files a checklist item or a first step came from: once,
though every page showing it has it), saying what was probably meant.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import mkdocs
import mkdocs.structure.pages

from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import locate_all
from saferpolitics.core.suggest import closest, did_you_mean
from saferpolitics.markdown_stage.checklists import CHECKLISTS_FILE
from saferpolitics.markdown_stage.first_hour import FIRST_HOUR_FILE

_PAGE = r"Doc file '(?P<page>[^']+)' contains"
_PATTERNS = {
    "missing-anchor": lazy_compile(
        _PAGE + r" a link '(?P<link>[^']+)', but the doc '(?P<target>[^']+)' does not contain an anchor "
        r"'#(?P<anchor>[^']+)'\."
    ),
    "missing-anchor-here": lazy_compile(
        _PAGE + r" a link '(?P<link>[^']+)', but there is no such anchor on this page\."
    ),
    "missing-page": lazy_compile(
        _PAGE + r" a link '(?P<link>[^']+)', but the target(?: '[^']+')? is not found among documentation "
        r"files\.(?: Did you mean '(?P<suggestion>[^']+)'\?)?"
    ),
    "unrecognized": lazy_compile(
        _PAGE + r" an unrecognized relative link '(?P<link>[^']+)', it was left as is\.(?: Did you mean "
        r"'(?P<suggestion>[^']+)'\?)?"
    ),
    "absolute": lazy_compile(
        _PAGE + r" an absolute link '(?P<link>[^']+)', it was left as is\.(?: Did you mean '(?P<suggestion>[^']+)'\?)?"
    ),
}
SECTION_IDS = "a section's id is the `{#...}` after its heading, or else made from the heading's words"


class LinkWarning(NamedTuple):
    kind: str
    page: str  # the page holding the link, relative to docs/
    link: str  # as written
    target: str | None = None  # the page linked to, relative to docs/, when it exists
    anchor: str | None = None
    suggestion: str | None = None  # MkDocs' own "Did you mean"


def parse_warning(message: str) -> LinkWarning | None:
    """The link warning in one of MkDocs' messages, or None for any other message."""
    for kind, pattern in _PATTERNS.items():
        match = pattern.fullmatch(message.strip())
        if match:
            found = match.groupdict()
            if kind == "missing-anchor-here":
                kind, found["target"], found["anchor"] = (
                    "missing-anchor",
                    found["page"],
                    found["link"].partition("#")[2],
                )
            return LinkWarning(
                kind, found["page"], found["link"], found.get("target"), found.get("anchor"), found.get("suggestion")
            )
    return None


# Where a link is written: a Markdown link or reference, a data file's `link:` field, raw HTML.
_LINK_CONTEXT = r"(?:\]\(\s*<?|\]:\s*|\blink:\s*|href=[\"'])"


def find_links(links: Iterable[str], sources: Iterable[tuple[str, str]]) -> list[tuple[str, int, str]]:
    """(file, line, link as written there) of every place in the sources, in order, that links to
    one of the links, outside code and HTML comments in a page and outside comments (which show
    examples) in a data file: a renamed section is named at every link to it in one build."""
    pattern = re.compile(_LINK_CONTEXT + "(" + "|".join(map(re.escape, links)) + r")(?![\w/.#-])")
    places = (
        (file, line, found[1]) for file, line, text in locate_all(sources, pattern) for found in pattern.finditer(text)
    )
    return list(dict.fromkeys(places))  # a line that has the link twice is one place


def problems_for(
    message: str,
    docs_prefix: str,
    read_sources: Callable[[str], list[tuple[str, str]]],
    anchors_of: Callable[[str], set[str]],
    pages: list[str],
    moved: Mapping[str, str] | None = None,
    files: Callable[[], list[str]] = list,
) -> list[Problem] | None:
    """The Problems for an MkDocs link warning (one for each place the link is written), or None
    when the message is about something else.

    `read_sources(page)` gives (file, text) pairs to search for the link: the page's Markdown
    first, then the data files whose entries render on pages. `anchors_of(page)` gives a page's
    section ids; `pages` lists every page, relative to docs/; `moved` is mkdocs-redirects'
    redirect_maps (old page -> new page), for a link to a page that was renamed. `files()` lists
    every file of the site, relative to docs/, for a link to a picture or a download.
    """
    warning = parse_warning(message)
    if warning is None:
        return None
    page_file = f"{docs_prefix}{warning.page}"
    # The page holds the link as MkDocs reports it, relative to the page; a data file holds it
    # relative to docs/ (a page-relative text in a data file is another, correct link).
    from_docs = posixpath.normpath(posixpath.join(posixpath.dirname(warning.page), warning.link))
    sources = read_sources(warning.page)
    in_page = [source for source in sources if source[0] == page_file]
    in_data = [source for source in sources if source[0] != page_file]
    # Found in a data file, the message names no page: it is the same mistake on every page.
    places = find_links([warning.link], in_page) + find_links([from_docs], in_data) or [(page_file, None, warning.link)]
    return [
        _problem(warning, page_file, file, line, link, anchors_of, pages, moved or {}, files)
        for file, line, link in places
    ]


def _problem(
    warning: LinkWarning,
    page_file: str,
    file: str,
    line: int | None,
    link: str,
    anchors_of: Callable[[str], set[str]],
    pages: list[str],
    moved: Mapping[str, str],
    files: Callable[[], list[str]] = list,
) -> Problem:
    """The Problem of one place (file, line, link as written there) that MkDocs' warning is about."""
    if warning.kind == "missing-anchor":
        where = "this page" if warning.target == warning.page and file == page_file else warning.target
        anchors = sorted(anchors_of(warning.target))
        close = closest(warning.anchor, anchors)
        path = link.partition("#")[0]
        if close:
            guess = f"did you mean '{path}#{close}'? "
        else:
            listed = ", ".join(f"#{anchor}" for anchor in anchors[:10]) + (", ..." if len(anchors) > 10 else "")
            guess = f"{where} has {listed or 'no sections'}. "
        return Problem(
            file,
            line,
            f"link '{link}' goes to a section '#{warning.anchor}' that {where} does not have",
            f"{guess}{SECTION_IDS}.",
        )
    if warning.kind == "missing-page":
        base = "" if file != page_file else posixpath.dirname(warning.page)
        path, _, anchor = link.partition("#")
        gone = posixpath.normpath(posixpath.join(base, path))
        if moved.get(gone, "").endswith(".md"):  # renamed: redirect_maps knows where it went
            new = posixpath.relpath(moved[gone], base or ".") + (f"#{anchor}" if anchor else "")
            return Problem(
                file,
                line,
                f"link '{link}' goes to a page that does not exist",
                f"the page moved to {moved[gone]} (redirect_maps in mkdocs.yml): link to '{new}'.",
            )
        if posixpath.splitext(path)[1].lower() not in ("", ".md"):  # a picture or a download, not a page
            return _missing_file(file, line, link, base, gone, files())
        if file != page_file:  # MkDocs' suggestion is relative to the page, the data file's link to docs/
            suggestion = _closest_page(link, "", pages)
            how = f"in {file}, a link to a page is its Markdown file relative to docs/, e.g. harassment.md#evidence."
        else:
            suggestion = warning.suggestion or _closest_page(link, posixpath.dirname(warning.page), pages)
            how = "link to a page by its Markdown file, relative to this one, e.g. [text](harassment.md)."
        guess = f"did you mean '{suggestion}'? " if suggestion else ""
        return Problem(file, line, f"link '{link}' goes to a page that does not exist", guess + how)
    start = "starts with '/'" if warning.kind == "absolute" else "is not a link to a Markdown file"
    guess = f"did you mean '{warning.suggestion}'? " if warning.suggestion else ""
    return Problem(
        file,
        line,
        f"link '{link}' {start}, so it may break on the site and in the PDF",
        f"{guess}link to a page by its Markdown file, relative to this one, e.g. [text](harassment.md#evidence).",
    )


def _missing_file(file: str, line: int | None, link: str, base: str, gone: str, files: list[str]) -> Problem:
    """A link to a file (a picture, a download) that is not in the site. The likeliest slip is a
    capital: a computer that does not tell X.png from x.png shows the picture in a preview, and
    the website, which does, shows none."""
    same_letters = next((other for other in files if other.lower() == gone.lower()), None)
    relative = [posixpath.relpath(other, base or ".") for other in files]
    if same_letters:
        hint = (
            f"did you mean '{posixpath.relpath(same_letters, base or '.')}'? write the file's name exactly as it is, "
            "capitals included: the website tells them apart even where your computer does not."
        )
    else:
        hint = (
            f"{did_you_mean(posixpath.relpath(gone, base or '.'), relative)}a link to a file is its path relative to "
            "this one, e.g. ![description](assets/images/report.png); check the file is under docs/."
        )
    return Problem(file, line, f"link '{link}' goes to a file that does not exist", hint)


def _closest_page(link: str, base: str, pages: list[str]) -> str | None:
    """The page whose path, relative to the folder `base` (within docs/), is nearest the link's."""
    path, _, anchor = link.partition("#")
    relative = [posixpath.relpath(other, base or ".") for other in pages]
    close = closest(path, relative)
    return (close + (f"#{anchor}" if anchor else "")) if close else None


# The data files whose entries put links on pages, written relative to docs/: checklist items and
# the first steps link to pages and sections. Every build reads them before any page (a missing
# one stops it), so they are here whenever a page's link is reported.
DATA_WITH_PAGE_LINKS = (CHECKLISTS_FILE, FIRST_HOUR_FILE)
# The engine's loggers by the names it logs under: MkDocs' "mkdocs", or ProperDocs' "properdocs"
# (ProperDocs answers `import mkdocs` with itself, and its loggers carry its own name).
ENGINE_LOGGER = logging.getLogger(mkdocs.__name__)
PAGE_LOGGER = logging.getLogger(mkdocs.structure.pages.__name__)


class ProjectLinkMessages(logging.Filter):
    """Re-words MkDocs' warnings about links between pages (MkDocs checks them itself, and strict
    mode fails on them), so every mistake still counts once, with its file, line and a hint."""

    def __init__(self, root: Path, docs_dir: Path, moved: Mapping[str, str] | None = None):
        super().__init__()
        self.root, self.docs_dir, self.moved = root, docs_dir, dict(moved or {})
        self.docs_prefix = docs_dir.relative_to(root).as_posix() + "/" if docs_dir.is_relative_to(root) else ""
        self.files = None  # this build's pages, once MkDocs has them: a page's sections come from them
        self.reported: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or self.files is None:
            return True
        problems = problems_for(
            record.getMessage(),
            self.docs_prefix,
            self.sources,
            self.anchors_of,
            self.pages(),
            self.moved,
            self.site_files,
        )
        if problems is None:
            return True
        # A checklist item or first step shown on several pages is one mistake at one line: say it once.
        new = [str(problem) for problem in problems if str(problem) not in self.reported]
        if not new:
            return False
        self.reported.update(new)
        record.msg, record.args = "\n".join(new), ()
        return True

    def sources(self, page: str) -> list[tuple[str, str]]:
        # A page a plugin generates has no file in docs/.
        page_file = self.docs_dir / page
        shown = [(f"{self.docs_prefix}{page}", page_file.read_text(encoding="utf-8"))] if page_file.is_file() else []
        return shown + [(name, (self.root / name).read_text(encoding="utf-8")) for name in DATA_WITH_PAGE_LINKS]

    def anchors_of(self, page: str) -> set[str]:
        file = self.files.get_file_from_path(page)
        return set(getattr(file.page, "present_anchor_ids", None) or ()) if file and file.page else set()

    def pages(self) -> list[str]:
        return [file.src_uri for file in self.files.documentation_pages()]

    def site_files(self) -> list[str]:
        return [file.src_uri for file in self.files if not file.is_documentation_page()]


def count_every_page_warning(strict: bool) -> None:
    """Keep MkDocs' page checks whatever the command line's log level. Strict mode counts the
    warnings MkDocs' logger lets through, so `-q` (warnings hidden) would let a strict build pass
    with broken links and inline scripts in it; and at `-v` (debug) MkDocs 1.6 skips its check of
    links to sections altogether (mkdocs/structure/pages.py). A strict build shows every warning,
    and the page logger stays above debug so the section check runs."""
    if strict and not ENGINE_LOGGER.isEnabledFor(logging.WARNING):
        ENGINE_LOGGER.setLevel(logging.WARNING)
    if PAGE_LOGGER.getEffectiveLevel() <= logging.DEBUG:
        PAGE_LOGGER.setLevel(logging.INFO)


def install_link_messages(root: Path, docs_dir: Path, moved: Mapping[str, str] | None = None) -> ProjectLinkMessages:
    """This build's filter on MkDocs' page logger, replacing a previous build's (`mkdocs serve`)."""
    for old in [f for f in PAGE_LOGGER.filters if type(f).__name__ == ProjectLinkMessages.__name__]:
        PAGE_LOGGER.removeFilter(old)
    messages = ProjectLinkMessages(root, docs_dir, moved)
    PAGE_LOGGER.addFilter(messages)
    return messages
