"""Each page loads only the feature stylesheets and scripts it uses.

Material alone is most of the 70 KB first-view budget, so a feature's files (cards, checklists,
tools, the print-site plugin's own files) are dropped from pages whose HTML shows no sign of
that feature. Which marker means "this page uses it" is a setting of our plugin in mkdocs.yml
(`page_assets`, under `- saferpolitics:`); the files themselves are listed in `extra_css` and
`extra_javascript`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import rjsmin

from saferpolitics.core.html_tokens import TOKEN
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem
from saferpolitics.core.site_settings import listed_file_problems
from saferpolitics.core.suggest import did_you_mean


def asset_problems(
    page_assets: Mapping[str, list[str]], listed: Sequence[str], config_file: str, lines: Mapping[str, int]
) -> list[Problem]:
    """What is wrong with the plugin's page_assets (asset path -> markers) beyond its types: an
    asset no extra_css or extra_javascript lists, a marker list that is empty or holds empty text.
    lines: each asset's line in the file, and "" the line of page_assets."""
    problems = []
    for asset, markers in page_assets.items():
        if asset not in listed:
            problems.append(
                Problem(
                    config_file,
                    lines.get(asset, lines.get("")),
                    f"page_assets names {asset!r}, which is not in extra_css, extra_javascript or a plugin's files",
                    f"{did_you_mean(asset, listed)}list the file under extra_css or extra_javascript, "
                    "or remove it from page_assets",
                )
            )
        if not markers or not all(markers):
            problems.append(
                Problem(
                    config_file,
                    lines.get(asset, lines.get("")),
                    f"page_assets: {asset!r} needs a list of markers, none of them empty",
                    "a marker is text that appears in the HTML of every page that needs the file, e.g. a class name",
                )
            )
    return problems


def on_demand_problems(
    scripts: Sequence[str], docs_dir: Path, config_file: str, lines: Mapping[str, int]
) -> list[Problem]:
    """The plugin's load_on_demand scripts that are not files in docs/. lines: each script's line
    in the file, and "" the line of load_on_demand."""
    entries = [(script, lines.get(script, lines.get(""))) for script in scripts]
    return listed_file_problems("load_on_demand", entries, docs_dir, config_file)


def loaded_on_no_page(pages: Iterable[bytes], page_assets: Mapping[str, list[str]]) -> list[str]:
    """The feature files none of whose markers is in any built page: they load nowhere, so the
    pages that use the feature go without them (a maintainer review: a misspelt marker left the
    checklist stylesheet off every page, and the build passed)."""
    # Largest first: the print page holds every page's content, so most markers are found at
    # once, without reading every other page (3 ms a build).
    pages = sorted(pages, key=len, reverse=True)
    # Each marker looked for once, though a feature's CSS and JS share theirs (as unused_assets does).
    markers = {marker for listed in page_assets.values() for marker in listed}
    present = {marker for marker in markers if any(marker.encode() in page for page in pages)}
    return [asset for asset, listed in page_assets.items() if listed and present.isdisjoint(listed)]


def no_page_problems(
    assets: Iterable[str], page_assets: Mapping[str, list[str]], config_file: str, lines: Mapping[str, int]
) -> list[Problem]:
    """A Problem for each of `loaded_on_no_page`'s assets, on its line of the config file (lines:
    each asset's line, and "" the line of page_assets, as asset_problems has them)."""
    return [
        Problem(
            config_file,
            lines.get(asset, lines.get("")),
            f"page_assets: no page has a marker of {asset!r} ({', '.join(page_assets[asset])}), so it loads on no page",
            "a marker is text in the HTML of every page that needs the file, such as a class name its blocks "
            "write: check its spelling against a page that uses the feature (its HTML in site/), or remove "
            "the entry, and the file, if no page uses the feature any more",
        )
        for asset in assets
    ]


def unused_assets(html: str, page_assets: Mapping[str, list[str]]) -> list[str]:
    """Asset paths none of whose markers appear in the page's HTML. Each marker is looked for
    once, though several assets share one (a CSS and a JS file per feature)."""
    present = {marker for marker in {m for markers in page_assets.values() for m in markers} if marker in html}
    return [asset for asset, markers in page_assets.items() if present.isdisjoint(markers)]


# A tag that loads a stylesheet or a script file, with the space after it; the address is in group 1.
_LOADING_TAG = lazy_compile(
    r"""(?:<link\b[^>]*?\bhref="([^"]*)"[^>]*>|<script\b[^>]*?\bsrc="([^"]*)"[^>]*>\s*</script>)\s*"""
)


