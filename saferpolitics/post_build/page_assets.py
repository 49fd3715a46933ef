"""Each page loads only the feature stylesheets and scripts it uses.

Material alone is most of the 70 KB first-view budget, so a feature's files (cards, checklists,
tools, the print-site plugin's own files) are dropped from pages whose HTML shows no sign of
that feature. Which marker means "this page uses it" is configured in mkdocs.yml
(`extra.page_assets`), beside `extra_css` and `extra_javascript`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import rjsmin
import tinycss2

from saferpolitics.core.problems import Problem


def asset_problems(page_assets: object, listed: Sequence[str], config_file: str) -> list[Problem]:
    """Check extra.page_assets: a mapping of listed asset paths to lists of marker strings."""
    if not isinstance(page_assets, Mapping):
        return [Problem(config_file, None, "extra.page_assets must be a mapping of asset path to markers",
                        "e.g. assets/css/cards.css: [sp-card]")]
    problems = []
    for asset, markers in page_assets.items():
        if asset not in listed:
            problems.append(Problem(config_file, None, f"extra.page_assets names {asset!r}, which is not in extra_css, extra_javascript or a plugin's files",
                                    "list the file under extra_css or extra_javascript, or remove it from extra.page_assets"))
        if not (isinstance(markers, list) and markers and all(isinstance(m, str) and m for m in markers)):
            problems.append(Problem(config_file, None, f"extra.page_assets: {asset!r} needs a list of marker strings",
                                    "a marker is text that appears in the HTML of every page that needs the file, e.g. a class name"))
    return problems


def on_demand_problems(scripts: object, docs_dir: Path, config_file: str) -> list[Problem]:
    """Check extra.load_on_demand: a list of scripts, relative to docs/, that exist."""
    if not isinstance(scripts, list):
        return [Problem(config_file, None, "extra.load_on_demand must be a list of script paths", "e.g. - assets/js/evidence-log-extras.js")]
    return [
        Problem(config_file, None, f"extra.load_on_demand names {script!r}, which is not a file in docs/", "check the path, relative to docs/")
        for script in scripts
        if not (isinstance(script, str) and (docs_dir / script).is_file())
    ]


def unused_assets(html: str, page_assets: Mapping[str, list[str]]) -> list[str]:
    """Asset paths none of whose markers appear in the page's HTML."""
    return [asset for asset, markers in page_assets.items() if not any(m in html for m in markers)]


def without_assets(html: str, assets: Sequence[str]) -> str:
    """Remove the <link rel=stylesheet> and <script src> tags that load the given assets."""
    for asset in assets:
        # Hrefs are page-relative ("../assets/x.css") or root-relative; match on the path's end,
        # and allow Material's cache-busting "?v=..." query.
        path = re.escape(asset)
        html = re.sub(rf'<link\b[^>]*\bhref="[^"]*(?<![\w-]){path}(?:\?[^"]*)?"[^>]*>\s*', "", html)
        html = re.sub(rf'<script\b[^>]*\bsrc="[^"]*(?<![\w-]){path}(?:\?[^"]*)?"[^>]*>\s*</script>\s*', "", html)
    return html


_CSS_STRING_OR_COMMENT = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|/\*.*?\*/""", re.S)


def minify_css(css: str) -> str:
    """Drop comments and needless whitespace; strings are kept exactly.

    Our stylesheets are commented for maintainers; readers need not download the comments.
    """
    parts = []
    position = 0
    for match in _CSS_STRING_OR_COMMENT.finditer(css):
        parts.append(_squeeze(css[position : match.start()]))
        parts.append(match.group(1) or "")  # a string stays; a comment goes
        position = match.end()
    parts.append(_squeeze(css[position:]))
    return "".join(parts).strip()


def _squeeze(code: str) -> str:
    code = re.sub(r"\s+", " ", code)
    code = re.sub(r"\s*([{};,>])\s*", r"\1", code)
    # A space before ":" can matter in a selector (".a :focus"); after it, it never does.
    return re.sub(r":\s+", ":", code)


def minify_js(script: str) -> str:
    """Drop comments and needless whitespace from a script (rjsmin keeps its meaning)."""
    return rjsmin.jsmin(script).strip()


_PALETTE_COLOUR = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")


def trim_palette(css: str, colours: set[str]) -> str:
    """Material's palette stylesheet without the rules for colours this site never uses.

    It ships every primary and accent colour (about 2 KB gzip on every page); a rule whose
    selectors all name another colour can never match here.
    """
    return _trim_rules(tinycss2.parse_stylesheet(css), lambda selector: set(_PALETTE_COLOUR.findall(selector)) <= colours)


_CLASS_ATTRIBUTE = re.compile(r"""\bclass=(?:\\?"([^"\\]*)|'([^']*))""")
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_WORD = re.compile(r"[\w-]+")
_DIRECTION = re.compile(r"""\bdir=["']?(\w+)""")
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_SELECTOR_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_SELECTOR_ARGUMENTS = re.compile(r"\((?:[^()]|\([^()]*\))*\)")  # one level of nesting is all CSS uses here
_SELECTOR_DIRECTION = re.compile(r"\[dir=[\"']?(\w+)")
_VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")
_PROPERTY_DEFINITION = re.compile(r"[{;]\s*(--[\w-]+)\s*:")


