"""A Content-Security-Policy for each built page, computed from the page's own HTML.

Readers are high-risk people: the policy lets a page load code, styles, fonts, images and data
only from the site itself. Material writes a few small inline scripts into every page (and the
print page carries an inline script and style block); rather than allowing inline code wholesale,
each one is allowed by its SHA-256 hash, which only matches that exact text.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

META_NAME = "Content-Security-Policy"

# Script types a browser runs; anything else (application/json config, templates) is data.
_EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

# A <meta> policy cannot carry frame-ancestors, report-uri or sandbox (browsers ignore them there).
FIXED_DIRECTIVES = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # Material's icons are data: SVGs in its CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # the search index is fetched from the site
    "worker-src": ["'self'"],  # Material's search runs in a web worker from the site
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
}


@dataclass
class InlineCode:
    """Inline code found in a page: what the policy must hash, and what it blocks on purpose."""

    scripts: list[str] = field(default_factory=list)  # bodies of executable <script> elements
    styles: list[str] = field(default_factory=list)  # bodies of <style> elements
    # Attributes a hash-based policy blocks: style="..." and on*="..." event handlers.
    blocked_attributes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, name, value)


class _InlineCodeParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found = InlineCode()
        self._collecting: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.blocked_attributes.append((tag, name, value or ""))
        if tag == "script" and "src" not in attributes:
            script_type = (attributes.get("type") or "").strip().lower()
            if script_type in _EXECUTABLE_SCRIPT_TYPES:
                self._collecting = self.found.scripts
        elif tag == "style":
            self._collecting = self.found.styles
        if self._collecting is not None:
            self._collecting.append("")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._collecting = None

    def handle_data(self, data):
        # Inside <script>/<style> the parser hands over the raw text, possibly in pieces.
        if self._collecting is not None:
            self._collecting[-1] += data


def find_inline_code(html: str) -> InlineCode:
    parser = _InlineCodeParser()
    parser.feed(html)
    parser.close()
    return parser.found


def hash_source(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style body."""
    # Browsers hash the text after HTML input normalisation, which turns CRLF and CR into LF.
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def policy_for(html: str) -> str:
    """The policy for one page: the fixed directives plus hashes of its own inline code."""
    code = find_inline_code(html)
    directives = {
        "default-src": FIXED_DIRECTIVES["default-src"],
        "script-src": ["'self'", *_unique([hash_source(s) for s in code.scripts])],
        "style-src": ["'self'", *_unique([hash_source(s) for s in code.styles])],
        **FIXED_DIRECTIVES,
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


_CSP_META = re.compile(r"<meta\s+http-equiv=[\"']?Content-Security-Policy[\"']?", re.I)
_CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>", re.I)
_HEAD_START = re.compile(r"<head(\s[^>]*)?>", re.I)


def has_policy(html: str) -> bool:
    return bool(_CSP_META.search(html))


def with_policy(html: str) -> str:
    """The page with its policy as the first thing after <meta charset> (a <meta> policy only
    governs what comes after it). Pages without a <head> are returned unchanged."""
    if has_policy(html):
        return html
    meta = f'<meta http-equiv="{META_NAME}" content="{policy_for(html)}">'
    anchor = _CHARSET_META.search(html) or _HEAD_START.search(html)
    if not anchor:
        return html
    return f"{html[: anchor.end()]}\n      {meta}{html[anchor.end():]}"
