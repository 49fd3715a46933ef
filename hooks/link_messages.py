"""Links between pages: MkDocs' own warnings re-worded with the file, the line and a hint.

MkDocs checks links to pages and to `#sections` itself (`validation:` in mkdocs.yml; strict mode
fails on them). This hook only changes how those warnings read, so every mistake still counts
once; saferpolitics.engine.link_messages does the work.

- on_config: put a logging filter on MkDocs' page logger (replacing the one of a previous build
  under `mkdocs serve`).
- on_files: give the filter this build's pages, so it can list a page's sections (MkDocs checks
  `#section` links after every page is rendered, when each page knows its section ids).
"""

from __future__ import annotations

import logging
from pathlib import Path

from saferpolitics.engine import link_messages

# The data files whose entries put links on pages (checklist items link to pages and sections).
DATA_WITH_PAGE_LINKS = ("data/checklists.yml",)
PAGE_LOGGER = logging.getLogger("mkdocs.structure.pages")


class ProjectLinkMessages(logging.Filter):
    def __init__(self, root: Path, docs_dir: Path):
        super().__init__()
        self.root, self.docs_dir = root, docs_dir
        self.docs_prefix = docs_dir.relative_to(root).as_posix() + "/" if docs_dir.is_relative_to(root) else ""
        self.files = None
        self.reported: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or self.files is None:
            return True
        problem = link_messages.problem_for(record.getMessage(), self.docs_prefix, self.sources, self.anchors_of, self.pages())
        if problem is None:
            return True
        # A checklist item shown on several pages is one mistake at one line: say it once.
        if str(problem) in self.reported:
            return False
        self.reported.add(str(problem))
        record.msg, record.args = str(problem), ()
        return True

    def sources(self, page: str) -> list[tuple[str, str]]:
        candidates = [(self.docs_dir / page, f"{self.docs_prefix}{page}")]
        candidates += [(self.root / name, name) for name in DATA_WITH_PAGE_LINKS]
        return [(shown, path.read_text(encoding="utf-8")) for path, shown in candidates if path.is_file()]

    def anchors_of(self, page: str) -> set[str]:
        file = self.files.get_file_from_path(page)
        return set(getattr(file.page, "present_anchor_ids", None) or ()) if file and file.page else set()

    def pages(self) -> list[str]:
        return [file.src_uri for file in self.files.documentation_pages()]


def _current() -> ProjectLinkMessages | None:
    # Matched by name: MkDocs may load this module more than once, each copy with its own class.
    return next((f for f in PAGE_LOGGER.filters if type(f).__name__ == ProjectLinkMessages.__name__), None)


def on_config(config):
    old = _current()
    if old is not None:
        PAGE_LOGGER.removeFilter(old)
    root = Path(config.config_file_path).resolve().parent
    PAGE_LOGGER.addFilter(ProjectLinkMessages(root, Path(config.docs_dir).resolve()))


def on_files(files, config):
    _current().files = files
    return files