def without_assets(html: str, assets: Sequence[str]) -> str:
    """Remove the <link rel=stylesheet> and <script src> tags that load the given assets."""
    if not assets:
        return html

    # One pass over the page for all of them: a page has a dozen such tags and 60 KB of text.
    return _LOADING_TAG.sub(
        lambda m: "" if any(_names(m.group(1) or m.group(2), asset) for asset in assets) else m.group(0), html
    )


_PATH_CHAR = lazy_compile(r"[\w-]")


# The stylesheets every page loads before the first feature's, as one file: one request, and
# about half a kilobyte (gzip) less than the three files were, on every page.
SHARED_STYLESHEETS = "assets/css/every-page.css"


def shared_stylesheets(extra_css: Sequence[str], page_assets: Mapping[str, list[str]]) -> list[str]:
    """The first run of two or more stylesheets in extra_css, one after another, that no page drops:
    bundled into SHARED_STYLESHEETS in the same order and place, so the cascade is unchanged."""
    run: list[str] = []
    for css in extra_css:
        if css not in page_assets:
            run.append(css)
        elif len(run) > 1:
            break
        else:
            run = []
    return run if len(run) > 1 else []


def page_stylesheets(extra_css: Sequence[str], page_assets: Mapping[str, list[str]]) -> list[str]:
    """extra_css as the built site has it: the shared run replaced by its bundle."""
    shared = shared_stylesheets(extra_css, page_assets)
    if not shared:
        return list(extra_css)
    start = extra_css.index(shared[0])
    return [*extra_css[:start], SHARED_STYLESHEETS, *extra_css[start + len(shared) :]]


def with_shared_stylesheets(html: str, shared: Sequence[str]) -> str:
    """The page loading the bundle where it loaded the first of `shared`, and none of the others."""
    if not shared:
        return html

    def bundled(match: re.Match) -> str:
        address = match.group(1) or match.group(2)
        if _names(address, shared[0]):
            return match.group(0).replace(shared[0], SHARED_STYLESHEETS, 1)
        return "" if any(_names(address, css) for css in shared[1:]) else match.group(0)

    return _LOADING_TAG.sub(bundled, html)


def _names(address: str, asset: str) -> bool:
    """Whether a page's address for a file is `asset`'s. Addresses are page-relative
    ("../assets/x.css") or root-relative: match on the path's end, at a path boundary, without
    Material's cache-busting "?v=..."."""
    path = address.split("?", 1)[0]
    return path.endswith(asset) and (len(path) == len(asset) or not _PATH_CHAR.match(path[-len(asset) - 1]))


# A run of two or more whitespace characters (not U+00A0, which is no space to a browser).
_SPACE_RUN = lazy_compile(r"[\t\n\f\r ]{2,}")


def minify_html(html: str) -> str:
    """Each run of whitespace in text cut to one character, a newline if it held one, outside
    <pre> and raw text (scripts, styles, textareas): a browser shows any such run as one space,
    so the page looks and reads the same. The templates' indentation was about half a kilobyte
    (gzip) of every page's first view."""
    parts = []
    in_pre = 0
    for token in TOKEN.finditer(html):
        text = token.group("text")
        if text is not None and not in_pre and len(text) > 1:
            parts.append(_SPACE_RUN.sub(lambda run: "\n" if "\n" in run.group() else " ", text))
            continue
        parts.append(token.group())
        if (token.group("start") or "").lower() == "pre":
            in_pre += 1
        elif in_pre and (token.group("end") or "").lower() == "pre":
            in_pre -= 1
    return "".join(parts)


_CSS_STRING_OR_COMMENT = lazy_compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|/\*.*?\*/""", re.S)


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


_PALETTE_COLOUR = lazy_compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")


def trim_palette(css: str, colours: set[str]) -> str:
    """Material's palette stylesheet without the rules for colours this site never uses.

    It ships every primary and accent colour (about 2 KB gzip on every page); a rule whose
    selectors all name another colour can never match here.
    """
    return _trim_rules(css, lambda selector: set(_PALETTE_COLOUR.findall(selector)) <= colours)


# An attribute counts only where it starts a word, as \bclass= would say. The check is a
# lookbehind after the literal text, not a leading \b: a pattern that starts with plain text lets
# the regex engine search for that text first (a leading \b is 7x slower on 2 MB of HTML), and
# findall keeps the whole scan in C.
_CLASS_ATTRIBUTE = lazy_compile(r"""class=(?<!\wclass=)(?:\\?"([^"\\]*)|'([^']*))""")
_INLINE_SCRIPT = lazy_compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_WORD = lazy_compile(r"[\w-]+")
_DIRECTION = lazy_compile(r"""dir=(?<!\wdir=)["']?(\w+)""")
_SELECTOR_CLASS = lazy_compile(r"\.(-?[_a-zA-Z][\w-]*)")
_SELECTOR_ATTRIBUTE = lazy_compile(r"\[[^\]]*\]")
_SELECTOR_ARGUMENTS = lazy_compile(r"\((?:[^()]|\([^()]*\))*\)")  # one level of nesting is all CSS uses here
_SELECTOR_DIRECTION = lazy_compile(r"\[dir=[\"']?(\w+)")
_VARIABLE_USE = lazy_compile(r"var\(\s*(--[\w-]+)")
_PROPERTY_DEFINITION = lazy_compile(r"[{;]\s*(--[\w-]+)\s*:")


