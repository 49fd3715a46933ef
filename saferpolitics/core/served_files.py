"""Files under docs/ that the site serves as they are, and a browser opens as documents.

A page's policy (its <meta> Content-Security-Policy, written by the post-build stage) covers the
HTML pages only. A browser opens an SVG, XML or XHTML file on its own, with no policy, on the
site's address: a script in it runs there and can read what readers keep on their device (the
evidence log, the protocol builder). The page scans read HTML; these files are other languages,
so they are checked here, as they are read from docs/:

- a page written as HTML in another form (.htm, .xhtml, .shtml) or an XML file: refused, since
  pages are Markdown, and the build cannot check what a browser would make of them;
- an SVG drawing: read as XML, with its line numbers, and refused if anything in it could run,
  load another file or show another document: elements outside the drawing ones (script,
  foreignObject, a link, an animation that can set a link), an event-handler attribute, a link
  that leaves the drawing, a stylesheet that loads a file, a DOCTYPE or entities (which could
  hide any of these; it is not read further) or a processing instruction (an XSLT stylesheet).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from xml.parsers import expat

from saferpolitics.core.problems import Problem

# Pages as HTML in another form, and XML, which a browser may open as a document.
_REFUSED_SUFFIXES = {".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".mht", ".mhtml", ".svgz"}
# The files served_file_problems reads: no other file from docs/ can be opened as a document.
CHECKED_SUFFIXES = frozenset(_REFUSED_SUFFIXES | {".svg"})
_REFUSED_HINT = "write the page in Markdown (.md) under docs/; for a picture, use PNG, JPEG or SVG"

# What a drawing is made of (SVG 1.1 and 2): shapes, text, paint servers, filters, structure.
_DRAWING = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "filter",
}  # fmt: skip
_FILTER_PRIMITIVE = re.compile(r"fe[A-Z][A-Za-z]*")
# A stylesheet's ways to load a file: url() to anything but the drawing's own #id, and @import.
_LOADS = re.compile(r"url\(\s*(?!['\"]?#)|@import", re.I)
_SVG_HINT = (
    "save the drawing as plain SVG with shapes and text only (no scripts, links, event handlers, "
    "embedded HTML or files it loads), or as a PNG"
)


def served_file_problems(path: str, data: bytes) -> list[Problem]:
    """Every problem with one file from docs/ (path as the maintainer sees it)."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in _REFUSED_SUFFIXES:
        message = f"a {suffix} file is opened by browsers as a page the build cannot check"
        return [Problem(path, None, message, _REFUSED_HINT)]
    if suffix == ".svg":
        return _drawing_problems(path, data)
    return []


class _Unreadable(Exception):
    """A DOCTYPE: reading on would mean expanding entities the drawing declares."""


def _drawing_problems(path: str, data: bytes) -> list[Problem]:
    parser = expat.ParserCreate(namespace_separator=" ")
    problems: list[Problem] = []
    in_style = []

    def problem(message: str) -> None:
        problems.append(Problem(path, parser.CurrentLineNumber, message, _SVG_HINT))

    def start(name: str, attributes: dict[str, str]) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag not in _DRAWING and not _FILTER_PRIMITIVE.fullmatch(tag):
            problem(f"the drawing holds a <{tag}> element, which can run code or load another file")
        for attribute, value in attributes.items():
            local = attribute.rsplit(" ", 1)[-1]
            if local.lower().startswith("on"):
                problem(f"<{tag}> has an event handler ({local}), which runs code")
            elif local == "href" and not value.strip().startswith("#"):
                problem(f"<{tag}> links to {value.strip()[:60]!r}: only a part of the drawing (#id) may be linked")
            elif local == "style" and _LOADS.search(value):
                problem(f"<{tag}>'s style loads a file")
        in_style.append(tag == "style")

    def text(data: str) -> None:
        if in_style and in_style[-1] and _LOADS.search(data):
            problem("the drawing's stylesheet loads a file")

    def refuse(what: str):
        return lambda *_: problem(f"the drawing has {what}")

    def doctype(*_) -> None:
        problem("the drawing has a DOCTYPE, whose entities could hide code")
        raise _Unreadable

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: in_style.pop()
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = refuse("a processing instruction (such as a stylesheet to apply)")
    try:
        parser.Parse(data, True)
    except _Unreadable:
        return problems
    except expat.ExpatError as error:
        message = f"the drawing is not well-formed SVG ({expat.ErrorString(error.code)})"
        return [*problems, Problem(path, error.lineno, message, _SVG_HINT)]
    return problems
