"""The page policy on built sites: only template code is allowed, and content code fails the build."""

from __future__ import annotations

import base64
import hashlib
import re
import textwrap

from conftest import build_in_process, project_copy, tiny_project
from saferpolitics.core import htmlscan

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.replace("\r\n", "\n").encode()).digest()).decode() + "'"


def test_every_page_allows_exactly_its_template_scripts_and_nothing_else(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        [policy] = POLICY.findall(html)
        directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
        found = htmlscan.scan(html)
        scripts = {sha256(c.text) for c in found if c.kind == "script"}
        assert set(directives["script-src"]) == {"'self'", *scripts}, page
        assert directives["style-src"] == ["'self'"], page  # no inline styles anywhere
        assert not [c for c in found if c.kind in ("handler", "javascript-url", "unreadable-script")], page
        assert not [c for c in found if c.kind == "embedding" and c.tag not in ("meta", "link")], page
        # Page content (Material's article) holds no script at all.
        article = (
            html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
            if "<article" in html
            else ""
        )
        assert "<script" not in article, page


def test_code_written_into_a_page_fails_the_build_with_file_line_and_hint(tmp_path):
    project = project_copy(tmp_path).parent
    page = project / "docs" / "about.md"
    source = page.read_text(encoding="utf-8")
    attacks = [
        "<script>alert(2)</script>",
        'A paragraph with a handler.\n{: onclick="alert(3)" }',
        "[Open](javascript:alert(4))",
        '<iframe src="data:text/html,x"></iframe>',
        '<p><img src="x.png" alt="" onerror="alert(5)"></p>',
        '<p><a href="../" ping="https://evil.example/count">Home</a></p>',
    ]
    page.write_text(source + "\n\n" + "\n\n".join(attacks) + "\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    result = build_in_process(project / "mkdocs.yml", tmp_path / "site", env={"TOOLKIT_PDF": "0"})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr

    def line(needle: str) -> int:
        return next(i for i, text in enumerate(lines, start=1) if needle.lower() in text.lower())

    for needle, message in [
        ("alert(2)", "<script...> is an inline <script>"),
        ("onclick=", "<p onclick=...> is an inline event handler"),
        ("javascript:", "<a href=...> is a javascript: address"),
        ("<iframe", "<iframe...> is an embedded element"),
        ("onerror=", "<img onerror=...> is an inline event handler"),
        ("ping=", "<a ping=...> is an address that what a reader does is sent to"),
    ]:
        assert f"docs/about.md:{line(needle)}: {message}" in result.stderr, result.stderr
    assert "hint: put behaviour in a JavaScript file under docs/assets/js/" in result.stderr


def test_html_in_a_data_file_stops_the_build_at_its_line(tmp_path):
    project = project_copy(tmp_path).parent
    data = project / "data" / "checklists.yml"
    lines = data.read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines) if text.strip().startswith("why:"))
    lines[number] = lines[number].split("why:")[0] + "why: <script>alert(1)</script>"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_in_process(project / "mkdocs.yml", tmp_path / "site", env={"TOOLKIT_PDF": "0"})
    assert result.returncode != 0
    assert f"data/checklists.yml:{number + 1}: `why` contains HTML ('<script')" in result.stderr, result.stderr
    assert not (tmp_path / "site" / "checklists" / "index.html").exists()


