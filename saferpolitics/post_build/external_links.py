"""Every link to another site carries rel="noopener noreferrer", whoever wrote it.

Content links, cards and Material's own links (edit buttons, footer) come from different places;
one pass over the final HTML keeps the promise for all of them: the other site learns nothing
about which page the reader came from, and cannot script the tab that opened it.
"""

from __future__ import annotations

import re

REQUIRED_REL = ("noopener", "noreferrer")

_EXTERNAL_HREF = r"""\shref\s*=\s*["']?https?://"""
# The start tag of a link to another site. The lookahead picks those inside the regular
# expression engine, so the many links within the site (a menu of hundreds on a large one) never
# reach Python.
_EXTERNAL_ANCHOR_START_TAG = re.compile(rf"<a(?=\s)(?=[^>]*{_EXTERNAL_HREF})[^>]*>", re.I)
_REL = re.compile(r"""(\srel\s*=\s*)(["'])(.*?)\2""", re.I | re.S)


def _hardened(tag: str) -> str:
    rel = _REL.search(tag)
    if not rel:
        return f'<a rel="{" ".join(REQUIRED_REL)}"{tag[2:]}'
    tokens = rel.group(3).split()
    tokens += [token for token in REQUIRED_REL if token not in tokens]
    return f"{tag[: rel.start(3)]}{' '.join(tokens)}{tag[rel.end(3) :]}"


def with_safe_external_links(html: str) -> str:
    return _EXTERNAL_ANCHOR_START_TAG.sub(lambda match: _hardened(match.group(0)), html)
