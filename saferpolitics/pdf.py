"""Render the printable PDF of the toolkit with WeasyPrint, and report its figures.

WeasyPrint is a Python package that uses the system Pango library: no browser is needed. It
supports what a paper document needs: contents page numbers (CSS target-counter), running
footers, bookmarks from headings, embedded font subsets and tagged PDF/UA output.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

# Where the PDF is written, relative to the site directory; templates link to it.
PDF_PATH = "downloads/safer-politics-online-safety-toolkit.pdf"
# The PDF's own look; pages never load it (docs/assets/css/print.css is what every page loads).
PDF_STYLESHEET = Path(__file__).with_name("pdf.css")
# Environment switch: TOOLKIT_PDF=0 skips the PDF (quick previews).
SKIP_SWITCH = "TOOLKIT_PDF"
# Written by the templates where the PDF's figures go; replaced once the PDF exists.
FIGURES_PLACEHOLDER = "<!--sp-pdf-figures-->"

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

    @property
    def text(self) -> str:
        """How the download link describes the file, e.g. "36 pages, 115 KB"."""
        size_kb = max(1, round(self.size_bytes / 1024))
        return f"{self.pages} page{'s' if self.pages != 1 else ''}, {size_kb} KB"


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
        raise PluginError(f"The PDF engine WeasyPrint is not installed ({error}): {INSTALL_HINT}") from None
    except OSError as error:  # WeasyPrint is there but cannot load Pango or another system library
        raise PluginError(f"The PDF engine cannot load a system library ({error}): {INSTALL_HINT}") from None
    return weasyprint


def render_pdf(document_html: str, base_url: str, target: Path, min_pages: int) -> PdfFigures:
    """Render to a temporary file beside target, check it, then move it into place.

    A failed or suspicious render leaves no PDF at all rather than a partial or stale one.
    """
    weasyprint = load_engine()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    # Only local files: the PDF must never fetch anything from the network.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
    handle, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        document = weasyprint.HTML(string=document_html, base_url=base_url, url_fetcher=fetcher).render(
            pdf_variant="pdf/ua-1", pdf_forms=True
        )
        pages = len(document.pages)
        if pages < min_pages:
            # WeasyPrint exits cleanly when a layout rule hides the content (e.g. a flex container).
            raise PluginError(
                f"The PDF came out with {pages} pages, fewer than the {min_pages} expected "
                "(one or more per page in nav): a print style may be hiding content. "
                "hint: check docs/assets/css/print.css and the @media print rules of the other stylesheets."
            )
        document.write_pdf(temp, pdf_variant="pdf/ua-1", pdf_forms=True)
        figures = PdfFigures(pages, temp.stat().st_size)
        temp.chmod(0o644)
        temp.replace(target)
        return figures
    except PluginError:
        raise
    except Exception as error:  # any engine failure: one clear message, no traceback, no file
        raise PluginError(f"The PDF could not be rendered: {type(error).__name__}: {error}") from None
    finally:
        temp.unlink(missing_ok=True)


def fill_figures(site_dir: Path, figures_text: str) -> int:
    """Write the PDF's figures into every built page that links to it; return how many pages."""
    filled = 0
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if FIGURES_PLACEHOLDER in text:
            page.write_text(text.replace(FIGURES_PLACEHOLDER, figures_text), encoding="utf-8")
            filled += 1
    return filled
