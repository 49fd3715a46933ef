"""A kept PDF is served only where it would come out the same, and a machine without the parts a
PDF needs gets one message naming them, never a crash.

Fonts are changed the way a machine changes them, through fontconfig (FONTCONFIG_FILE pointing at
a configuration of our own), which a process reads once: each condition is a process of its own,
and a crash there cannot take pytest with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs_build, tiny_project
from saferpolitics.core.source_lines import line_of
from saferpolitics.post_build import pdf_system

# Renders a document twice in one process, under the same conditions: with the shared cache
# (warm: reused if kept under the same key) and without one (cold), and says which it was.
RENDER = """
import sys
from pathlib import Path
from saferpolitics.post_build import pdf, pdf_system
document, cache, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
if len(sys.argv) > 4:  # as if the system's Pango were another version
    found = pdf_system.library_versions
    pdf_system.library_versions = lambda: {**found(), "pango": sys.argv[4]}
html, base = document.read_text(encoding="utf-8"), document.parent.as_uri() + "/"
warm = pdf.render_pdf(html, base, out / "warm.pdf", cache_dir=cache, options=pdf.RENDER_OPTIONS)
pdf.render_pdf(html, base, out / "cold.pdf", options=pdf.RENDER_OPTIONS)
print("reused" if warm.reused else "rendered")
"""
DOCUMENT = """<!doctype html><html lang="en-GB"><head><title>Card</title>
<link rel="stylesheet" href="card.css"></head><body><h1>When abuse starts</h1><p>{words}</p></body></html>"""
CARD_CSS = 'body { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: %s }'


def fonts_conf(folder: Path, body: str) -> Path:
    """A fontconfig configuration with this body, and a font cache of its own."""
    path = folder / "fonts.conf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>{body}'
        f"<cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return path


def render(tmp_path: Path, name: str, env: dict | None = None, pango: str | None = None) -> tuple[str, bytes, bytes]:
    out = tmp_path / name
    out.mkdir()
    command = [sys.executable, "-c", RENDER, str(tmp_path / "doc" / "card.html"), str(tmp_path / "cache"), str(out)]
    result = subprocess.run(
        command + ([pango] if pango else []), capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip(), (out / "warm.pdf").read_bytes(), (out / "cold.pdf").read_bytes()


def test_a_kept_pdf_is_served_only_under_the_conditions_it_was_made_in(tmp_path):
    document = tmp_path / "doc" / "card.html"
    document.parent.mkdir()
    document.write_text(DOCUMENT.format(words="Keep the evidence."), encoding="utf-8")
    (tmp_path / "doc" / "card.css").write_text(CARD_CSS % "11pt", encoding="utf-8")
    how, first, cold = render(tmp_path, "first")
    assert first == cold
    assert render(tmp_path, "again")[0] == "reused", "an unchanged document under unchanged conditions is reused"

    changes = {}
    document.write_text(DOCUMENT.format(words="Keep the evidence first."), encoding="utf-8")
    changes["source"] = render(tmp_path, "source")
    (tmp_path / "doc" / "card.css").write_text(CARD_CSS % "12pt", encoding="utf-8")
    changes["stylesheet"] = render(tmp_path, "stylesheet")
    # The fonts the machine has: only DejaVu, as before fonts-liberation is installed.
    dejavu = Path(pdf_system.resolve("DejaVu Sans").file).parent
    only_dejavu = fonts_conf(tmp_path, f"<dir>{dejavu}</dir>")
    changes["fonts installed"] = render(tmp_path, "installed", {"FONTCONFIG_FILE": str(only_dejavu)})
    # The same fonts, but fontconfig's configuration picks another for the family asked for.
    system = Path(os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf"))
    rule = (
        f"<include>{system}</include><match target='pattern'><test name='family'><string>Liberation "
        "Sans</string></test>"
        "<edit name='family' mode='assign' binding='strong'><string>DejaVu Sans</string></edit></match>"
    )
    (tmp_path / "alias").mkdir()
    changes["font picked"] = render(tmp_path, "picked", {"FONTCONFIG_FILE": str(fonts_conf(tmp_path / "alias", rule))})
    changes["library version"] = render(tmp_path, "library", pango="9.99.0")

    for change, (how, warm, cold) in changes.items():
        assert how == "rendered", f"after a change of {change}, a PDF made before was served"
        assert warm == cold, f"after a change of {change}, the cache-built PDF differs from a fresh render"
    for change in ("source", "stylesheet", "fonts installed", "font picked"):
        assert changes[change][1] != first, f"the test's change of {change} changes nothing in the PDF"


def test_a_machine_without_any_font_gets_one_message_not_a_crash(tmp_path):
    no_fonts = fonts_conf(tmp_path, f"<dir>{tmp_path / 'no-fonts'}</dir>")
    config = tiny_project(tmp_path / "project", {"index.md": "# Home\n"})
    result = run_mkdocs_build(config, tmp_path / "site", env={"FONTCONFIG_FILE": str(no_fonts), "TOOLKIT_PDF": "0"})
    assert result.returncode == 1, f"exit status {result.returncode} (a crash is negative)\n{result.stderr}"
    assert "fontconfig finds no fonts at all" in result.stderr
    assert "sudo apt-get install fonts-liberation" in result.stderr
    assert "Pango-CRITICAL" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists(), "stopped before any work"


def test_a_machine_with_other_fonts_is_told_which_to_install_not_to_shorten_a_card(tmp_path):
    dejavu = Path(pdf_system.resolve("DejaVu Sans").file).parent
    only_dejavu = fonts_conf(tmp_path, f"<dir>{dejavu}</dir>")
    config = tiny_project(tmp_path / "project", {"index.md": "# Home\n"})
    result = run_mkdocs_build(config, tmp_path / "site", env={"FONTCONFIG_FILE": str(only_dejavu)})
    assert result.returncode == 1, result.stderr
    message = result.stderr
    for stylesheet in ("saferpolitics/post_build/pdf.css", "docs/assets/css/first-hour.css"):
        line = line_of((ROOT / stylesheet).read_text(encoding="utf-8"), '"Liberation Sans"', stylesheet)
        assert (
            f'{stylesheet}:{line}: asks for the font "Liberation Sans", which is not installed: fontconfig '
            "would use DejaVu" in message
        )
    assert "hint: sudo apt-get install fonts-liberation" in message
    assert "shorten" not in message


def test_a_machine_without_pango_is_told_what_to_install(monkeypatch):
    monkeypatch.setitem(pdf_system.LIBRARIES, "pango", ("libno-such-pango.so.0",))
    problems = pdf_system.preflight([], Path("."))
    assert len(problems) == 1 and "needs Pango" in problems[0].message
    assert problems[0].hint == "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"


@pytest.mark.parametrize(
    ("css", "stacks"),
    [
        ('body { font-family: "Liberation Sans", Arial, sans-serif }', [["Liberation Sans", "Arial"]]),
        (":root { --md-text-font-family: var(--md-text-font, _), -apple-system, Helvetica }", [["Helvetica"]]),
        ("code { font-family: 'Liberation Mono', monospace; } p { font-family: inherit }", [["Liberation Mono"]]),
    ],
)
def test_the_fonts_a_stylesheet_asks_for(css, stacks):
    assert pdf_system.font_stacks(css) == stacks
