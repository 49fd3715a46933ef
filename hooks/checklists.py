"""Checklists: data/checklists.yml rendered by `/// checklist | <id>` and `/// checklists` blocks.

Thin MkDocs wiring around saferpolitics.markdown_stage.checklists (data) and saferpolitics.markdown_stage.checklist_blocks
(Markdown syntax). The per-build state lives on the extension created in on_config, never in
this module, because MkDocs may load this file more than once.

- on_config: read and validate the data file (a broken file stops the build, listing every
  problem), then add the Markdown extension with the checklists.
- on_files: check item links against the pages and the link registry, with the data file's line.
- on_page_markdown: tell the extension which page it is about to render (relative links, errors).
- on_page_content: report the page's block mistakes with its file and line (strict fails).
- on_env: runs once every page is rendered; report checklists that no page places.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from saferpolitics.markdown_stage.checklist_blocks import ChecklistExtension, header_line
from saferpolitics.markdown_stage.checklists import CHECKLISTS_FILE, check_links, parse_checklists
from saferpolitics.core.problems import Problem, display_path, raise_problems, warn_problems
from saferpolitics.markdown_stage.registry import load_registry

REGISTRY_FILE = "data/links.yml"

log = get_plugin_logger(__name__)


def _extension(config) -> ChecklistExtension:
    return next(ext for ext in config.markdown_extensions if isinstance(ext, ChecklistExtension))


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def on_config(config):
    path = _root(config) / CHECKLISTS_FILE
    if not path.is_file():
        raise_problems([Problem(CHECKLISTS_FILE, None, "file not found", "restore it from git")], "Checklists")
    checklists, problems = parse_checklists(path.read_text(encoding="utf-8"))
    raise_problems(problems, f"Checklists ({CHECKLISTS_FILE})")
    config.markdown_extensions.append(ChecklistExtension(checklists))
    return config


def on_files(files, config):
    extension = _extension(config)
    # The registry's own problems are reported by hooks/link_registry.py; here only its ids matter.
    registry, _ = load_registry(_root(config) / REGISTRY_FILE, _root(config))
    doc_pages = {file.src_uri for file in files.documentation_pages()}
    problems = check_links(list(extension.checklists.values()), set(registry.links), doc_pages)
    raise_problems(problems, f"Checklist links ({CHECKLISTS_FILE})")
    return files


def on_page_markdown(markdown, page, config, files):
    _extension(config).start_page(page.file.src_uri)
    return markdown


def on_page_content(html, page, config, files):
    findings = _extension(config).page_state.findings
    if findings:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        file = display_path(page.file.abs_src_path, _root(config))
        warn_problems(
            [Problem(file, header_line(source, f.header, f.occurrence), f.message, f.hint) for f in findings], log
        )
    return html


def on_env(env, config, files):
    extension = _extension(config)
    warn_problems(
        [
            Problem(
                CHECKLISTS_FILE,
                checklist.line,
                f"checklist `{checklist.id}` is not placed on any page",
                f"add `/// checklist | {checklist.id}` and a line `///` to the page where it belongs, "
                "or delete the checklist",
            )
            for checklist in extension.checklists.values()
            if checklist.id not in extension.placements
        ],
        log,
    )
    return env
