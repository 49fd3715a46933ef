"""Step 4 on every page, and what the render cache keeps of it: a page finished from the same
inputs is read back; a page with something to report is finished and reported every time."""

import hashlib

from conftest import bare_post_build
from saferpolitics.post_build import pipeline

PAGE = '<html><head><meta charset="utf-8"></head><body><a href="https://example.org/">Example</a></body></html>'
BAD = PAGE.replace("<body>", '<body><p onclick="alert(1)">Hi</p>')


def finished(cache, pages: dict[str, str], **values) -> tuple[dict[str, str], pipeline.Report]:
    report = pipeline.Report()
    written = {path: html.encode() for path, html in pages.items()}
    digests = {path: hashlib.sha256(data).digest() for path, data in written.items()}
    build = bare_post_build(render_cache=str(cache), **values)
    finished_digests = pipeline.finish_pages(written, digests, build, None, report)
    # The offline list takes these as each finished page's SHA-256, made now or read back.
    assert finished_digests == {path: hashlib.sha256(data).digest() for path, data in written.items()}
    return {path: data.decode() for path, data in written.items()}, report


def test_a_page_finished_before_from_the_same_inputs_is_read_back(tmp_path, monkeypatch):
    first, report = finished(tmp_path, {"index.html": PAGE})
    assert "Content-Security-Policy" in first["index.html"] and 'rel="noopener noreferrer"' in first["index.html"]
    assert not report.problems
    monkeypatch.setattr(pipeline, "finish_page", lambda *args: ("made again", []))
    assert finished(tmp_path, {"index.html": PAGE})[0] == first
    assert finished(tmp_path, {"index.html": PAGE + "\n"})[0] == {"index.html": "made again"}, "its HTML changed"
    assert finished(tmp_path, {"about.html": PAGE})[0] == {"about.html": "made again"}, "another page"
    assert finished(tmp_path, {"index.html": PAGE}, site_name="Other")[0] == {"index.html": "made again"}


def test_a_page_with_inline_code_is_reported_by_every_build(tmp_path):
    for _ in range(2):
        pages, report = finished(tmp_path, {"index.html": BAD}, page_sources={"index.html": "docs/index.md"})
        assert [p.message.split(",")[0] for p in report.problems] == ["<p onclick=...> is an inline event handler"]