def test_code_outside_the_content_fails_the_build_too(tmp_path):
    # Material writes the front matter's description into <head> and mkdocs.yml's copyright into
    # the footer unescaped: neither is content, nor the template's own code, so neither is allowed.
    # The description is named by the front matter's check, before any page is written.
    project = project_copy(tmp_path).parent
    page = project / "docs" / "about.md"
    source = re.sub(r"(?m)^description:.*$", "", page.read_text(encoding="utf-8"), count=1)
    # On the line after the opening "---", so the message must name line 2.
    page.write_text(source.replace("---\n", "---\ndescription: '\"><script>alert(1)</script>'\n", 1), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("copyright: >-\n", "copyright: >-\n  <script>alert(2)</script>\n"),
        encoding="utf-8",
    )
    result = build_in_process(config, tmp_path / "site", env={"TOOLKIT_PDF": "0"})
    assert result.returncode != 0
    assert "docs/about.md:2: 'description: '\"><script>alert(1)</script>'' has '\"' and '<' and '>'" in result.stderr
    # Named where it is written, with no advice to look elsewhere.
    line = next(i for i, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "alert(2)" in text)
    assert f"mkdocs.yml:{line}: <script...> is an inline <script>, which the page policy does not allow\n" in (
        result.stderr
    ), result.stderr
    assert "alert(1)" not in (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")


def test_a_file_from_another_website_in_a_page_fails_the_build_at_its_line(tmp_path):
    """No third-party requests: an image, however it is written, comes from the site itself."""
    page = textwrap.dedent("""\
        # Home

        ![Logo](https://evil.example/track.png)

        <img src="https://evil.example/a.png" alt="">

        <img src="//evil.example/b.png" alt="">

        <picture><source srcset="https://evil.example/c.png 2x"><img src="logo.png" alt=""></picture>

        ![Our own logo](logo.png) and `<img src="https://example.org/in-code.png">` as an example.
        """)
    config = tiny_project(tmp_path, {"index.md": page}, config="markdown_extensions: [md_in_html]")
    (tmp_path / "docs" / "logo.png").write_bytes(b"")
    result = build_in_process(config, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    for line, tag, address in [
        (3, "img src", "https://evil.example/track.png"),
        (5, "img src", "https://evil.example/a.png"),
        (7, "img src", "//evil.example/b.png"),
        (9, "source srcset", "https://evil.example/c.png"),
    ]:
        assert (
            f"docs/index.md:{line}: <{tag}=...> is a file from another website ({address}), which the page policy "
            "does not allow\n    hint: save the file under docs/assets/images/" in result.stderr
        ), result.stderr
    assert "in-code.png" not in result.stderr  # an example in code is not a request
    # Four from another website, and the three images written in HTML (each: "write it as ![...](...)").
    assert "Aborted with 7 warnings" in result.stdout


def test_a_drawing_or_page_that_a_browser_would_open_with_no_policy_fails_the_build(tmp_path):
    """A page's policy covers HTML pages only: an SVG, or a page saved as .htm, opened on its own
    would run its script on the site's address (a maintainer review); so would one in the
    theme's overrides/, or a link under docs/ to a drawing elsewhere (a review of that fix)."""
    config = tiny_project(
        tmp_path,
        {"index.md": "# Home\n\n[See the diagram](diagram.svg)\n"},
        config="theme: {name: mkdocs, highlightjs: false, custom_dir: overrides}",
    )
    script = '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(localStorage.length)</script>\n</svg>\n'
    (tmp_path / "docs" / "diagram.svg").write_text(script, encoding="utf-8")
    (tmp_path / "docs" / "notes.htm").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "logo.svg").write_text(script, encoding="utf-8")
    (tmp_path / "outside.svg").write_text(script, encoding="utf-8")
    (tmp_path / "docs" / "linked.svg").symlink_to(tmp_path / "outside.svg")
    result = build_in_process(config, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    for drawing in ("docs/diagram.svg", "overrides/logo.svg", "docs/linked.svg"):
        assert f"{drawing}:2: the drawing holds a <script> element" in result.stderr, result.stderr
    assert "docs/notes.htm: a .htm file is not something this site serves" in result.stderr
    assert "hint: write a page in Markdown" in result.stderr


def test_a_page_setting_outside_the_content_fails_the_build(tmp_path):
    """A <meta http-equiv> that no content wrote (here mkdocs.yml's copyright, which the theme
    writes unescaped) could send every reader to another website: the build names it."""
    config = tiny_project(
        tmp_path,
        {"index.md": "# Home\n"},
        config='theme: {name: material, font: false}\ncopyright: \'<meta http-equiv="refresh" content="0; url=https://evil.example/">\'',
    )
    result = build_in_process(config, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    # Named where it is written, once, though every page (and the 404 page) shows it.
    message = (
        r'mkdocs.yml:\d+: <meta http-equiv="refresh"\.\.\.> is a page setting, which the page policy does not allow'
    )
    assert len(re.findall(message, result.stderr)) == 1 and "site/404.html" not in result.stderr, result.stderr
    assert "hint: pages never change their own settings" in result.stderr


def test_a_form_in_a_template_is_named_in_that_template_not_the_404_pages_own_form(tmp_path):
    """A review: a form sending to another website in overrides/main.html was reported at the
    404 page's own search form, whose `action=` came first."""
    project = project_copy(tmp_path).parent
    template = project / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace("{% block footer %}", '{% block footer %}<form action="https://evil.example/s"></form>', 1),
        encoding="utf-8",
    )
    line = next(i for i, t in enumerate(template.read_text(encoding="utf-8").splitlines(), 1) if "evil.example" in t)
    result = build_in_process(project / "mkdocs.yml", tmp_path / "site", env={"TOOLKIT_PDF": "0"})
    assert result.returncode != 0
    assert f"overrides/main.html:{line}: <form action=...> is an address that what a reader does is sent to" in (
        result.stderr
    ), result.stderr
    assert "overrides/404.html" not in result.stderr