@dataclass(frozen=True)
class SiteVocabulary:
    """Every class name and text direction the built site can put on a page.

    A class counts if a page's HTML (the search index included) carries it, or if a script names
    it: scripts add classes at run time, so any word in a script counts, and a word ending in
    "-" or "_" ("md-color-") counts as the start of class names built from it.
    """

    classes: frozenset[str]
    class_prefixes: tuple[str, ...]
    directions: frozenset[str]
    #: custom properties (`--name`) that a page or a script reads or sets
    properties: frozenset[str]

    def can_match(self, selector: str) -> bool:
        """False when the selector needs a class or a text direction no page can have."""
        if not set(_SELECTOR_DIRECTION.findall(selector)) <= self.directions:
            return False
        # Only classes an element must have count: not those in attribute values ([href$=".pdf"])
        # nor in :not(...), :is(...) and the like, where an absent class may still match.
        required = _SELECTOR_ARGUMENTS.sub("", _SELECTOR_ATTRIBUTE.sub("[]", selector))
        return all(name in self.classes or name.startswith(self.class_prefixes) for name in _SELECTOR_CLASS.findall(required))


def site_vocabulary(pages: Iterable[str], scripts: Iterable[str]) -> SiteVocabulary:
    """Read the vocabulary from the built pages' HTML (and search index) and scripts."""
    classes, directions, words, properties = set(), set(), set(), set()
    for html in pages:
        for double_quoted, single_quoted in _CLASS_ATTRIBUTE.findall(html):
            classes.update((double_quoted or single_quoted).split())
        directions.update(_DIRECTION.findall(html))
        properties.update(_VARIABLE_USE.findall(html))
        for inline in _INLINE_SCRIPT.findall(html):
            words.update(_WORD.findall(inline))
    for script in scripts:
        words.update(_WORD.findall(script))
    prefixes = tuple(sorted(word for word in words if len(word) > 3 and word.endswith(("-", "_"))))
    properties.update(word for word in words if word.startswith("--"))
    return SiteVocabulary(frozenset(classes | words), prefixes, frozenset(directions), frozenset(properties))


def purge_unused(css: str, vocabulary: SiteVocabulary, other_css: Iterable[str] = ()) -> str:
    """A stylesheet without the rules no page can match and the custom properties nothing reads.

    Material's main stylesheet styles every component it offers (content tabs, blog posts,
    cookie consent, right-to-left text...): about a third of it, some 7 KB gzip on every page,
    can never apply to this site. A selector is dropped only when it names a class that no page
    and no script uses, or a text direction no page has; a custom property (`--name`) is dropped
    only when no stylesheet reads it with var() and no script names it.
    """
    purged = _trim_rules(tinycss2.parse_stylesheet(css), vocabulary.can_match)
    other = "".join(other_css)
    while True:
        read = set(_VARIABLE_USE.findall(purged + other)) | vocabulary.properties
        # Dropping a property can leave another unread (one defined from it), hence the loop;
        # it stops without another parse once every defined property is read.
        if set(_PROPERTY_DEFINITION.findall(purged)) <= read:
            return purged
        purged = _trim_rules(tinycss2.parse_stylesheet(purged), lambda _: True, lambda name: not name.startswith("--") or name in read)


def _trim_rules(rules, keep_selector: Callable[[str], bool], keep_property: Callable[[str], bool] | None = None) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _selectors(tinycss2.serialize(rule.prelude)) if keep_selector(s)]
            body = tinycss2.serialize(rule.content) if keep_property is None else _kept_declarations(rule.content, keep_property)
            if kept and body:
                out.append(",".join(kept) + "{" + body + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _trim_rules(tinycss2.parse_rule_list(rule.content), keep_selector, keep_property)
            if inner:
                out.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + inner + "}")
        elif rule.type not in ("whitespace", "comment"):
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def _kept_declarations(content, keep_property: Callable[[str], bool]) -> str:
    declarations = tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True)
    # Each serialised declaration ends in ";"; the last one in a block needs none.
    return "".join(tinycss2.serialize([d]) for d in declarations if d.type != "declaration" or keep_property(d.name)).rstrip(";")


def _selectors(prelude: str) -> list[str]:
    """Split a selector list on its top-level commas (not those inside :is(...) and the like)."""
    selectors, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            selectors.append(prelude[start:index].strip())
            start = index + 1
    selectors.append(prelude[start:].strip())
    return selectors
