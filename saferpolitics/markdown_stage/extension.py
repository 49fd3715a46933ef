"""The Markdown stage as one named Python-Markdown extension, for an engine that runs Markdown
extensions but no MkDocs plugins (Zensical), or for `markdown.Markdown` itself:

    markdown_extensions:
      - saferpolitics:          # the entry point in pyproject.toml's markdown.extensions group
          root: .               # the project folder that holds data/ (default: the working folder)

`markdown.Markdown(extensions=["saferpolitics"])` and the module's dotted name
(`saferpolitics.markdown_stage.extension`) load it too. It reads and checks every data file once
per process (again when one changes), stops with every problem at once when one is wrong, and
registers the same extensions the MkDocs plugin adds (site_data.MarkdownStage), with
Python-Markdown's `abbr` carrying the glossary for the tooltips.

What it cannot do without the engine's page events: know which page it converts (links from
checklists are written relative to `page`, default index.md) and report a page's own mistakes
with its file and line (saferpolitics.engine.plugin does that under MkDocs).
"""

from __future__ import annotations

import functools
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension

from saferpolitics.core.problems import raise_problems
from saferpolitics.markdown_stage.site_data import DATA_FILES, MarkdownStage, SiteData, load_site_data


@functools.lru_cache(maxsize=4)
def _site_data(root: Path, versions: tuple) -> SiteData:
    """Every data file read and checked once per version of them (an engine may make a new
    Markdown instance for every page)."""
    data, problems = load_site_data(root)
    raise_problems(problems, "Data files")
    return data


def site_data(root: Path) -> SiteData:
    root = root.resolve()
    versions = tuple((path.stat().st_mtime_ns, path.stat().st_size) if path.is_file() else None
                     for path in (root / name for name in DATA_FILES))
    return _site_data(root, versions)


class ToolkitExtension(Extension):
    """Cards, `link:` links, the Resources list, checklists, the glossary's tooltips and page, the
    evidence log, the protocol builder and the first steps, from the project's data files."""

    def __init__(self, **kwargs):
        self.config = {
            "root": [".", "The project folder that holds data/"],
            "page": ["index.md", "The page converted, relative to docs/: links from checklists are relative to it"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        stage = MarkdownStage(site_data(Path(self.getConfig("root"))))
        stage.start_page(self.getConfig("page"))
        md.registerExtensions([*stage.extensions, AbbrExtension(glossary=stage.abbreviations)], {})


def makeExtension(**kwargs) -> ToolkitExtension:  # Python-Markdown's name for loading a module by its dotted name
    return ToolkitExtension(**kwargs)
