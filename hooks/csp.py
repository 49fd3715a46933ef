"""What a reader's browser may load and tell others: the last word on every built page.

- on_post_page: each page gets a Content-Security-Policy <meta> hashing its final inline scripts
  and styles, and every link to another site gets rel="noopener noreferrer". This hook is
  registered last so it sees the HTML after every other hook. It also warns (failing --strict)
  when page content carries inline code the policy blocks (style="..." or on*="...").
- on_post_build: the print-site plugin writes the print page (and Material the 404 page) without
  on_post_page, so every HTML file still lacking a policy is treated here.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from saferpolitics import csp
from saferpolitics.external_links import with_safe_external_links
from saferpolitics.problems import Problem, display_path, line_of, warn_problems

log = get_plugin_logger(__name__)


def on_post_page(output, page, config):
    problems = []
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
    for tag, name, _value in csp.find_inline_code(page.content or "").blocked_attributes:
        problems.append(
            Problem(
                display_path(page.file.abs_src_path or page.file.src_uri, Path(config.config_file_path).parent),
                line_of(source, f"{name}="),
                f'<{tag} {name}="..."> is inline code that the Content-Security-Policy blocks',
                "give the element a class and put the style in docs/assets/css/toolkit.css"
                if name == "style"
                else "put behaviour in a JavaScript file under docs/assets/js/",
            )
        )
    warn_problems(problems, log)
    return csp.with_policy(with_safe_external_links(output))


def on_post_build(config):
    site_dir = Path(config.site_dir)
    for html_file in site_dir.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        if not csp.has_policy(html):
            html_file.write_text(csp.with_policy(with_safe_external_links(html)), encoding="utf-8")
