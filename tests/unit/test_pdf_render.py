"""Rendering the PDF: when it is made, what happens when it cannot be, and the figures readers see."""

from __future__ import annotations

import http.server
import os
import re
import sys
import threading
import time

import pytest
import weasyprint
from pypdf import PdfReader

from saferpolitics.core import installed, render_cache
from saferpolitics.core.problems import BuildStopped
from saferpolitics.post_build import pdf, pdf_system

TWO_PAGES = """<!doctype html><html lang="en-GB"><head><title>Two pages</title>
<style>section { break-before: page }</style></head>
<body><section><h1>One</h1></section><section><h1>Two</h1></section></body></html>"""


@pytest.mark.parametrize(
    ("command", "dirty", "environ", "skipped"),
    [
        ("build", False, {}, False),
        ("gh-deploy", False, {}, False),
        ("serve", False, {}, True),
        ("serve", False, {"TOOLKIT_PDF": "1"}, False),
        ("build", False, {"TOOLKIT_PDF": "0"}, True),
        ("build", True, {}, True),
        ("build", True, {"TOOLKIT_PDF": "1"}, True),  # a partial print page is never published
    ],
)
def test_when_the_pdf_is_made(command, dirty, environ, skipped):
    assert (pdf.pdf_skip_reason(command, dirty, environ) is not None) == skipped


def test_figures_read_as_readers_expect():
    assert pdf.PdfFigures(36, 117_800).text == "36 pages, 115 KB"
    assert pdf.PdfFigures(1, 100).text == "1 page, 1 KB"


def test_headroom_says_how_far_the_pdf_is_from_its_limit():
    assert pdf.headroom(349 * 1024) == "51 KB under the 400 KB limit"
    assert pdf.headroom(412 * 1024) == "12 KB OVER the 400 KB limit"


def test_render_writes_the_pdf_and_reports_its_figures(tmp_path):
    target = tmp_path / "downloads" / "toolkit.pdf"
    figures = pdf.render_pdf(TWO_PAGES, base_url=tmp_path.as_uri(), target=target, min_pages=2)
    assert figures == pdf.PdfFigures(2, target.stat().st_size)
    assert len(PdfReader(target).pages) == 2
    assert [p.name for p in target.parent.iterdir()] == ["toolkit.pdf"]  # no temporary file left


def test_compacting_keeps_every_page_and_the_same_bytes_each_time(tmp_path):
    """The file WeasyPrint wrote, written again by qpdf: no larger, nothing lost, reproducible
    (the render cache and the README's byte-for-byte comparisons rely on it)."""
    many = TWO_PAGES.replace("<h1>Two</h1>", "<h1>Two</h1>" + "<p>Keep the evidence.</p>" * 400)
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    pdf.render_pdf(many, base_url=tmp_path.as_uri(), target=first, min_pages=2)
    pdf.render_pdf(many, base_url=tmp_path.as_uri(), target=second, min_pages=2)
    assert first.read_bytes() == second.read_bytes()
    plain = tmp_path / "plain.pdf"
    weasyprint.HTML(string=many).write_pdf(plain, **pdf.RENDER_OPTIONS)
    assert first.stat().st_size < plain.stat().st_size
    reader = PdfReader(first)
    assert len(reader.pages) == len(PdfReader(plain).pages)
    assert "Keep the evidence." in reader.pages[-1].extract_text()
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    drawn = reader.pages[-1].get_contents().get_data().decode("latin-1")
    shifts = re.findall(r"^\S+ \S+ \S+ \S+ (\S+) (\S+) Tm$", drawn, flags=re.M)
    assert shifts and all(len(number.partition(".")[2]) <= 2 for shift in shifts for number in shift)
    assert not re.search(r">\s*0\s*<", drawn)  # no kerning of 0 between glyphs


def test_a_suspicious_render_leaves_no_pdf_at_all(tmp_path):
    target = tmp_path / "toolkit.pdf"
    target.write_bytes(b"%PDF- stale copy from an earlier build")
    with pytest.raises(BuildStopped, match="2 pages, fewer than the 40 expected"):
        pdf.render_pdf(TWO_PAGES, base_url=tmp_path.as_uri(), target=target, min_pages=40)
    assert list(tmp_path.iterdir()) == []


def test_a_render_never_fetches_from_the_network(tmp_path):
    requests = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_error(404)

        def log_message(self, *args):
            pass

    with http.server.HTTPServer(("127.0.0.1", 0), Recorder) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        address = f"http://127.0.0.1:{server.server_port}"
        html = TWO_PAGES.replace("</head>", f'<link rel="stylesheet" href="{address}/look.css"></head>')
        figures = pdf.render_pdf(
            html.replace("<h1>Two", f'<img src="{address}/logo.png" alt=""><h1>Two'),
            tmp_path.as_uri(),
            tmp_path / "out.pdf",
        )
        server.shutdown()
    assert figures.pages == 2 and requests == []  # min_pages left out: no page check, the count is reported