# Parts of components that Material's script builds itself, named by their classes' prefix, and
# what a page holds when the script builds them: the repository's stars and forks (only in the
# header's source link, which repo_url adds), content tabs' scroll buttons (only in a tab set),
# code annotations (only in a block marked "annotate" or with the content.code.annotate feature)
# and the version menu (only when the page's config names a version provider). The script names
# these classes whatever the site uses, so on a site whose pages hold none of that, its words for
# them are not classes any page can have: about 2.5 KB gzip of Material's stylesheet on every page.
SCRIPT_BUILT_PARTS = (
    ("md-source", lazy_compile(r"""data-md-component=["']?source[\s"'>]""")),
    ("tabbed-", lazy_compile(r"""class=["'][^"']*\btabbed-set\b""")),
    ("md-annotation", lazy_compile(r"""class=["'][^"']*\bannotate\b|["']content\.code\.annotate["']""")),
    ("md-version", lazy_compile(r'"version":\s*\{')),
)


class SiteVocabulary(NamedTuple):
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
        return all(
            name in self.classes or name.startswith(self.class_prefixes) for name in _SELECTOR_CLASS.findall(required)
        )


def site_vocabulary(pages: Iterable[str], scripts: Iterable[str]) -> SiteVocabulary:
    """Read the vocabulary from the built pages' HTML (and search index) and scripts."""
    pages = list(pages)
    classes, directions, words, properties = set(), set(), set(), set()
    for html in pages:
        # Pages repeat the same class attributes: split each distinct value once.
        for double_quoted, single_quoted in set(_CLASS_ATTRIBUTE.findall(html)):
            classes.update((double_quoted or single_quoted).split())
        directions.update(_DIRECTION.findall(html))
        properties.update(_VARIABLE_USE.findall(html))
        for inline in _INLINE_SCRIPT.findall(html):
            words.update(_WORD.findall(inline))
    for script in scripts:
        words.update(_WORD.findall(script))
    never_built = tuple(prefix for prefix, built_in in SCRIPT_BUILT_PARTS if not any(map(built_in.search, pages)))
    words = {word for word in words if not word.startswith(never_built)}
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
    purged = _trim_rules(css, vocabulary.can_match)
    other = "".join(other_css)
    while True:
        read = set(_VARIABLE_USE.findall(purged + other)) | vocabulary.properties
        # Dropping a property can leave another unread (one defined from it), hence the loop;
        # it stops without another parse once every defined property is read.
        if set(_PROPERTY_DEFINITION.findall(purged)) <= read:
            return purged
        purged = _trim_rules(purged, lambda _: True, lambda name, read=read: not name.startswith("--") or name in read)


