"""Link registry hook: every external address comes from data/links.yml, and mistakes fail the build.

Events, in build order:
- on_config: load and validate the registry once (every problem in one error) and add the
  Markdown extension (inline `link:` links, cards, the Resources directory) with it.
- on_page_markdown: tell the extension which page it renders (card ids carry the page).
- on_page_content: per page, report unknown ids, misused cards and external addresses written
  directly in the page (hooks/block_syntax.py reports `///` blocks Markdown could not read).
  Read-only, so default priority is fine (the links themselves are rewritten at the Markdown
  stage, which the print page also sees).
- on_post_build: report registry entries no page uses.
The logic lives in saferpolitics.markdown_stage.registry and saferpolitics.markdown_stage.links.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from saferpolitics.markdown_stage.links import LinksExtension, unregistered_links
from saferpolitics.core.problems import Problem, display_path, line_of, raise_problems, warn_problems
from saferpolitics.markdown_stage.registry import load_registry

REGISTRY_PATH = "data/links.yml"

log = get_plugin_logger(__name__)


class _Build:
    """State of one build: reset in on_config, never shared between builds."""

    def __init__(self, root: Path, extension: LinksExtension):
        self.root = root
        self.extension = extension
        self.registry = extension.registry
        self.used: set[str] = set()
        self.ids_by_address = {link.href: link.id for link in self.registry}


_build: _Build | None = None


def on_config(config):
    global _build
    root = Path(config.config_file_path).resolve().parent
    registry, problems = load_registry(root / REGISTRY_PATH, root)
    raise_problems(problems, f"Link registry {REGISTRY_PATH}")
    extension = LinksExtension(registry=registry)
    config.markdown_extensions.append(extension)
    _build = _Build(root, extension)
    return config


def _line_of_id(source: str, link_id: str) -> int | None:
    pattern = re.compile(rf"link:{re.escape(link_id)}(?![\w-])|^\s*/{{3,}}\s*card\s*\|\s*{re.escape(link_id)}\s*$")
    for number, text in enumerate(source.splitlines(), start=1):
        if pattern.search(text):
            return number
    return None


def page_problems(html: str, source: str, file: str) -> list[Problem]:
    findings, used = _build.extension.take_page_results()
    _build.used |= used
    registry = _build.registry
    problems = []
    for finding in findings:
        line = _line_of_id(source, finding.link_id)
        if finding.kind == "unknown-id":
            problems.append(Problem(file, line, f"unknown link id '{finding.link_id}'", registry.unknown_id_hint(finding.link_id)))
        else:
            problems.append(Problem(file, line, f"the card for '{finding.link_id}' has content, or its closing `///` is missing",
                                    "a card is two lines: `/// card | <id>` then `///` on the next line."))
    for address in unregistered_links(html):
        known = _build.ids_by_address.get(address)
        hint = (f"this is registry entry '{known}': write [link text](link:{known}) or a card instead." if known else
                f"add it to {REGISTRY_PATH}, then write [link text](link:<id>) or a card. Examples of code go in backticks.")
        problems.append(Problem(file, line_of(source, address), f"external address '{address}' is written directly in the page", hint))
    return problems


def on_page_markdown(markdown, page, config, files):
    _build.extension.start_page(page.file.src_uri)
    return markdown


def on_page_content(html, page, config, files):
    # Generated pages (such as the print page) have no source of their own: their parts are checked.
    if not page.file.abs_src_path or not Path(page.file.abs_src_path).is_file():
        return html
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    warn_problems(page_problems(html, source, display_path(page.file.abs_src_path, _build.root)), log)
    return html


def on_post_build(config):
    unused = [link for link in _build.registry if link.id not in _build.used]
    warn_problems([
        Problem(_build.registry.file, link.line, f"entry '{link.id}' is not used by any page",
                f"link to it from a page with [link text](link:{link.id}) or `/// card | {link.id}`, or delete the entry.")
        for link in unused
    ], log)