def test_a_missing_engine_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes `import weasyprint` fail
    with pytest.raises(BuildStopped) as error:
        pdf.load_engine()
    assert "apt-get install libpango-1.0-0" in str(error.value)
    assert "TOOLKIT_PDF=0" in str(error.value)


def test_the_versions_are_read_without_weasyprint_and_match_its_own(monkeypatch):
    versions = pdf_system.library_versions()
    import pydyf
    import weasyprint
    from weasyprint.text.ffi import harfbuzz, pango

    assert pdf_system.package_versions()["weasyprint"] == weasyprint.__version__
    assert pdf_system.package_versions()["pydyf"] == pydyf.__version__
    major, minor, micro = map(int, versions["pango"].split("."))
    assert major * 10000 + minor * 100 + micro == pango.pango_version()
    major, minor, micro = map(int, versions["harfbuzz"].split("."))
    assert harfbuzz.hb_version_atleast(major, minor, micro) and not harfbuzz.hb_version_atleast(major, minor, micro + 1)


def test_a_missing_python_package_of_the_engine_is_named_with_the_command_that_installs_it(monkeypatch, tmp_path):
    real = installed.distribution

    def missing_pydyf(name):
        if name == "pydyf":
            raise pdf_system.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(installed, "distribution", missing_pydyf)
    [problem] = [p for p in pdf_system.preflight([], tmp_path) if p.file == "requirements.lock"]
    assert "pydyf is not installed" in problem.message
    assert "requirements.lock" in problem.hint


def test_a_kept_pdf_is_reused_without_the_engine(tmp_path, monkeypatch):
    cache, target = tmp_path / "cache", tmp_path / "site" / "toolkit.pdf"
    pdf.render_pdf(_styled(tmp_path), tmp_path.as_uri(), target, min_pages=2, cache_dir=cache)
    monkeypatch.setattr(pdf, "load_engine", lambda: pytest.fail("WeasyPrint loaded for a reused PDF"))
    assert pdf.render_pdf(_styled(tmp_path), tmp_path.as_uri(), target, min_pages=2, cache_dir=cache).reused


def _styled(tmp_path, colour="navy"):
    """A document whose look comes from a local stylesheet, as the toolkit's does."""
    css = tmp_path / "site" / "print.css"
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text(f"h1 {{ color: {colour} }}", encoding="utf-8")
    return TWO_PAGES.replace("<style>", f'<link rel="stylesheet" href="{css.as_uri()}"><style>')


def test_an_unchanged_document_reuses_the_kept_pdf_byte_for_byte(tmp_path):
    cache, target = tmp_path / "cache", tmp_path / "site" / "toolkit.pdf"
    first = pdf.render_pdf(_styled(tmp_path), tmp_path.as_uri(), target, min_pages=2, cache_dir=cache)
    rendered = target.read_bytes()
    second = pdf.render_pdf(_styled(tmp_path), tmp_path.as_uri(), target, min_pages=2, cache_dir=cache)
    assert (first.reused, second.reused) == (False, True)
    assert second == first and target.read_bytes() == rendered
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".tmp-")]


def test_a_changed_stylesheet_library_or_text_renders_again(tmp_path, monkeypatch):
    cache, target = tmp_path / "cache", tmp_path / "site" / "toolkit.pdf"
    pdf.render_pdf(_styled(tmp_path), tmp_path.as_uri(), target, min_pages=2, cache_dir=cache)
    assert not pdf.render_pdf(_styled(tmp_path, "red"), tmp_path.as_uri(), target, 2, cache).reused
    assert not pdf.render_pdf(_styled(tmp_path, "red").replace("Two", "2"), tmp_path.as_uri(), target, 2, cache).reused
    conditions = pdf_system.conditions
    monkeypatch.setattr(pdf_system, "conditions", lambda stacks: conditions(stacks).replace("pango 1.", "pango 99."))
    assert not pdf.render_pdf(_styled(tmp_path, "red"), tmp_path.as_uri(), target, 2, cache).reused


def test_the_key_ignores_where_the_site_was_built_but_not_what_it_loads(tmp_path):
    html_a = _styled(tmp_path / "a")
    html_b = _styled(tmp_path / "b")
    assert html_a != html_b
    assert pdf.render_key(html_a, "file:///a/") == pdf.render_key(html_b, "file:///b/")
    html_c = _styled(tmp_path / "c", "red")
    assert pdf.render_key(html_a, "file:///a/") != pdf.render_key(html_c, "file:///c/")


def test_a_cut_short_or_unrecorded_kept_pdf_is_never_served(tmp_path):
    cache, target = tmp_path / "cache", tmp_path / "site" / "toolkit.pdf"
    pdf.render_pdf(_styled(tmp_path), tmp_path.as_uri(), target, min_pages=2, cache_dir=cache)
    kept = next(cache.glob("pdf-toolkit-*")) / "document.pdf"
    kept.write_bytes(kept.read_bytes()[:100])  # a copy cut short
    again = pdf.render_pdf(_styled(tmp_path), tmp_path.as_uri(), target, min_pages=2, cache_dir=cache)
    assert not again.reused and len(PdfReader(target).pages) == 2
    (next(cache.glob("pdf-toolkit-*")) / "figures.json").unlink()  # a render without its record
    assert not pdf.render_pdf(_styled(tmp_path), tmp_path.as_uri(), target, 2, cache).reused


