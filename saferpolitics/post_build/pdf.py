"""Render the printable PDF of the toolkit with WeasyPrint, and report its figures.

WeasyPrint is a Python package that uses the system Pango library: no browser is needed. It
supports what a paper document needs: contents page numbers (CSS target-counter), running
footers, bookmarks from headings, embedded font subsets and tagged PDF/UA output.

Rendering is most of a full build's time, so a render is keyed by a content hash of the HTML,
every local file it loads (stylesheets and what they load), the options and the conditions on
this machine (saferpolitics.post_build.pdf_system: library versions, the font files fontconfig
picks): a build whose key is unchanged copies the PDF kept in the render cache instead
(`render_pdf` with a cache_dir; saferpolitics.core.render_cache). Any PDF made from HTML can use
it, e.g. a one-page card.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.metadata import PackageNotFoundError
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from saferpolitics.core import render_cache
from saferpolitics.core.problems import BuildStopped
from saferpolitics.post_build import pdf_system

# Where the PDF is written, relative to the site directory; templates link to it.
PDF_PATH = "downloads/safer-politics-online-safety-toolkit.pdf"
# The PDF's own look; pages never load it (docs/assets/css/print.css is what every page loads).
PDF_STYLESHEET = Path(__file__).with_name("pdf.css")
# Issue 34: "Keep the PDF under 400 KB" (tests/test_pdf.py holds it; the build log and `make bench` say
# how close it is).
SIZE_LIMIT_BYTES = 400 * 1024
# Environment switch: TOOLKIT_PDF=0 skips the PDF (quick previews).
SKIP_SWITCH = "TOOLKIT_PDF"
# Written by the templates where the PDF's figures go; replaced once the PDF exists.
FIGURES_PLACEHOLDER = "<!--sp-pdf-figures-->"
# How the PDF is written; part of the cache key, so a change of options never reuses an old file.
RENDER_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_forms": True}
# Where compact() rounds positions: to a hundredth of a CSS pixel, in these drawing operators.
POSITION_PLACES = 2
POSITION_OPERATORS = {"Td", "TD", "re", "m", "l", "c", "v", "y"}
MATRIX_OPERATORS = {"cm", "Tm"}  # scale and turn, then a shift: only the shift is rounded
# What the render cache keeps of each render.
KEPT_FILES = {"document.pdf", "figures.json"}
# Local files a document or stylesheet loads: <link href>, <img src>, CSS url() and @import.
LOCAL_REFERENCE = re.compile(
    r"""(?:\b(?:href|src)\s*=\s*["']([^"'#]+)["'])|(?:url\(\s*["']?([^"')]+)["']?\s*\))|(?:@import\s+["']([^"']+)["'])"""
)

INSTALL_HINT = (
    "install the PDF engine: `make site` does it, or by hand "
    "`sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0` then "
    "`.venv/bin/pip install -r requirements.lock`. "
    f"To build the site without the PDF, run with {SKIP_SWITCH}=0."
)


@dataclass(frozen=True)
class PdfFigures:
    pages: int
    size_bytes: int
    reused: bool = field(default=False, compare=False)  # copied from the cache, not rendered

    @property
    def text(self) -> str:
        """How the download link describes the file, e.g. "36 pages, 115 KB"."""
        size_kb = max(1, round(self.size_bytes / 1024))
        return f"{self.pages} page{'s' if self.pages != 1 else ''}, {size_kb} KB"


def headroom(size_bytes: int) -> str:
    """How far the toolkit PDF is from its size limit, e.g. "51 KB under the 400 KB limit"."""
    limit_kb, gap_kb = SIZE_LIMIT_BYTES // 1024, round(abs(SIZE_LIMIT_BYTES - size_bytes) / 1024)
    return (
        f"{gap_kb} KB under the {limit_kb} KB limit"
        if size_bytes <= SIZE_LIMIT_BYTES
        else f"{gap_kb} KB OVER the {limit_kb} KB limit"
    )


def pdf_skip_reason(command: str, dirty: bool, environ: dict[str, str]) -> str | None:
    """Why this build makes no PDF, or None when it should make one."""
    switch = environ.get(SKIP_SWITCH, "").strip().lower()
    if switch in ("0", "no", "false", "off"):
        return f"{SKIP_SWITCH}={environ[SKIP_SWITCH]}"
    if switch in ("1", "yes", "true", "on"):
        return "a --dirty build has a partial print page" if dirty else None
    if command == "serve":
        return f"`mkdocs serve` skips it (set {SKIP_SWITCH}=1 to include it)"
    if dirty:
        return "a --dirty build has a partial print page"
    return None


def load_engine():
    """Import WeasyPrint, or stop the build saying exactly what to install."""
    try:
        import weasyprint
    except ImportError as error:
        raise BuildStopped(f"The PDF engine WeasyPrint is not installed ({error}): {INSTALL_HINT}") from None
    except OSError as error:  # WeasyPrint is there but cannot load Pango or another system library
        raise BuildStopped(f"The PDF engine cannot load a system library ({error}): {INSTALL_HINT}") from None
    return weasyprint


def _local_file(reference: str, base_url: str) -> Path | None:
    url = urljoin(base_url, reference.strip())
    parts = urlparse(url)
    return Path(unquote(parts.path)) if parts.scheme == "file" else None


def render_key(
    document_html: str,
    base_url: str,
    options: dict = RENDER_OPTIONS,
    conditions: Callable[[list[list[str]]], str] | None = None,
) -> str:
    """A content hash of what decides the PDF: HTML, the local files it loads, options, and the
    conditions on this machine (versions, and the fonts its stylesheets get from fontconfig).

    Each local file counts by its bytes, not its path, so the same site built into another
    directory has the same key; a file that cannot be read counts as missing.
    """
    digest = hashlib.sha256()
    digest.update(f"{json.dumps(options, sort_keys=True)}\n".encode())
    seen: set[Path] = set()
    styles = [document_html]  # the HTML's own <style> and style="" ask for fonts too

    def add_references(text: str, base: str) -> None:
        for match in LOCAL_REFERENCE.finditer(text):
            path = _local_file(next(group for group in match.groups() if group), base)
            if path is None or path in seen:
                continue
            seen.add(path)
            try:
                data = path.read_bytes()
            except OSError:
                digest.update(b"missing\n")
                continue
            digest.update(hashlib.sha256(data).hexdigest().encode() + b"\n")
            if path.suffix == ".css":
                styles.append(data.decode("utf-8", "replace"))
                add_references(styles[-1], path.as_uri())

    add_references(document_html, base_url)
    stacks = [stack for text in styles for stack in pdf_system.font_stacks(text)]
    digest.update((conditions or pdf_system.conditions)(stacks).encode() + b"\n")

    def without_local_address(match: re.Match) -> str:
        return "" if _local_file(next(group for group in match.groups() if group), base_url) else match[0]

    # The HTML itself, without local addresses (they differ between build directories).
    digest.update(LOCAL_REFERENCE.sub(without_local_address, document_html).encode())
    return digest.hexdigest()


def _reuse(cache_dir: Path, name: str, key: str, target: Path) -> PdfFigures | None:
    """Write a kept render into place, if one exists for this key."""
    kept = render_cache.reuse(cache_dir, name, key, KEPT_FILES)
    try:
        figures = json.loads(kept["figures.json"]) if kept else None
        if figures is None or len(kept["document.pdf"]) != figures["size_bytes"]:
            return None
        pages = int(figures["pages"])
    except (ValueError, KeyError, TypeError):
        return None
    handle, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
    with os.fdopen(handle, "wb") as temp:
        temp.write(kept["document.pdf"])
    Path(temp_name).chmod(0o644)
    Path(temp_name).replace(target)  # never a partial file
    return PdfFigures(pages, figures["size_bytes"], reused=True)


def _short(value: Decimal) -> Decimal | int:
    """A position to a hundredth of a CSS pixel (0.003 mm), written without trailing zeros."""
    value = round(value, POSITION_PLACES)
    return int(value) if value == value.to_integral_value() else value.normalize()


def _drawn_shorter(document, page) -> None:
    """Write a page's drawing instructions again: positions shortened (_short), and a run of
    letters no longer cut after every glyph by a kerning of 0 (WeasyPrint writes one when Pango's
    width and the font's differ by less than a thousandth of a point). Nothing moves on paper."""
    import pikepdf

    instructions = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) in POSITION_OPERATORS:
            operands = [_short(value) if isinstance(value, Decimal) else value for value in operands]
        elif str(operator) in MATRIX_OPERATORS:  # a scale stays exact: only the shift is a position
            operands = [
                *operands[:4],
                *(_short(value) if isinstance(value, Decimal) else value for value in operands[4:]),
            ]
        elif str(operator) == "TJ":
            letters = pikepdf.Array()
            for piece in operands[0]:
                if isinstance(piece, pikepdf.String) and len(letters) and isinstance(letters[-1], pikepdf.String):
                    letters[-1] = pikepdf.String(bytes(letters[-1]) + bytes(piece))
                elif piece != 0:
                    letters.append(piece)
            operands = [letters]
        instructions.append((operands, operator))
    page.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))


