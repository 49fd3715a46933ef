"""Block syntax: a `///` block that Markdown could not read fails the build with file and line.

pymdownx Blocks leave a block they reject (a misspelt name, a missing value, an unknown option)
as plain `///` text, and a strict build would still pass. This hook covers every block on the
site (cards, checklists, the Resources list, admonitions...) in one place, so each mistake is
reported once.

- on_pre_build: read the names, values and options of every registered block. By now every hook
  has added its Markdown extensions in on_config.
- on_page_content: report each `///` line left as text in the page, outside code. Read-only, so
  default priority is fine.
The logic lives in saferpolitics.markdown_stage.blocksyntax.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from mkdocs.plugins import get_plugin_logger

from saferpolitics.markdown_stage.blocksyntax import block_specs, leftover_block_problems
from saferpolitics.core.problems import display_path, warn_problems

log = get_plugin_logger(__name__)

# Set afresh by on_pre_build on every build (MkDocs may load this module more than once).
_specs: dict = {}


def on_pre_build(config):
    _specs.clear()
    _specs.update(block_specs(markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)))


def on_page_content(html, page, config, files):
    # Generated pages (such as the print page) have no source of their own: their parts are checked.
    if not page.file.abs_src_path or not Path(page.file.abs_src_path).is_file():
        return html
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    root = Path(config.config_file_path).parent
    warn_problems(leftover_block_problems(html, source, display_path(page.file.abs_src_path, root), _specs), log)
    return html
