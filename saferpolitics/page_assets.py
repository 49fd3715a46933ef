"""Each page loads only the feature stylesheets and scripts it uses.

Material alone is most of the 70 KB first-view budget, so a feature's files (cards, checklists,
tools, the print-site plugin's own files) are dropped from pages whose HTML shows no sign of
that feature. Which marker means "this page uses it" is configured in mkdocs.yml
(`extra.page_assets`), beside `extra_css` and `extra_javascript`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import rjsmin
import tinycss2

from saferpolitics.problems import Problem


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
    return _trim_rules(tinycss2.parse_stylesheet(css), colours)


def _trim_rules(rules, colours: set[str]) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _selectors(tinycss2.serialize(rule.prelude)) if set(_PALETTE_COLOUR.findall(s)) <= colours]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _trim_rules(tinycss2.parse_rule_list(rule.content), colours)
            if inner:
                out.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + inner + "}")
        elif rule.type not in ("whitespace", "comment"):
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


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
