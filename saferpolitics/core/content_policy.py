"""The page policy's rule for a page's own content: nothing in it is code. Anything a maintainer
writes (Markdown, a block, front matter, a data file's text) that a browser would run or fetch
from another site fails the build, at the file and line that holds it.

Both stages use it: the Markdown stage checks each page's rendered content as it is converted (so
an engine that runs only our Markdown extensions checks it too), and the post-build stage words
its findings on whole pages (saferpolitics/post_build/csp.py) the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

from saferpolitics.core import htmlscan
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import locate

_MESSAGES = {
    "script": (
        "an inline <script>",
        "put behaviour in a JavaScript file under docs/assets/js/ (see CONTRIBUTING.md, Inline code)",
    ),
    "data-script": (
        "a <script> element",
        "pages hold no scripts: put behaviour in a JavaScript file under docs/assets/js/",
    ),
    "unreadable-script": ("a <script> containing '<!--'", "put behaviour in a JavaScript file under docs/assets/js/"),
    "style": ("an inline <style>", "put styles in docs/assets/css/toolkit.css or the feature's stylesheet"),
    "style-attribute": (
        'a style="..." attribute',
        "give the element a class and put the style in docs/assets/css/toolkit.css",
    ),
    "handler": ("an inline event handler", "put behaviour in a JavaScript file under docs/assets/js/"),
    "javascript-url": (
        "a javascript: address",
        "link to a page or a registry entry ([text](link:id)); behaviour goes in docs/assets/js/",
    ),
    "embedding": ("an embedded element", "pages never embed other pages, plugins or metadata: link to it instead"),
    # A page that refreshes to another website, sets a cookie or brings its own policy.
    "page-setting": (
        "a page setting",
        "pages never change their own settings: the build writes the page policy, and a page that "
        "has moved goes in redirect_maps in mkdocs.yml, to a page of this site",
    ),
    "foreign": ("inline SVG or MathML", "save the drawing as a file and show it with ![description](file.svg)"),
    # A reader's data stays on their device: no link reports its clicks, no form sends what is
    # typed to another website.
    "sends": (
        "an address that what a reader does is sent to",
        "link to the page or registry entry instead ([text](link:id)); a form keeps what is typed on "
        "the reader's device, in a script under docs/assets/js/",
    ),
    # No third-party requests: a reader's browser fetches nothing from anyone but this site.
    "third-party-source": (
        "a file from another website",
        "save the file under docs/assets/images/ and show it from there, e.g. "
        "![description](assets/images/name.png) (the path relative to the page)",
    ),
}


# A file from another website named by a <link> or a style attribute or element: in a template
# (a page's content refuses them whole), so the hint says where the file goes instead.
_LINK_HINT = (
    "a page asks nothing of another website: save a stylesheet or icon under docs/assets/ and name it "
    "by its path (a stylesheet in extra_css), and remove a preconnect, dns-prefetch or prefetch line"
)
_STYLE_HINT = (
    "save the picture under docs/assets/images/ and name it in a stylesheet under docs/assets/css/, "
    "e.g. url(../images/name.png), with a class on the element"
)


def describe(code: htmlscan.Code) -> tuple[str, str]:
    """(message, hint) for a finding, naming the element and attribute."""
    what, hint = _MESSAGES[code.kind]
    detail = f' http-equiv="{code.name}"' if code.kind == "page-setting" else f" {code.name}=" if code.name else ""
    if code.kind == "third-party-source":
        what = f"{'a request to another website' if code.tag == 'link' else what} ({code.text})"
        hint = _LINK_HINT if code.tag == "link" else _STYLE_HINT if "style" in (code.name, code.tag) else hint
    return f"<{code.tag}{detail}...> is {what}, which the page policy does not allow", hint


def content_findings(content: str) -> list[htmlscan.Code]:
    """Everything in a page's own content (Markdown, blocks, data) that is code: all of it fails.
    A <link> and a style attribute or element are refused whole there, so what they would fetch
    is not named a second time."""
    return [
        code
        for code in htmlscan.scan(content)
        if not (code.kind == "third-party-source" and (code.tag in ("link", "style") or code.name == "style"))
    ]


def _needle(code: htmlscan.Code) -> str:
    body = code.text.strip().splitlines()[0][:40] if code.kind in ("script", "style") and code.text.strip() else ""
    if body:
        return body
    if code.kind in ("handler", "style-attribute"):
        return f"{code.name}="
    if code.kind == "javascript-url":
        return "script:"
    if code.kind in ("third-party-source", "sends"):
        return code.text  # the address: a bare "action=" is in the site's own search form too
    if code.kind == "page-setting":
        return "http-equiv"
    return f"<{code.tag}"


def page_then_data(page: tuple[str, str], root: Path | None) -> list[tuple[str, str]]:
    """Where text on a page may have been written, in the order to look: the page (its file as
    shown, its text), then the data files under root (if known), whose values become page text."""
    data_files = sorted((root / "data").glob("*.yml")) if root else []
    return [page, *((f"data/{p.name}", p.read_text(encoding="utf-8")) for p in data_files)]


def settings_and_templates(root: Path | None) -> list[tuple[str, str]]:
    """The other places a page's HTML is written from, outside its content: mkdocs.yml (settings
    the theme writes as they are, such as `copyright`) and the templates under overrides/."""
    if root is None:
        return []
    found = []
    if (settings := root / "mkdocs.yml").is_file():
        values = _SETTING_NAME.sub(lambda name: " " * len(name[0]), settings.read_text(encoding="utf-8"))
        found.append(("mkdocs.yml", values))
    templates = sorted((root / "overrides").rglob("*.html"))
    return found + [(p.relative_to(root).as_posix(), p.read_text(encoding="utf-8")) for p in templates]


# A setting's name at the start of a line of mkdocs.yml, blanked (columns kept) before looking for
# where a page's code came from: the theme writes values, and `javascript:` is not in the name
# `extra_javascript:` (a maintainer review: a nav entry's `javascript:` was named on that line).
_SETTING_NAME = lazy_compile(r"^[ \t]*(?:-[ \t]+)?[\w.-]+:(?=\s)", re.M)


def located_problems(
    findings: list[htmlscan.Code], page: tuple[str, str], root: Path | None, where: str = ""
) -> list[Problem]:
    """A problem per finding, at the first file and line holding it outside code and comments:
    page (its file as shown, its text), then the data files under root (if known), whose values
    become page text, then mkdocs.yml and the templates."""
    if not findings:
        return []
    sources = page_then_data(page, root) + settings_and_templates(root)
    problems = []
    for code in findings:
        found = locate(sources, re.compile(re.escape(_needle(code)), re.I))
        file, line = found[:2] if found else (page[0], None)
        message, hint = describe(code)
        # Where to look, only when the page is all the message can name.
        problems.append(Problem(file, line, f"{message}{where if file == page[0] else ''}", hint))
    return problems


# Settings the theme writes into every page as they are: MkDocs' Jinja does not escape them, so
# a `"` in a description ends its <meta content="..."> and can add an attribute (a redirect to
# another website), and a `<` in a title starts a tag in the menu.
_UNESCAPED = re.compile(r'["<>]')
UNESCAPED_HINT = "write quotation marks as curly quotes (“ ” or ‘ ’), and < and > in words"


def unescaped_text_mistake(value: str) -> str | None:
    """What is wrong with a setting's text that the theme writes into pages as HTML, or None."""
    found = sorted(set(_UNESCAPED.findall(value)))
    if not found:
        return None
    return f"has {' and '.join(repr(c) for c in found)}, which the theme writes into the page's HTML as it is"
