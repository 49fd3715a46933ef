"""Files the site serves as they are, from docs/ and the theme's overrides/, that a browser could
open as a document of its own.

A page's policy (its <meta> Content-Security-Policy, written by the post-build stage) covers the
HTML pages only. A browser opens an SVG or an XML file on its own, with no policy, on the site's
address: a script in it runs there and can read what readers keep on their device (the evidence
log, the protocol builder), and a file it loads is a request to another website. So:

- only the kinds of file a help service serves are served: pictures, stylesheets, scripts,
  fonts, the web app's files and downloads (SERVED_SUFFIXES). Anything else (an .xhtml or .xml
  page, an .rdf file, a file with no extension) is refused: a list of what is allowed cannot
  miss a kind of file some browser renders. HTML pages are read by the page scans after the build;
- an SVG drawing is read as XML, with its line numbers, and refused if anything in it could run,
  load another file or show another document: an SVG element outside the drawing ones (script,
  foreignObject, a, set...), an element of HTML, MathML or any namespace browsers render, an
  event-handler attribute, a link that leaves the drawing, any stylesheet (a <style> element or
  a style attribute: the toolkit's drawings need neither, and CSS has too many ways to load a
  file), an attribute value that loads a file (url() to anything but the drawing's own #id), a
  DOCTYPE (whose entities could hide any of these; the file is not read further) or a
  processing instruction (an XSLT stylesheet). Inkscape's and Sodipodi's elements and the
  RDF metadata drawing programs save are never rendered, and pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath
from xml.parsers import expat

from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem

# What the site serves as it is (lower case). Pages themselves are Markdown.
SERVED_SUFFIXES = frozenset(
    {
        ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".ico", ".svg",  # pictures
        ".css", ".js", ".mjs", ".json", ".webmanifest", ".map",  # the site's own code and the web app
        ".woff", ".woff2",  # fonts
        ".pdf", ".docx", ".csv", ".txt",  # downloads, and licences of vendored scripts
        ".html",  # read by the page scans once built (saferpolitics/post_build/csp.py)
    }
)  # fmt: skip
_REFUSED_HINT = (
    "write a page in Markdown (.md) under docs/; the site serves pictures (PNG, JPEG, WebP, SVG), "
    "stylesheets, scripts, fonts and downloads (PDF, Word, CSV) as they are"
)

_SVG = "http://www.w3.org/2000/svg"
# Namespaces of what drawing programs save beside a drawing, which browsers never render.
_DRAWING_PROGRAMS = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://purl.org/dc/elements/1.1/",
}
# What a drawing is made of (SVG 1.1 and 2): shapes, text, paint servers, filters, structure.
_DRAWING = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "filter",
}  # fmt: skip
_FILTER_PRIMITIVE = lazy_compile(r"fe[A-Z][A-Za-z]*")
# A value that loads a file: url() to anything but the drawing's own #id, image-set(), a CSS
# escape (which could spell either), @import.
_LOADS = re.compile(r"url\s*\(\s*+(?!['\"]?#)|image-set\s*\(|\\|@import", re.I)
_SVG_HINT = (
    "save the drawing as plain SVG with shapes and text only (no scripts, links, event handlers, "
    "styles, embedded HTML or files it loads), or as a PNG"
)


def served_file_problems(path: str, read: Callable[[], bytes], organisation: str = "") -> list[Problem]:
    """Every problem with one file the site serves as it is (path as the maintainer sees it);
    read() gives its bytes, asked for only where they are checked (an SVG, a PDF or Word file:
    core.file_metadata, where organisation, the site's author, is not a person's name)."""
    written = PurePosixPath(path)
    suffix = written.suffix.lower()
    if suffix == ".md" and written.suffix != ".md":  # MkDocs reads only a lower-case .md as a page
        return [
            Problem(
                path,
                None,
                f"a page must end in .md (lower case): MkDocs does not read {written.name} as a page",
                f"rename it to {written.stem}.md",
            )
        ]
    if suffix not in SERVED_SUFFIXES:
        kind = f"a {suffix} file" if suffix else "a file with no extension"
        return [Problem(path, None, f"{kind} is not something this site serves", _REFUSED_HINT)]
    if suffix == ".svg":
        return _drawing_problems(path, read())
    if suffix in {".pdf", ".docx"}:
        from saferpolitics.core.file_metadata import document_metadata_problems

        return document_metadata_problems(path, suffix, read(), organisation)
    return []


class _Unreadable(Exception):
    """A DOCTYPE: reading on would mean expanding entities the drawing declares."""


def _drawing_problems(path: str, data: bytes) -> list[Problem]:
    parser = expat.ParserCreate(namespace_separator=" ")
    problems: list[Problem] = []

    def problem(message: str) -> None:
        problems.append(Problem(path, parser.CurrentLineNumber, message, _SVG_HINT))

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, tag = name.rpartition(" ")
        if namespace in ("", _SVG):
            if tag == "style":
                problem("the drawing has a <style> stylesheet: give shapes their colours as attributes (fill=...)")
            elif tag not in _DRAWING and not _FILTER_PRIMITIVE.fullmatch(tag):
                problem(f"the drawing holds a <{tag}> element, which can run code or load another file")
        elif namespace not in _DRAWING_PROGRAMS:
            problem(f"the drawing holds a <{tag}> element of {namespace}, which browsers may render")
        for attribute, value in attributes.items():
            local = attribute.rpartition(" ")[2]
            if local.lower().startswith("on"):
                problem(f"<{tag}> has an event handler ({local}), which runs code")
            elif local == "href" and not value.strip().startswith("#"):
                problem(f"<{tag}> links to {value.strip()[:60]!r}: only a part of the drawing (#id) may be linked")
            elif local == "style":
                problem(f"<{tag}> has a style attribute: give the shape its colours as attributes (fill=...)")
            elif _LOADS.search(value):
                problem(f"<{tag}>'s {local} loads a file: only url(#id), a part of the drawing, may be used")

    def doctype(*_) -> None:
        problem("the drawing has a DOCTYPE, whose entities could hide code")
        raise _Unreadable

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = lambda *_: problem(
        "the drawing has a processing instruction (such as a stylesheet to apply)"
    )
    try:
        parser.Parse(data, True)
    except _Unreadable:
        return problems
    except expat.ExpatError as error:
        message = f"the drawing is not well-formed SVG ({expat.ErrorString(error.code)})"
        return [*problems, Problem(path, error.lineno, message, _SVG_HINT)]
    return problems