def compact(path: Path) -> None:
    """Write the PDF again with the same objects in fewer bytes (qpdf, through pikepdf).

    pydyf writes the cross-reference stream without a predictor: 20 KB of the toolkit's 380 KB,
    which qpdf writes in under 1 KB (PNG "up" predictor), and every stream is compressed at zlib's
    highest level. Each page's drawing instructions are written shorter (_drawn_shorter: WeasyPrint
    writes positions to a millionth of a pixel). Objects, tags, fonts, links and bookmarks stay as
    WeasyPrint wrote them (qpdf only renumbers them); the file identifier comes from the content,
    so the same render gives the same bytes. A small file (a one-page card) can come out a few
    bytes larger: it stays as it was.
    """
    import pikepdf

    pikepdf.settings.set_flate_compression_level(9)
    rewritten = path.with_name(f"{path.name}.compact")
    try:
        with pikepdf.open(path) as document:
            for page in document.pages:
                _drawn_shorter(document, page)
            document.save(rewritten, deterministic_id=True)
        if rewritten.stat().st_size < path.stat().st_size:
            rewritten.replace(path)
    finally:
        rewritten.unlink(missing_ok=True)


def render_pdf(
    document_html: str,
    base_url: str,
    target: Path,
    min_pages: int = 0,
    cache_dir: Path | None = None,
    options: dict = RENDER_OPTIONS,
    conditions: Callable[[list[list[str]]], str] | None = None,
) -> PdfFigures:
    """Render to a temporary file beside target, check it, then move it into place.

    A failed or suspicious render (fewer than min_pages pages; 0 checks nothing) leaves no PDF at
    all rather than a partial or stale one. With cache_dir (the render cache), a render whose
    key (render_key) is unchanged is copied from there instead. The figures say how many pages it has, for a caller
    that needs an exact count (a one-page card). conditions: for the key, pdf_system.conditions
    unless given (the build's pdf_system.Snapshot().conditions, for renders made together).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    name, key = f"pdf-{target.stem}", ""
    if cache_dir:
        try:
            key = render_key(document_html, base_url, options, conditions)
        except (OSError, PackageNotFoundError):  # a part is missing: load_engine says which
            cache_dir = None
    if cache_dir:
        figures = _reuse(cache_dir, name, key, target)
        if figures is not None and figures.pages >= min_pages:
            return figures
    weasyprint = load_engine()  # only now: a reused PDF needs no engine
    if not pdf_system.installed_fonts():  # WeasyPrint would crash (a segmentation fault), not fail
        raise BuildStopped(str(pdf_system.NO_FONTS))
    # Only local files: the PDF must never fetch anything from the network.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
    handle, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        document = weasyprint.HTML(string=document_html, base_url=base_url, url_fetcher=fetcher).render(**options)
        pages = len(document.pages)
        if pages < min_pages:
            # WeasyPrint exits cleanly when a layout rule hides the content (e.g. a flex container).
            raise BuildStopped(
                f"The PDF came out with {pages} pages, fewer than the {min_pages} expected "
                "(one or more per page in nav): a print style may be hiding content. "
                "hint: check docs/assets/css/print.css and the @media print rules of the other stylesheets."
            )
        document.write_pdf(temp, **options)
        compact(temp)
        figures = PdfFigures(pages, temp.stat().st_size)
        temp.chmod(0o644)
        if cache_dir:
            record = json.dumps({"pages": figures.pages, "size_bytes": figures.size_bytes}).encode()
            render_cache.keep(cache_dir, name, key, {"document.pdf": temp.read_bytes(), "figures.json": record})
        temp.replace(target)
        return figures
    except BuildStopped:
        raise
    except Exception as error:  # any engine failure: one clear message, no traceback, no file
        raise BuildStopped(f"The PDF could not be rendered: {type(error).__name__}: {error}") from None
    finally:
        temp.unlink(missing_ok=True)
