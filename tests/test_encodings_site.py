"""What maintainers' editors really save: awkward but valid files build as they read, and files
that are not UTF-8 stop the build with file, line and hint, every one at once, never a traceback.

Windows editors save CRLF line endings and often a byte-order mark; Welsh place names carry ŵ and
ŷ; people paste emoji. An editor set to Windows-1252 (or Notepad's "Unicode", UTF-16) saves bytes
that are not UTF-8.
"""

from __future__ import annotations

import re

from conftest import build_in_process, tiny_project

WELSH = "Ynys Môn, Tŷ Hywel, Bwrdd Iechyd Aneurin Bevan, ŵyr 🙂"
PAGE = f"""\
---
reviewed: 2026-11-25
---

# Croeso: {WELSH}

Turn on 2-step verification.

## Ŷ section

Text with a tooltip: 2SV.
"""


def _windows(text: str) -> bytes:
    """How Notepad saves UTF-8: a byte-order mark and CRLF line endings."""
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def _project(tmp_path, pages: dict[str, str] | None = None, review_dates: bool = True):
    return tiny_project(
        tmp_path,
        pages or {"index.md": PAGE},
        config="theme: {name: mkdocs, highlightjs: false}\nmarkdown_extensions: [abbr]",
        review_dates=review_dates,
    )


def test_crlf_a_byte_order_mark_welsh_letters_and_emoji_build_as_written(tmp_path):
    config = _project(tmp_path)
    (tmp_path / "docs" / "index.md").write_bytes(_windows(PAGE))
    glossary = tmp_path / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8").replace(
        "    tooltip: 2-step verification, a second", f"    tooltip: 2-step verification ({WELSH}), a second", 1
    )
    for data_file in (tmp_path / "data").glob("*.yml"):  # every data file as Notepad saves it
        data_file.write_bytes(_windows(text if data_file == glossary else data_file.read_text(encoding="utf-8")))
    result = build_in_process(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"<h1[^>]*>Croeso: {WELSH}", html)
    assert "\ufeff" not in html and "\r" not in html and "reviewed: 2026" not in html
    assert "Last reviewed" in html, "the front matter was read through the byte-order mark"
    assert f'title="2-step verification ({WELSH}), a second' in html, "the glossary's letters reach the tooltip"


def test_data_files_that_are_not_utf8_are_all_named_with_their_line(tmp_path):
    config = _project(tmp_path, review_dates=False)
    glossary = (tmp_path / "data" / "glossary.yml").read_text(encoding="utf-8")
    line = glossary.splitlines().index("terms:") + 2
    (tmp_path / "data" / "glossary.yml").write_bytes(
        glossary.replace("terms:\n  - term: 2-step", "terms:\n  - term: Caf\xe9 2-step", 1).encode("cp1252")
    )
    (tmp_path / "data" / "search-synonyms.yml").write_bytes("synonyms: []\n".encode("utf-16"))
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    for expected in (
        rf"data/glossary\.yml:{line}: the file is not UTF-8: byte e9 on this line \(perhaps 'é' saved by an "
        rf"editor set to Windows-1252 or Latin-1\)\n\s+hint: save the file as UTF-8",
        r"data/search-synonyms\.yml:1: the file is saved as UTF-16, not UTF-8\n\s+hint: save the file as UTF-8",
    ):
        assert re.search(expected, output), output


def test_pages_that_are_not_utf8_are_all_named_with_their_line(tmp_path):
    # Windows-1252: a curly apostrophe on line 7 of one page; Latin-1's 'ô' on line 3 of another.
    config = _project(tmp_path, {"index.md": PAGE, "other.md": PAGE}, review_dates=False)
    (tmp_path / "docs" / "index.md").write_bytes(
        "---\nreviewed: 2026-11-25\n---\n\n# Page\n\nDon\u2019t turn it off.\n".encode("cp1252")
    )
    (tmp_path / "docs" / "other.md").write_bytes("# Other\n\nYnys M\xf4n\n".encode("latin-1"))
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert re.search(
        r"docs/index\.md:7: the file is not UTF-8: byte 92 on this line \(perhaps '’' .*\)\n\s+hint: save the "
        r"file as UTF-8",
        output,
    ), output
    assert re.search(r"docs/other\.md:3: the file is not UTF-8: byte f4 on this line \(perhaps 'ô' ", output), output
