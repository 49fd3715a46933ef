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

A page's own mistakes (an unknown `link:` id, a block left as text, a web address written
into the page, a checklist block misused, a link or formatting readers would see wrong) stop the
conversion with every one listed on its line, as the MkDocs plugin reports them, instead of a page
published with them. Without the engine's page events it cannot know which page it converts:
messages say "the page" and the line in its Markdown, and links from checklists are relative to
the top of docs/, unless the `page` option names it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from saferpolitics.core.problems import raise_problems
from saferpolitics.markdown_stage.blocksyntax import block_specs
from saferpolitics.markdown_stage.site_data import DATA_FILES, MarkdownStage, SiteData, load_site_data


@functools.lru_cache(maxsize=4)
def _site_data(root: Path, versions: tuple) -> SiteData:
    """Every data file read and checked once per version of them (an engine may make a new
    Markdown instance for every page)."""
    data, problems = load_site_data(root)
    raise_problems(problems, "Data files")
    return data


def cached_site_data(root: Path) -> SiteData:
    """The data files under root, read again only when one of them has changed."""
    root = root.resolve()
    versions = tuple(
        (path.stat().st_mtime_ns, path.stat().st_size) if path.is_file() else None
        for path in (root / name for name in DATA_FILES)
    )
    return _site_data(root, versions)


class ToolkitExtension(Extension):
    """Cards, `link:` links, the Resources list, checklists, the glossary's tooltips and page, the
    evidence log, the protocol builder and the first steps, from the project's data files."""

    def __init__(self, **kwargs):
        self.config = {
            "root": [".", "The project folder that holds data/"],
            "page": [
                "",
                "The page converted, relative to docs/, for messages and links from checklists (default: "
                "unknown, at the top of docs/)",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        root = Path(self.getConfig("root"))
        stage = MarkdownStage(cached_site_data(root), root.resolve())
        # abbr first, as in mkdocs.yml: the glossary extension then gives it its quicker treeprocessor.
        md.registerExtensions([AbbrExtension(glossary=stage.abbreviations), *stage.extensions], {})
        check = _PageCheck(md, stage, self.getConfig("page"))
        md.preprocessors.register(check.source, "saferpolitics_source", 1000)  # first: the page as written
        md.postprocessors.register(check, "saferpolitics_page_check", 0)  # last: the page as rendered
        md.registerExtension(check)


class _PageCheck(Postprocessor):
    """Each page's mistakes, all at once, from its source and rendered content."""

    def __init__(self, md: Markdown, stage: MarkdownStage, page: str):
        super().__init__(md)
        self.stage, self.page, self.text = stage, page, ""
        self.source = _Source(self)
        self.reset()

    def reset(self) -> None:  # Markdown.reset(): before another page with the same instance
        self.stage.start_page(self.page or "index.md")
        self.stage.links.take_page_results()

    def run(self, html: str) -> str:
        findings, _ = self.stage.links.take_page_results()
        file = f"docs/{self.page}" if self.page else "the page"  # the engine has not said which
        raise_problems(self.stage.page_problems(html, findings, self.text, file, block_specs(self.md)), file)
        return html


class _Source(Preprocessor):
    def __init__(self, check: _PageCheck):
        super().__init__(check.md)
        self.check = check

    def run(self, lines: list[str]) -> list[str]:
        self.check.text = "\n".join(lines)
        return lines


def makeExtension(**kwargs) -> ToolkitExtension:  # Python-Markdown's name for loading a module by its dotted name
    return ToolkitExtension(**kwargs)
