"""The service identity's colours: one stylesheet, every pairing readable (WCAG AA, 4.5:1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import project_plugin_options, read_mkdocs_config
from saferpolitics.post_build.offline import root_colours

ROOT = Path(__file__).resolve().parents[2]
# The colours live in one place, identity.css; these read them from its `:root` block, so the
# tests keep no second copy.
STYLESHEET = "docs/assets/css/identity.css"
MARK = "docs/assets/images/mark.svg"


def colours(css: str) -> dict[str, str]:
    """The `--sp-*` colours of the stylesheet's `:root` block, by name without the prefix, as the
    build reads them (the installed app's theme colour is var(--sp-brand))."""
    return {name.removeprefix("--sp-"): value for name, value in root_colours(css).items() if name.startswith("--sp-")}


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


SLATE_BACKGROUNDS = ["#1e2129", "#2e303e"]  # Material's dark page and its raised panels (code, PDF box)

PAIRS = [
    ("brand-text", ["#brand"]),
    ("brand", ["#ffffff", "#f5f5f5"]),
    ("brand-light", SLATE_BACKGROUNDS),
    ("emergency-text", ["#emergency"]),
    ("error", ["#ffffff", "#f5f5f5"]),
    ("brand-text", ["#error"]),  # white on --sp-error-fill, the evidence log's erase button
    ("error-light", SLATE_BACKGROUNDS),
]


@pytest.mark.parametrize(("foreground", "backgrounds"), PAIRS)
def test_each_identity_colour_passes_aa_where_it_is_used(foreground, backgrounds):
    palette = load_colours(ROOT)
    for background in backgrounds:
        colour = palette[background[1:]] if background[1:] in palette else background
        assert contrast(palette[foreground], colour) >= 4.5, f"{foreground} on {background}"


def test_the_mark_uses_the_identity_colours():
    palette = load_colours(ROOT)
    fills = set(re.findall(r'fill="(#[0-9a-f]{6})"', (ROOT / MARK).read_text(encoding="utf-8")))
    assert fills == {palette["brand"], palette["brand-text"]}


def test_contrast_matches_known_values():
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_the_installed_app_takes_its_colour_from_the_identity_stylesheet():
    # Written once: mkdocs.yml names the custom property, the build reads its value from identity.css.
    assert project_plugin_options()["app"]["theme_colour"] == "var(--sp-brand)"


# Stylesheets that load with identity.css: the site's (extra_css), the PDF's (the same and pdf.css)
# and the crisis cards' (crisis_cards.STYLESHEETS). Each uses the identity's custom properties.
LOADED_WITH_IDENTITY = sorted({*ROOT.glob("docs/assets/css/*.css"), ROOT / "saferpolitics" / "post_build" / "pdf.css"})
# Stylesheets whose only colours of their own are greys (text, rules); any other colour is the identity's.
IDENTITY_ONLY = [
    "docs/assets/css/print.css",
    "docs/assets/css/first-hour.css",
    "docs/assets/css/evidence-log.css",
    "saferpolitics/post_build/pdf.css",
]
# The PDF's warning box: a red bar on a pale red, the PDF's own (the site's warnings are black).
NOT_GREY = {"saferpolitics/post_build/pdf.css": {"#d4351c", "#fdf1ef"}}
HEX = re.compile(r"#(?:[0-9a-f]{6}|[0-9a-f]{3})\b")


def is_grey(colour: str) -> bool:
    digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
    channels = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
    return max(channels) - min(channels) <= 16


def test_the_brand_emergency_and_error_colours_are_written_only_in_the_identity_stylesheet():
    palette = load_colours(ROOT)
    written = {palette[name] for name in ("brand", "brand-light", "emergency", "error", "error-light")}
    for stylesheet in LOADED_WITH_IDENTITY:
        if stylesheet.name != "identity.css":
            found = set(HEX.findall(stylesheet.read_text(encoding="utf-8").lower()))
            assert not found & written, f"{stylesheet.relative_to(ROOT)}: use identity.css's var(--sp-...)"


def test_the_printed_outputs_and_the_evidence_log_colour_from_the_identity():
    # The PDF had its own navy where the site has its brand colour; print.css, first-hour.css and
    # the evidence log wrote the emergency yellow and a red of their own.
    for stylesheet in IDENTITY_ONLY:
        css = (ROOT / stylesheet).read_text(encoding="utf-8").lower()
        other = {c for c in HEX.findall(css) if not is_grey(c)} - NOT_GREY.get(stylesheet, set())
        assert not other, f"{stylesheet}: {sorted(other)} are not greys: use identity.css's var(--sp-...)"
        assert "var(--sp-" in css


def test_every_stylesheet_that_uses_the_identity_loads_with_it():
    from saferpolitics.post_build.crisis_cards import STYLESHEETS

    extra_css = read_mkdocs_config()["extra_css"]
    assert extra_css[0] == "assets/css/identity.css"  # the site and the PDF: first, before any that uses it
    assert STYLESHEETS[0] == "assets/css/identity.css" and "assets/css/first-hour.css" in STYLESHEETS
    used = {p.relative_to(ROOT / "docs").as_posix() for p in LOADED_WITH_IDENTITY if p.is_relative_to(ROOT / "docs")}
    assert used <= set(extra_css), "a stylesheet outside extra_css would not have the identity's colours"
