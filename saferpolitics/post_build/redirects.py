"""Redirect stubs for moved pages (written by mkdocs-redirects) made safe for a reader in a hurry.

A browser or reader setting may block the instant redirect (WCAG lets users turn off automatic
refresh). The stub then shows a link to the new page; we add the site's emergency strip above it,
so 999, 101 and Get help now are there too, as on every other page.
"""

from __future__ import annotations

import posixpath
import re

from saferpolitics.core.lazy_pattern import lazy_compile

BODY_OPEN = lazy_compile(r"<body[^>]*>", re.I)


def site_root_from(dest_path: str) -> str:
    """Relative URL from a built file (e.g. 'introduction/index.html') back to the site root."""
    return posixpath.relpath(".", posixpath.dirname(dest_path) or ".")


def with_emergency_strip(html: str, strip: str) -> str:
    """The stub with the strip first in its body; unchanged if it already has one."""
    if "data-sp-emergency" in html:
        return html
    match = BODY_OPEN.search(html)
    if not match:
        raise ValueError("redirect page has no <body>")
    return f"{html[: match.end()]}\n{strip}\n{html[match.end() :]}"