def test_only_the_last_few_renders_of_a_document_are_kept(tmp_path):
    cache, target = tmp_path / "cache", tmp_path / "site" / "toolkit.pdf"
    for n in range(render_cache.KEEP_LAST + 2):
        pdf.render_pdf(_styled(tmp_path).replace("One", f"One {n}"), tmp_path.as_uri(), target, 2, cache)
    assert len(list(cache.glob("pdf-toolkit-*"))) == render_cache.KEEP_LAST


def test_renders_made_together_ask_for_the_conditions_once_with_the_same_keys(tmp_path, monkeypatch):
    """The two crisis cards load the same stylesheets: fontconfig is asked once for both, and each
    key is the one a render alone would have."""
    html = _styled(tmp_path)
    alone = pdf.render_key(html, tmp_path.as_uri())
    asked = []
    conditions = pdf_system.conditions
    monkeypatch.setattr(pdf_system, "conditions", lambda *args: asked.append(args[0]) or conditions(*args))
    together = pdf_system.Snapshot()
    keys = [pdf.render_key(html, tmp_path.as_uri(), conditions=together.conditions) for _ in range(2)]
    assert keys == [alone, alone]
    assert len(asked) == 1


def test_a_build_asks_the_system_once_for_its_preflight_and_its_keys_and_the_next_build_asks_again(
    tmp_path, monkeypatch
):
    """One snapshot a build: the versions, the fonts offered and each family's file, asked by the
    preflight, are not asked again for the PDFs' keys, which come out as without it. A later
    build (`mkdocs serve`) makes its own and sees a font installed in between."""
    css = tmp_path / "card.css"
    css.write_text('body { font-family: "DejaVu Sans", sans-serif }', encoding="utf-8")
    stacks = pdf_system.font_stacks(css.read_text(encoding="utf-8"))
    expected = pdf_system.conditions(stacks)
    asked = []
    for question in ("package_versions", "library_versions", "installed_fonts", "resolve"):
        real = getattr(pdf_system, question)
        monkeypatch.setattr(
            pdf_system, question, lambda *args, real=real, question=question: asked.append(question) or real(*args)
        )
    system = pdf_system.Snapshot()
    assert pdf_system.preflight([css], tmp_path, system) == []
    first = sorted(asked)
    assert first == ["installed_fonts", "library_versions", "package_versions", "resolve"]
    assert system.conditions(stacks) == expected
    assert system.conditions(stacks) == expected
    assert sorted(set(asked)) == first and asked.count("installed_fonts") == 1
    assert asked.count("resolve") == len(pdf_system.FACES)  # the preflight's face ("") was not asked again
    asked.clear()
    monkeypatch.setattr(pdf_system, "installed_fonts", lambda: ["/usr/share/fonts/new.ttf"])
    assert "new.ttf" in pdf_system.Snapshot().conditions(stacks)
    assert "new.ttf" not in system.conditions(stacks)


def test_a_font_files_digest_is_kept_between_builds_until_the_file_is_written_again(tmp_path, monkeypatch):
    """Snapshot.font_file: the first build hashes a used font's bytes, later builds read the
    digest from the render cache; the same bytes written back with the old size and time (what
    a package upgrade that keeps them could do) are hashed again, by their change time."""
    font, cache = tmp_path / "font.ttf", tmp_path / "cache"
    font.write_bytes(b"glyphs one")
    hashed = []
    digest = pdf_system._file_digest
    monkeypatch.setattr(pdf_system, "_file_digest", lambda path: hashed.append(path) or digest(path))
    first = pdf_system.Snapshot(cache).font_file(str(font))
    assert first == f"{font} {digest(str(font))}" and len(hashed) == 1
    assert pdf_system.Snapshot(cache).font_file(str(font)) == first and len(hashed) == 1
    assert pdf_system.Snapshot().font_file(str(font)) == first and len(hashed) == 2  # no cache: hashed
    before = font.stat()
    time.sleep(0.05)  # the system's clock for change times moves in steps of up to 10 ms
    font.write_bytes(b"glyphs two")  # as long as the old bytes
    os.utime(font, ns=(before.st_atime_ns, before.st_mtime_ns))
    system = pdf_system.Snapshot(cache)
    assert system.font_file(str(font)) == f"{font} {digest(str(font))}" != first and len(hashed) == 3
    system.forget_unused()  # the first digest was not used by this build
    assert len(list(next(cache.glob("font-digests-*")).iterdir())) == 1
    assert pdf_system.Snapshot(cache).font_file(str(tmp_path / "gone.ttf")) == f"{tmp_path / 'gone.ttf'} missing"
