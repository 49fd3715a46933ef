"""The page policy (Content-Security-Policy): an allowlist of the inline code templates wrote.

Readers are high-risk people: the policy lets a page load code, styles, fonts, images and data
only from the site itself. Material writes a few small inline scripts into every page; each is
allowed by its SHA-256 hash, which only matches that exact text. The hashes come from the
templates, not from the page: while a page is rendered, every inline script or style element
of Material's own template files (and any element one of our templates passes through
`{% filter inline_code %}`) is recorded in the build's `Allowlist`. Two plugins that write HTML
without a template are matched by a fixed pattern (`PLUGIN_SCRIPTS`). Anything else in a page
(from Markdown, a data file, a block or front matter) is never in the policy, so a browser would
not run it, and the build fails on it first: all code in a page's content (the Markdown stage,
with saferpolitics/core/content_policy.py), and inline code elsewhere that no template wrote
(`page_findings`, worded by the same module).
The allowlist is per build, not per page: outside the content, an exact copy of a template's own
script is allowed, being the same code.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import jinja2
import jinja2.ext

from saferpolitics.core import html_tokens, htmlscan
from saferpolitics.core.lazy_pattern import lazy_compile

META_NAME = "Content-Security-Policy"

# A <meta> policy cannot carry frame-ancestors, report-uri or sandbox (browsers ignore them there).
FIXED_DIRECTIVES = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # Material's icons are data: SVGs in its CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # the search index is fetched from the site
    "worker-src": ["'self'"],  # Material's search worker and the offline service worker
    "manifest-src": ["'self'"],  # the web app manifest (Add to home screen)
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
}


def hash_source(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style body."""
    # Browsers hash the text after HTML input normalisation, which turns CRLF and CR into LF.
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def policy_for(scripts: list[str], styles: list[str]) -> str:
    """The policy for one page: the fixed directives plus the hashes of its allowed inline code."""
    directives = {
        "default-src": FIXED_DIRECTIVES["default-src"],
        "script-src": ["'self'", *_unique([hash_source(s) for s in scripts])],
        "style-src": ["'self'", *_unique([hash_source(s) for s in styles])],
        **FIXED_DIRECTIVES,
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def allows_data(directive: str) -> bool:
    """Whether every page's policy lets a page load a data: address under this directive (its
    own sources, or default-src's when it has none): a stylesheet's check asks it."""
    written = dict(part.split(" ", 1) for part in policy_for([], []).split("; "))
    return "data:" in written.get(directive, written["default-src"]).split()


# --- The allowlist: inline code the theme's templates and two plugins write -------------------

# Plugins that write inline code without a template, each matched as a whole: no free text.
PLUGIN_SCRIPTS = {
    # mkdocs-redirects' stub: the new address (a relative path) is its only variable part.
    "mkdocs-redirects": lazy_compile(
        r'var anchor=window\.location\.hash\.substr\(1\);location\.href="[\w./~%#-]*"\+\(anchor\?"#"\+anchor:""\)'
    ),
    # print-site's start-up call on the print page: only its own functions, in any order.
    "print-site": lazy_compile(
        r"\s*document\.addEventListener\('DOMContentLoaded', function \(\) \{\s*"
        r"(?:(?:remove_material_navigation|remove_mkdocs_theme_navigation|generate_toc)\(\);)+\s*\}\)\s*"
    ),
}


class Allowlist:
    """Hashes of the inline scripts and styles that templates wrote during this build."""

    def __init__(self, hashes: set[str] | None = None):
        self.hashes: set[str] = hashes or set()
        self.recorded: set[str] = set()  # template output already read

    def record(self, html: str) -> str:
        """Jinja filter `inline_code`: allow the inline code in a template's own output. Every page
        renders the same few scripts: each distinct output is read once a build, not once a page."""
        if html in self.recorded:
            return html
        self.recorded.add(html)
        for code in htmlscan.scan(html):
            if code.kind in ("script", "style"):
                self.hashes.add(hash_source(code.text))
        return html

    def allows(self, code: htmlscan.Code) -> bool:
        if hash_source(code.text) in self.hashes:
            return True
        return code.kind == "script" and any(pattern.fullmatch(code.text) for pattern in PLUGIN_SCRIPTS.values())


_TEMPLATE_INLINE_CODE = lazy_compile(r"<(script|style)\b(?![^>]*\ssrc=)[^>]*>.*?</\1>", re.S | re.I)


def mark_template_code(source: str) -> str:
    """A third-party template's source with each inline script and style element passed through
    the `inline_code` filter, so exactly what the template writes is allowed."""
    return _TEMPLATE_INLINE_CODE.sub(lambda m: f"{{% filter inline_code %}}{m.group(0)}{{% endfilter %}}", source)


class TemplateCodeExtension(jinja2.ext.Extension):
    """Allows the inline code of the theme's own templates (Material's); ours mark theirs."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        marked_dirs = getattr(self.environment, "inline_code_dirs", ())
        if filename and any(Path(filename).resolve().is_relative_to(d) for d in marked_dirs):
            return mark_template_code(source)
        return source


def install(env: jinja2.Environment, allowlist: Allowlist, third_party_dirs: list[Path]) -> jinja2.Environment:
    """Give a theme environment the `inline_code` filter and mark third-party templates' code.
    third_party_dirs: resolved (Path.resolve), as a template's file is before it is compared with
    them; the caller resolves them once for the build's five environments."""
    env.filters["inline_code"] = allowlist.record
    env.inline_code_dirs = tuple(third_party_dirs)
    env.add_extension(TemplateCodeExtension)
    return env


_CHARSET_META = lazy_compile(r"<meta\s+charset=[^>]*>", re.I)
_HEAD_START = lazy_compile(r"<head(\s[^>]*)?>", re.I)


def with_policy(html: str, policy: str) -> str:
    """The page with its policy as the first thing after <meta charset> (a <meta> policy only
    governs what comes after it), always: a page's own policy is refused as a page setting
    (page_findings), and the words of one in a page's text once left a page with none. Pages
    without a <head> are returned unchanged."""
    meta = f'<meta http-equiv="{META_NAME}" content="{policy}">'
    anchor = _CHARSET_META.search(html) or _HEAD_START.search(html)
    if not anchor:
        return html
    return f"{html[: anchor.end()]}\n      {meta}{html[anchor.end() :]}"


# mkdocs-redirects' stub for a moved page, exactly as it writes it: "0; url=" and a path, with no
# quotes, character references or spaces, which browsers would read past to another website
# (url='https://…', &#104;ttps://…). The same characters as its stub's script (PLUGIN_SCRIPTS).
_REDIRECT = lazy_compile(r"0; url=(?P<address>[\w./~%#-]*)")


# Settings that only say how to read the page (MkDocs' own theme writes X-UA-Compatible).
_DESCRIBING_SETTINGS = {"x-ua-compatible", "content-type"}


def is_harmless_setting(code: htmlscan.Code) -> bool:
    """True for a <meta http-equiv> that only describes the page, or that sends the reader on to
    a page of this site at once (a moved page's redirect)."""
    if code.name in _DESCRIBING_SETTINGS:
        return True
    moved = _REDIRECT.fullmatch(code.text) if code.name == "refresh" else None
    return moved is not None and not html_tokens.other_origin(moved["address"])


def page_findings(html: str, allowlist: Allowlist) -> tuple[list[htmlscan.Code], list[htmlscan.Code]]:
    """(allowed inline scripts and styles, problems) of a whole built page.

    Outside its content a page holds the theme's markup: its <meta>, <link> and SVG icons are
    expected there, inline code only when a template wrote it, files from other websites never.
    A <meta http-equiv> only to describe the page or as a moved page's redirect within the site:
    the page's policy is the build's alone, and no page sets a cookie or sends a reader to
    another website."""
    allowed, problems = [], []
    for code in htmlscan.scan(html):
        if code.kind in ("script", "style"):
            (allowed if allowlist.allows(code) else problems).append(code)
        elif (
            code.kind in ("handler", "javascript-url", "unreadable-script", "third-party-source", "sends")
            or (code.kind == "embedding" and code.tag not in ("meta", "link"))
            or (code.kind == "page-setting" and not is_harmless_setting(code))
        ):
            problems.append(code)
    return allowed, problems


def page_policy(allowed: list[htmlscan.Code]) -> str:
    return policy_for([c.text for c in allowed if c.kind == "script"], [c.text for c in allowed if c.kind == "style"])
