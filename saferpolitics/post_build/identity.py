"""The service identity (mark and colours) for code outside the page, such as a web app manifest.

The colours live in one place, docs/assets/css/identity.css; this module reads them from its
`:root` block so Python never keeps a second copy. The name is mkdocs.yml's site_name.
"""

from __future__ import annotations

import re
from pathlib import Path

STYLESHEET = "docs/assets/css/identity.css"
MARK = "docs/assets/images/mark.svg"

_ROOT_BLOCK = re.compile(r":root\s*\{(?P<body>[^}]*)\}")
_COLOUR = re.compile(r"--sp-(?P<name>[a-z-]+):\s*(?P<value>#[0-9a-fA-F]{6})\s*;")


def colours(css: str) -> dict[str, str]:
    """The `--sp-*` colours of the stylesheet's `:root` block, by name without the prefix."""
    block = _ROOT_BLOCK.search(css)
    return {m["name"]: m["value"].lower() for m in _COLOUR.finditer(block["body"])} if block else {}


def load_colours(root: Path) -> dict[str, str]:
    return colours((root / STYLESHEET).read_text(encoding="utf-8"))


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
