"""The printable PDF of the whole toolkit, built with the site into downloads/.

- on_startup: remembers the command, because `mkdocs serve` skips the PDF by default (it would
  slow every live reload) and a --dirty build has a partial print page that must not be published.
- on_config: decides whether this build makes the PDF (switch: TOOLKIT_PDF=0 skips it), checks
  the engine is installed before any work is done, and puts the link, edition and build date in
  config.extra.toolkit_pdf for the templates (download link, PDF cover).
- on_nav: notes which Markdown file each print-page section comes from, for error messages.
- on_page_markdown: notes the pages whose front matter says `pdf: false` (maintainers' pages,
  reports, changelogs): the one place that decides what stays off paper. Links to them in the
  PDF point at the website (site_url).
- on_post_build: runs after the print-site plugin has written the combined print page (hooks run
  after plugins). Turns it into a lean document (saferpolitics.post_build.printpage), renders the PDF
  (saferpolitics.post_build.pdf), then writes the file's real page count and size into the download links.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import resource
import time
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import get_plugin_logger
from mkdocs_print_site_plugin.urls import get_page_key

from saferpolitics.post_build import pdf, printpage
from saferpolitics.core.problems import Problem, display_path, line_of, warn_problems

log = get_plugin_logger(__name__)

# Set once per process by on_startup (MkDocs calls it before any build); never changed per build.
_startup = {"command": "build", "dirty": False}


def on_startup(command, dirty):
    _startup.update(command=command, dirty=dirty)


def _edition() -> str:
    # The project's version in pyproject.toml (make site reinstalls the package when it changes).
    return importlib.metadata.version("safer-politics-toolkit")


def _build_date() -> str:
    # SOURCE_DATE_EPOCH makes the cover date reproducible when a release needs it.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date() if epoch else datetime.date.today()
    return f"{day.day} {day:%B %Y}"


def on_config(config):
    skip_reason = pdf.pdf_skip_reason(_startup["command"], _startup["dirty"], os.environ)
    if skip_reason is None:
        pdf.load_engine()
    else:
        log.info(f"No PDF this time: {skip_reason}.")
    config.extra["toolkit_pdf"] = {
        "enabled": skip_reason is None,
        "href": pdf.PDF_PATH,
        "edition": _edition(),
        "built": _build_date(),
    }
    return config


def on_nav(nav, config, files):
    # print-site names each page's section by its URL; errors name the Markdown file instead.
    root = Path(config.config_file_path).parent
    config.extra["toolkit_pdf"]["sources"] = {
        get_page_key(page.url): display_path(page.file.abs_src_path, root) for page in nav.pages
    }
    config.extra["toolkit_pdf"]["left_out"] = {}
    in_nav = {page.file.src_uri for page in nav.pages}
    config.extra["toolkit_pdf"]["off_print_page"] = {
        get_page_key(file.url): file.url for file in files.documentation_pages() if file.src_uri not in in_nav
    }
    return nav


def on_page_markdown(markdown, page, config, files):
    in_pdf = page.meta.get("pdf", True)
    if in_pdf is True:
        return markdown
    if in_pdf is False:
        site_url = config.site_url
        config.extra["toolkit_pdf"]["left_out"][get_page_key(page.url)] = (
            urljoin(site_url, page.url) if site_url else None
        )
        # Not print-site's own `exclude`: it logs through the root logger, which then prints every
        # WeasyPrint CSS warning as a build WARNING. The print page keeps them; the PDF drops them.
        return markdown
    source = display_path(page.file.abs_src_path, Path(config.config_file_path).parent)
    warn_problems(
        [
            Problem(
                source,
                line_of(page.file.content_string, "pdf:"),
                f"`pdf: {in_pdf}` is not true or false",
                "write `pdf: false` to keep this page out of the PDF (it stays on the website), or remove the line",
            )
        ],
        log,
    )
    return markdown


def on_post_build(config):
    site_dir = Path(config.site_dir)
    print_page = site_dir / "print_page" / "index.html"
    print_page.write_text(
        printpage.link_pages_off_the_print_page(
            print_page.read_text(encoding="utf-8"), config.extra["toolkit_pdf"]["off_print_page"]
        ),
        encoding="utf-8",
    )
    target = site_dir / pdf.PDF_PATH
    if not config.extra["toolkit_pdf"]["enabled"]:
        target.unlink(missing_ok=True)  # never leave a stale PDF from an earlier build
        return

    print_site = config.plugins["print-site"].config
    document = printpage.build_print_document(
        print_page.read_text(encoding="utf-8"),
        title=print_site["print_page_title"],
        author=config.site_author or "",
        description=config.site_description or "",
        contents_title=print_site["toc_title"],
        web_addresses=config.extra["toolkit_pdf"]["left_out"],
        stylesheets=[(site_dir / str(css)).as_uri() for css in config.extra_css] + [pdf.PDF_STYLESHEET.as_uri()],
    )
    warn_problems(
        [
            Problem(
                config.extra["toolkit_pdf"]["sources"].get(section, "overrides/partials/print-cover.html"),
                None,
                f"link to {href} goes nowhere in the PDF, so it is printed as plain text",
                "link to a page in nav (a relative .md link) or to a registry entry (link:<id>)",
            )
            for section, href in document.dead_links
        ],
        log,
    )
    start, start_cpu = time.perf_counter(), time.process_time()
    figures = pdf.render_pdf(
        document.html,
        base_url=print_page.as_uri(),
        target=target,
        min_pages=len(document.page_titles) + 2,
        cache_dir=pdf.cache_dir_for(Path(config.config_file_path).parent, os.environ),
    )
    pdf.fill_figures(site_dir, figures.text)
    # scripts/benchmark.py reads this line: keep its wording.
    how = "reused unchanged from the cache" if figures.reused else "rendered"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    log.info(
        f"PDF written to {target.relative_to(site_dir)} ({figures.text}); {how} in "
        f"{time.perf_counter() - start:.2f} s ({time.process_time() - start_cpu:.2f} s CPU); "
        f"build peak memory {peak_mb:.0f} MB."
    )
