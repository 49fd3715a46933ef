"""Review dates (on_page_markdown): check each page's `reviewed:` date and show it to readers.

Why on_page_markdown: the "Last reviewed" line must reach the print page and so the PDF, and
print-site snapshots each page's HTML in its own on_page_content, before hooks at default priority
run. Adding the line at the Markdown stage puts it in the page, the print page and the search index.
Logic and messages live in saferpolitics.markdown_stage.review_dates.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from saferpolitics.markdown_stage import review_dates
from saferpolitics.core.problems import display_path, warn_problems

log = get_plugin_logger(__name__)


def on_page_markdown(markdown, page, config, files):
    source = page.file
    if source.generated_by is None:
        label = display_path(source.abs_src_path, Path(config.config_file_path).parent)
    else:
        label = f"{Path(config.docs_dir).name}/{source.src_uri}"
    date, problems = review_dates.check_page(
        source.content_string, label, review_dates.today_in_uk(), generated_by=source.generated_by
    )
    if problems:
        warn_problems(problems, log)
        return markdown
    return f"{markdown.rstrip()}\n\n{review_dates.reviewed_note_html(date)}\n"
