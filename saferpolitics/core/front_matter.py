"""A page's front matter: the YAML between a first line `---` and the next `---` (or `...`) line,
where MkDocs reads a page's settings (mkdocs.utils.meta). Read here for our own messages about
those settings, with YAML's line numbers made the page's, so each message names the page's line."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml

from saferpolitics.core.content_policy import UNESCAPED_HINT, unescaped_text_mistake
from saferpolitics.core.datafile import (
    compose,
    key_lines,
    located_settings,
    shortened_value_problems,
    swallowed_field_problems,
)
from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import split_front_matter
from saferpolitics.core.suggest import did_you_mean

_YAML_TAGS = "tag:yaml.org,2002:"  # YAML's own tags, as written `!!name`
FRONT_MATTER_HINT = "each line between the two '---' lines is 'name: value'; check quotes and colons"
# What a page's front matter may set: MkDocs' and Material's settings that work on this site, and
# ours. MkDocs keeps any other name and nothing reads it, so a misspelt one does nothing.
SETTINGS = (
    "title",  # MkDocs: the page's title in the navigation and the browser's tab
    "description",  # Material: the page's description for search engines and link previews
    "reviewed",  # ours: when the page was last checked against its sources (markdown_stage/review_dates)
    "pdf",  # ours: `pdf: false` keeps the page out of the PDF (engine/plugin.py)
    "hide",  # Material: parts of the page to hide (navigation, toc, footer, path)
    "search",  # Material: `search: {exclude: true}`, `search: {boost: 2}`
    "template",  # MkDocs: another template from overrides/
    "icon",  # Material: the page's icon in the navigation
    "subtitle",  # Material: a line under the page's title in the navigation
)


# Settings Material reads that this site keeps to one place instead, and where.
SITE_WIDE = {
    "author": "every page's author is `site_author` in mkdocs.yml",
    "status": "this site marks no page as new or deprecated (Material shows a status only with extra.status)",
}

# Material's parts of a page that `hide:` can hide.
HIDDEN_PARTS = ("navigation", "toc", "footer", "path", "tags", "feedback")


def compose_front_matter(front_matter: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The front matter's YAML node tree (None when it is empty), or its syntax error on the page's line.
    The tree is read, never changed, by each check of the page."""
    node, problems = _composed(front_matter, file)
    return node, list(problems)


# The page being checked: its settings' names and its review date are each checked from its front
# matter, one after the other (on_page_markdown), and YAML is the costly part. By the text and the
# file's name alone, all that the answer depends on.
@functools.lru_cache(maxsize=1)
def _composed(front_matter: str, file: str) -> tuple[yaml.Node | None, tuple[Problem, ...]]:
    node, problems = compose(front_matter, file, "the front matter", FRONT_MATTER_HINT)
    return node, tuple(problems)


def setting_lines(text: str, file: str) -> dict[str, int]:
    """Each front matter setting's line in the page ("" -> the first one); {} when there is none
    or it cannot be read (the review date check reports that)."""
    front_matter, _ = split_front_matter(text)
    node, problems = compose_front_matter(front_matter, file) if front_matter is not None else (None, [])
    if problems or not isinstance(node, yaml.MappingNode):
        return {}
    return key_lines(located_settings(node, file)[0])


def setting_as_written(text: str, file: str, name: str, value: object) -> tuple[int | None, str]:
    """A setting's line and that line as the page writes it (`pdf: "false"`, not Python's
    `pdf: false`), for a message about its value; `name: value` when the line cannot be found."""
    line = setting_lines(text, file).get(name)
    return line, text.splitlines()[line - 1].strip() if line else f"{name}: {value}"


def unknown_setting_problems(text: str, file: str) -> list[Problem]:
    """A problem on its line for each name in the page's front matter that is not a setting: MkDocs
    would keep it silently (`pfd: false` leaves the page in the PDF); and for each setting
    indented into a text above it (`pdf: false` under `description: >-` is words of the
    description). [] when the front matter cannot be read (the review date check reports that)."""
    front_matter, _ = split_front_matter(text)
    node, problems = compose_front_matter(front_matter, file) if front_matter is not None else (None, [])
    if problems or node is None:
        return []
    if untagged := unreadable_tag_problems(node, file):
        return untagged  # MkDocs reads none of the front matter: its names are not the point
    if not isinstance(node, yaml.MappingNode):
        return []
    found = swallowed_field_problems(node, front_matter, file, frozenset(SETTINGS))
    found += shortened_value_problems(node, front_matter, file)
    return found + [
        Problem(
            file,
            key.start_mark.line + 1,
            f"'{key.value}' is not a setting of a page here: {SITE_WIDE[key.value]}"
            if key.value in SITE_WIDE
            else f"'{key.value}' is not a setting of a page, so nothing reads it",
            f"{did_you_mean(key.value, SETTINGS)}a page's front matter may set {', '.join(SETTINGS)}",
        )
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode) and key.value not in SETTINGS
    ]