# Stylesheets are cut into rules and declarations on their brackets and ";", found with one
# regular expression: tinycss2 tokenised them in Python, nine tenths of this step's time. What is
# kept is written as tinycss2 writes it back, so the output is unchanged: that is the source text
# but for a few spellings (_RESPELLINGS), and only a piece holding one goes through tinycss2.
# tests/unit/test_page_assets.py holds this to tinycss2's own output on Material's stylesheets.
_CSS_MARK = lazy_compile(r"""([{}()\[\];])|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|/\*.*?(?:\*/|\Z)|\\.""", re.S)
_CSS_GAP = lazy_compile(r"(?:[ \t\n]+|/\*.*?(?:\*/|\Z))*", re.S)  # whitespace and comments between rules
# CSS counts every non-ASCII character as a name character: written [^\x00-\x7f], not as the range
# \x80-\U0010ffff, which takes the regex compiler 2 to 5 ms each time (every build, at import).
_NON_ASCII = r"[^\x00-\x7f]"
_NAME = rf"(?:--|-?(?:[a-zA-Z_]|{_NON_ASCII}))(?:[-\w]|{_NON_ASCII})*"
_AT_KEYWORD = lazy_compile(rf"@({_NAME})")
_DECLARATION = lazy_compile(rf"({_NAME})(?:[ \t\n]|/\*.*?\*/)*:(.*)", re.S)
# "!important" ends a value however it is spaced or cased; it is written back as "!important".
_IMPORTANT = lazy_compile(r"(.*)!(?:[ \t\n]|/\*.*?\*/)*important(?:[ \t\n]|/\*.*?\*/)*", re.S | re.I | re.A)
_CLOSER = {"(": ")", "[": "]", "{": "}"}
# Written back as they are: double-quoted strings without an escape, and comments.
_VERBATIM = lazy_compile(r'"[^"\\\n]*"|/\*.*?\*/', re.S)
# What tinycss2 writes otherwise: escapes (decoded), single-quoted strings (in double quotes),
# unquoted url(), unicode ranges, "@-"; a number that starts with "+" or "." straight after a
# name, number or "#", a "-" number straight after a number, and a dimension in "e" ("1n+2",
# "a.5", "1-1", "1e"): it separates those with "/**/" or escapes the "e". Separate expressions,
# each starting with a character to look for, are ten times faster than one alternation.
_RESPELLINGS = (
    lazy_compile(r"""['"\\]|[uU](?:[rR][lL]\((?![ \t\n]*["'\x01])|\+[0-9a-fA-F?])|@-"""),
    lazy_compile(rf"\+(?<=(?:[-+.#\w]|{_NON_ASCII})\+)\.?[0-9]"),
    lazy_compile(rf"[0-9](?:-\.?[0-9]|[eE](?:[-+](?![0-9])|(?![-+\w\\]|{_NON_ASCII})))"),
)
_DOT_NUMBER = lazy_compile(rf"\.(?<=(?:[-\w#.]|{_NON_ASCII})\.)[0-9]")
# ...unless that "." is a decimal point ("0.5", "-1.5"), not a number of its own after a name.
_DECIMAL_POINT = lazy_compile(rf"(?<![-\w.#]|{_NON_ASCII})[-+]?[0-9]*\.(?=[0-9])")


class _Outline(NamedTuple):
    """Where a stylesheet's brackets and semicolons are (outside strings, comments and escapes)."""

    css: str
    chars: list[str]
    #: each mark's index in css, and then len(css), so an unclosed block ends at the end
    positions: list[int]
    #: for an opening bracket, the index of the mark that closes it (len(chars) if none does)
    partners: list[int]
    #: where tinycss2 would write the source differently, in order
    respelt: list[int]

    def written(self, start: int, end: int) -> str:
        """css[start:end], a piece of whole tokens, as tinycss2 writes it."""
        index = bisect.bisect_left(self.respelt, start)
        if index < len(self.respelt) and self.respelt[index] < end:
            import tinycss2  # here: only a purge (a changed site) needs it, not every build's start

            return tinycss2.serialize(tinycss2.parse_component_value_list(self.css[start:end]))
        return self.css[start:end]


def _outline(css: str) -> _Outline:
    # The same newlines and NULs as the CSS tokeniser (css-syntax-3 preprocessing).
    css = css.replace("\0", "\ufffd").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    chars, positions = [], []
    for match in _CSS_MARK.finditer(css):
        if match.group(1):
            chars.append(match.group(1))
            positions.append(match.start())
    positions.append(len(css))
    partners, open_ = [len(chars)] * len(chars), []
    for index, char in enumerate(chars):
        if char in _CLOSER:
            open_.append(index)
        elif open_ and _CLOSER[chars[open_[-1]]] == char:
            partners[open_.pop()] = index
        # a closer that matches nothing open is plain text, as in CSS
    return _Outline(css, chars, positions, partners, _respelt(css))


def _respelt(css: str) -> list[int]:
    # Verbatim text is masked with a character no spelling above involves, keeping positions.
    masked = _VERBATIM.sub(lambda match: "\x01" * len(match.group()), css)
    found = {match.start() for pattern in _RESPELLINGS for match in pattern.finditer(masked)}
    decimal_points = {match.end() - 1 for match in _DECIMAL_POINT.finditer(masked)}
    found.update(match.start() for match in _DOT_NUMBER.finditer(masked) if match.start() not in decimal_points)
    return sorted(found)


