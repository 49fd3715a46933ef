"""What a reader's browser may run, load and tell others: the last word on every built page.

- on_config: a new allowlist for this build, and every theme environment (the pages', the print
  page's, the redirect stubs') records the inline code its templates write (saferpolitics.post_build.csp).
- on_post_page: inline code in the page's content (from Markdown, a block or a data file) fails
  the strict build with file, line and a hint; so does inline code elsewhere in the page that no
  template wrote (front matter, say). The page gets a Content-Security-Policy <meta> listing the
  hashes of its allowed inline code, and every link to another site gets rel="noopener
  noreferrer". Registered last, so it sees the HTML after every other hook.
- on_post_build: the print-site plugin writes the print page (and Material the 404 page,
  mkdocs-redirects its stubs) without on_post_page, so every HTML file still lacking a policy is
  checked and treated here.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from saferpolitics.post_build import csp, theme_fixes
from saferpolitics.post_build.external_links import with_safe_external_links
from saferpolitics.post_build.htmlscan import Code
from saferpolitics.core.problems import Problem, display_path, warn_problems

log = get_plugin_logger(__name__)

DATA_DIR = "data"


class _Build:
    """State of one build: reset in on_config, never shared between builds."""

    def __init__(self, root: Path):
        self.root = root
        self.allowlist = csp.Allowlist()
        self.pages_with_problems = 0
        self._data: list[tuple[str, str]] | None = None

    def data_files(self) -> list[tuple[str, str]]:
        if self._data is None:
            self._data = [(f"{DATA_DIR}/{p.name}", p.read_text(encoding="utf-8")) for p in sorted((self.root / DATA_DIR).glob("*.yml"))]
        return self._data


_build: _Build | None = None


def on_config(config):
    global _build
    _build = _Build(Path(config.config_file_path).resolve().parent)
    theme = config.theme
    custom_dir = Path(theme.custom_dir).resolve() if theme.custom_dir else None
    third_party = [Path(d) for d in theme.dirs if custom_dir is None or Path(d).resolve() != custom_dir]
    make_env = theme.get_env
    allowlist = _build.allowlist

    def get_env():
        # Print-site and our redirect hook ask the theme for environments of their own: all of
        # them record into the same allowlist.
        return csp.install(make_env(), allowlist, third_party)

    theme.get_env = get_env
    return config


def _needle(code: Code) -> str:
    body = code.text.strip().splitlines()[0][:40] if code.kind in ("script", "style") and code.text.strip() else ""
    if body:
        return body
    if code.kind in ("handler", "style-attribute"):
        return f"{code.name}="
    if code.kind == "javascript-url":
        return "script:"
    return f"<{code.tag}"


def _locate(code: Code, sources: list[tuple[str, str]]) -> tuple[str, int | None]:
    """The first file (the page, then the data files) and line holding the finding's text."""
    pattern = re.compile(re.escape(_needle(code)), re.I)
    for file, text in sources:
        match = pattern.search(text)
        if match:
            return file, text.count("\n", 0, match.start()) + 1
    return sources[0][0], None


def _problems(findings: list[Code], sources: list[tuple[str, str]], where: str) -> list[Problem]:
    problems = []
    for code in findings:
        file, line = _locate(code, sources)
        message, hint = csp.describe(code)
        problems.append(Problem(file, line, f"{message}{where}", hint))
    return problems


def _finish(html: str, sources: list[tuple[str, str]], content_problems: list[Problem]) -> str:
    html = with_safe_external_links(theme_fixes.apply(html))
    allowed, findings = csp.page_findings(html, _build.allowlist)
    # Content problems explain the page's findings already; report the rest only when alone.
    problems = content_problems or _problems(findings, sources, " (it is not in the page's content: check the front matter, the templates and the hooks)")
    _build.pages_with_problems += bool(problems)
    warn_problems(problems, log)
    return csp.with_policy(html, csp.page_policy(allowed))


def on_post_page(output, page, config):
    page_file = display_path(page.file.abs_src_path or page.file.src_uri, _build.root)
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
    sources = [(page_file, source), *_build.data_files()]
    content_problems = _problems(csp.content_findings(page.content or ""), sources, "")
    return _finish(output, sources, content_problems)


def on_post_build(config):
    # The print page repeats every page's content: once pages were reported, it would only echo them.
    if _build.pages_with_problems:
        return
    site_dir = Path(config.site_dir)
    for html_file in site_dir.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        if not csp.has_policy(html):
            sources = [(f"site/{html_file.relative_to(site_dir).as_posix()}", "")]
            html_file.write_text(_finish(html, sources, []), encoding="utf-8")