def unreadable_tag_problems(node: yaml.Node, file: str) -> list[Problem]:
    """A problem on its line for each YAML tag (`!secret`, `!!python/object`) MkDocs' safe loader
    cannot read. MkDocs then reads no front matter at all, and readers see it as the page's first
    lines of text, with no warning."""
    readable = yaml.SafeLoader.yaml_constructors
    problems = []

    def walk(item: yaml.Node) -> None:
        if item.tag not in readable:
            written = item.tag.replace(_YAML_TAGS, "!!", 1) if item.tag.startswith(_YAML_TAGS) else item.tag
            problems.append(
                Problem(
                    file,
                    item.start_mark.line + 1,
                    f"'{written}' is a YAML tag MkDocs cannot read: it would show the whole front matter as text "
                    "at the top of the page",
                    "remove the tag (the word starting with '!'); quote the value if it starts with '!'",
                )
            )
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                walk(key)
                walk(value)
        elif isinstance(item, yaml.SequenceNode):
            for value in item.value:
                walk(value)

    walk(node)
    return problems


def setting_value_problems(
    meta: Mapping, source: str, file: str, theme_has: Callable[[str], bool]
) -> dict[str, Problem]:
    """A problem for each setting whose value MkDocs or Material cannot use, by setting name. A
    template or icon the theme does not have, or a search setting that is not a mapping, stops
    the build with a traceback; a title that is not text shows as Python's "['a', 'b']".
    theme_has(path): whether a theme folder has that file. The caller drops these settings, so
    the build goes on and reports every mistake at once."""
    problems = {}

    def problem(name: str, message: str, hint: str) -> None:
        line, written = setting_as_written(source, file, name, meta[name])  # read only for a mistake
        problems[name] = Problem(file, line, f"'{written}' {message}", hint)

    for name in ("title", "description", "subtitle"):
        if name in meta and not isinstance(meta[name], str):
            problem(name, "is not text", f'write it as `{name}: "Words"` on one line, or remove the line')
        elif name in meta and (mistake := unescaped_text_mistake(meta[name])):
            problem(name, mistake, UNESCAPED_HINT)
    hide = meta.get("hide")
    if "hide" in meta and not (isinstance(hide, list) and set(map(str, hide)) <= set(HIDDEN_PARTS)):
        problem("hide", "is not a list of parts to hide", f"write `hide: [toc]` with any of {', '.join(HIDDEN_PARTS)}")
    template = meta.get("template")
    # A name inside a theme folder: "../mkdocs.yml" is a file, but the theme cannot load it.
    inside = isinstance(template, str) and ".." not in Path(template).parts and not Path(template).is_absolute()
    if "template" in meta and not (inside and theme_has(template)):
        problem(
            "template",
            "names no template in overrides/ or the theme",
            "use a template file in overrides/ (e.g. `template: main.html`), or remove the line",
        )
    if "icon" in meta and not (isinstance(meta["icon"], str) and theme_has(f".icons/{meta['icon']}.svg")):
        problem(
            "icon",
            "names no icon the theme has",
            "use one of Material's icon names (e.g. `icon: material/shield-account-variant`), or remove the line",
        )
    search = meta.get("search")
    if "search" in meta and not (
        isinstance(search, dict)
        and set(search) <= {"exclude", "boost"}
        and isinstance(search.get("exclude", False), bool)
        and isinstance(search.get("boost", 1), int | float)
        and not isinstance(search.get("boost", 1), bool)
    ):
        problem(
            "search",
            "is not a search setting",
            "write `search: {exclude: true}` to keep the page out of search, or `search: {boost: 2}` to rank it higher",
        )
    return problems