def _next_stop(outline: _Outline, index: int, last: int, stops: str) -> int:
    """The first mark from index (before last) on this level that is one of stops, else last."""
    chars, partners = outline.chars, outline.partners
    while index < last:
        char = chars[index]
        if char in stops:
            return index
        index = partners[index] + 1 if char in _CLOSER else index + 1
    return last


def _rules(outline: _Outline, first: int, last: int, start: int, end: int):
    """(head start, head end, at-keyword match or None, (opening, closing) mark of its block or
    None) for each rule of a rule list; a style rule's head is its selectors."""
    css, position, index = outline.css, start, first
    while (position := _CSS_GAP.match(css, position, end).end()) < end:
        at_rule = _AT_KEYWORD.match(css, position, end)
        stop = _next_stop(outline, index, last, "{;" if at_rule else "{")
        if stop == last:  # runs to the end of the list
            yield position, end, at_rule, None
            return
        if outline.chars[stop] == ";":
            yield position, outline.positions[stop], at_rule, None
            index = stop + 1
        else:
            yield position, outline.positions[stop], at_rule, (stop, outline.partners[stop])
            index = outline.partners[stop] + 1
        position = outline.positions[index - 1] + 1


def _trim_rules(
    css: str, keep_selector: Callable[[str], bool], keep_property: Callable[[str], bool] | None = None
) -> str:
    outline = _outline(css)
    return _trim_rule_list(outline, 0, len(outline.chars), 0, len(outline.css), keep_selector, keep_property)


def _trim_rule_list(outline, first, last, start, end, keep_selector, keep_property) -> str:
    out = []
    for head_start, head_end, at_rule, block in _rules(outline, first, last, start, end):
        # "@media" and so on as it is, then its prelude; a style rule's selectors
        head = (
            at_rule.group() + outline.written(at_rule.end(), head_end)
            if at_rule
            else outline.written(head_start, head_end)
        )
        if block is None:  # an at-rule ending in ";", or text that is no rule
            out.append(head + ";" if at_rule else head)
            continue
        opening, closing = block
        inside = (opening + 1, closing, outline.positions[opening] + 1, outline.positions[closing])
        if at_rule is None:
            kept = [s for s in _selectors(head) if keep_selector(s)]
            body = (
                outline.written(*inside[2:])
                if keep_property is None
                else _kept_declarations(outline, *inside, keep_property)
            )
            if kept and body:
                out.append(",".join(kept) + "{" + body + "}")
        elif at_rule.group(1).lower() in ("media", "supports"):
            trimmed = _trim_rule_list(outline, *inside, keep_selector, keep_property)
            if trimmed:
                out.append(head + "{" + trimmed + "}")
        else:
            out.append(head + "{" + outline.written(*inside[2:]) + "}")
    return "".join(out)


def _kept_declarations(
    outline: _Outline, first: int, last: int, start: int, end: int, keep_property: Callable[[str], bool]
) -> str:
    """A block's declarations whose property keep_property keeps, joined by ";"."""
    css, position, index, kept = outline.css, start, first, []
    while (position := _CSS_GAP.match(css, position, end).end()) < end:
        stop = _next_stop(outline, index, last, "{;" if css[position] == "@" else ";")
        if stop < last and outline.chars[stop] == "{":  # a nested at-rule ends with its block
            stop = outline.partners[stop]
            kept.append(outline.written(position, outline.positions[stop]) + "}")
        else:
            piece_end = outline.positions[stop] if stop < last else end
            declaration = None if css[position] == "@" else _DECLARATION.fullmatch(css, position, piece_end)
            if declaration is None:
                if piece_end > position:  # not an empty declaration (";;")
                    kept.append(outline.written(position, piece_end) + ";")
            elif keep_property(declaration.group(1)):
                value = outline.written(declaration.start(2), piece_end)
                important = _IMPORTANT.fullmatch(value)
                kept.append(
                    declaration.group(1) + ":" + (important.group(1) + "!important" if important else value) + ";"
                )
        index = stop + 1
        position = outline.positions[stop] + 1 if stop < last else end
    # The last declaration in a block needs no ";".
    return "".join(kept).rstrip(";")


_SELECTOR_LIST_MARK = lazy_compile(r"[(),]")


def _selectors(prelude: str) -> list[str]:
    """Split a selector list on its top-level commas (not those inside :is(...) and the like)."""
    selectors, depth, start = [], 0, 0
    for mark in _SELECTOR_LIST_MARK.finditer(prelude):
        if mark.group() != ",":
            depth += 1 if mark.group() == "(" else -1
        elif depth == 0:
            selectors.append(prelude[start : mark.start()].strip())
            start = mark.end()
    selectors.append(prelude[start:].strip())
    return selectors
