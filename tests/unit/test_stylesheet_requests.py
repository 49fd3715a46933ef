"""What a stylesheet makes a reader's browser fetch, and which of it the build refuses."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
import tinycss2

from saferpolitics.core.stylesheet_requests import Request, request_problems, requests
from saferpolitics.post_build import csp

ROOT = Path(__file__).resolve().parents[2]

CSS = """\
/* url(https://in-a-comment.example/x.png) is a note, not a request */
@import url("https://evil.example/a.css");
@import 'print.css';
body { background: URL( https://evil.example/b.png ) }
@font-face {
  font-family: x;
  src: url(//evil.example/f.woff2) format("woff2"), url(data:font/woff2;base64,AAAA);
}
.icon { mask-image: url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>') }
.mine { background: url(../images/mark.svg) }
"""


def test_every_request_is_found_with_its_line_and_kind_and_comments_are_skipped():
    assert requests(CSS) == [
        Request(2, "import", "https://evil.example/a.css"),
        Request(3, "import", "print.css"),
        Request(4, "image", "https://evil.example/b.png"),
        Request(7, "font", "//evil.example/f.woff2"),
        Request(7, "font", "data:font/woff2;base64,AAAA"),
        Request(9, "image", 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>'),
        Request(10, "image", "../images/mark.svg"),
    ]


def test_files_from_other_websites_and_data_the_policy_refuses_are_problems_on_their_lines():
    problems = request_problems(CSS, "docs/assets/css/x.css", csp.allows_data)
    assert [(p.file, p.line) for p in problems] == [("docs/assets/css/x.css", n) for n in (2, 4, 7, 7)]
    assert problems[0].message.startswith("https://evil.example/a.css is a stylesheet from another website")
    assert problems[2].message.startswith("//evil.example/f.woff2 is a font from another website")
    # The page policy's font-src has no data: (img-src has: Material's own icons are data: SVGs).
    assert problems[3].message == (
        "a data: address for a font, which the page policy does not allow: browsers would refuse it"
    )
    assert "docs/assets/" in problems[0].hint


def test_the_policy_is_asked_what_data_it_allows():
    assert csp.allows_data("img-src") and not csp.allows_data("font-src") and not csp.allows_data("style-src")
    assert request_problems(".a { background: url(data:image/png;base64,AA) }", "x.css", lambda _: False)
    assert not request_problems(".a { background: url(data:image/png;base64,AA) }", "x.css", csp.allows_data)


def test_words_in_a_string_are_no_request_and_hide_none():
    """A review: `content: "see url(https://...)"` stopped the build as a picture from another
    website, and a "/*" in a string hid a real url() after it as a comment."""
    assert requests('.a::after { content: "see url(https://example.com/x.png)" }') == []
    assert requests(".a::after { content: 'it\\'s @import \"https://example.com/a.css\"' }") == []
    assert requests('.a { content: "/*" } .b { background: url(https://example.com/x.png) }') == [
        Request(1, "image", "https://example.com/x.png")
    ]
    # A url()'s or an @import's own quoted address is still read.
    assert [r.address for r in requests('@import "a.css";\n.c { background: url("b.png") }')] == ["a.css", "b.png"]


def test_escapes_and_image_set_are_read_as_a_browser_reads_them():
    """maint16: `u\\72l(...)`, `@\\69mport`, an escaped address and image-set("...") asked another
    website for a file without a word from the build."""
    css = (
        ".a { background: u\\72l(https://evil.example/a.png) }\n"
        '@\\69mport "https://evil.example/b.css";\n'
        '.c { background: url("\\68ttps://evil.example/c.png") }\n'
        ".d { background: url(https\\:\\/\\/evil.example/d.png) }\n"
        '.e { background: image-set("https://evil.example/e.png" 1x, url(e-2x.png) 2x) }\n'
        ".f { background: -webkit-image-set('//evil.example/f.png' 1x) }\n"
    )
    assert requests(css) == [
        Request(1, "image", "https://evil.example/a.png"),
        Request(2, "import", "https://evil.example/b.css"),
        Request(3, "image", "https://evil.example/c.png"),
        Request(4, "image", "https://evil.example/d.png"),
        Request(5, "image", "https://evil.example/e.png"),
        Request(5, "image", "e-2x.png"),
        Request(6, "image", "//evil.example/f.png"),
    ]
    problems = request_problems(css, "x.css", csp.allows_data)
    assert [p.line for p in problems] == [1, 2, 3, 4, 5, 6]
    assert problems[0].message.startswith("https://evil.example/a.png is a picture from another website")


def test_no_comment_starts_inside_an_unquoted_url_or_a_name_and_a_namespace_is_no_request():
    assert requests(".a { background: url(//evil.example/x/*.png) } .b { background: url(b.png) }") == [
        Request(1, "image", "//evil.example/x/*.png"),
        Request(1, "image", "b.png"),
    ]
    assert requests(".x\\/\\* { background: url(https://evil.example/y.png) }") == [
        Request(1, "image", "https://evil.example/y.png")
    ]
    # @namespace names a kind of document: a browser fetches nothing.
    assert requests("@namespace svg url(http://www.w3.org/2000/svg);\n.a { background: url(a.png) }") == [
        Request(2, "image", "a.png")
    ]


# The reading the module must agree with, in tinycss2's tokens (a full CSS parser, too slow to run on
# every build): url tokens; the strings of url(), src() and image-set(); @import's address;
# inside @font-face, fonts; @namespace's address, nothing.
_ADDRESS_FUNCTIONS = {"url", "src", "image-set", "-webkit-image-set"}


def _reference(css: str) -> list[Request]:
    found = []

    def address(token, kind):
        found.append(Request(token.source_line, kind, token.value.strip(" \t\n\r\f")))

    def walk(tokens, kind):
        after = None  # the at-keyword just read, until the token its rule is about
        for token in tokens:
            if token.type in ("whitespace", "comment"):
                continue
            if after == "namespace":
                after = None if token.type == "literal" and token.value == ";" else after
                continue
            this = "import" if after == "import" else "font" if after == "font-face" else kind
            after = token.lower_value if token.type == "at-keyword" else after if after == "font-face" else None
            if token.type == "url" or (token.type == "string" and this == "import"):
                address(token, this)
            elif token.type == "function":
                if token.lower_name in _ADDRESS_FUNCTIONS:
                    for argument in token.arguments:
                        if argument.type == "string":
                            address(argument, this)
                walk(token.arguments, "image" if this == "import" else this)
            elif token.type in ("() block", "[] block", "{} block"):
                after = None
                walk(token.content, this if token.type == "{} block" or this != "import" else "image")

    walk(tinycss2.parse_component_value_list(css), "image")
    return found


_TRICKY = [
    "@import /* a note */ url(a.css) screen;\n@import'b.css';",
    "@media print {\n  @font-face { src: url(f.woff) }\n  .a { background: url(\n    x.png\n  ) }\n}",
    '.a { background: url( "a b" ) } .b { background: URL(b.png) }',
    '.a { content: "a\\\nb url(x.png)" } .b { background: url("c\\\nd.png") }',
    ".a { background: -webkit-image-set(\n'x.png' 1x,\n\"y.png\" type('image/png') 2x) }",
    "@font-face { font-family: x; src: local(x), url('\\2f\\2f evil.example/f.woff') } .b { mask: url(m.svg) }",
    ".\\31 0 { background: u\\52 L(a.png) } @\\49 MPORT url(b.css);",
]


@pytest.mark.parametrize("css", _TRICKY)
def test_tricky_stylesheets_are_read_as_tinycss2_reads_them(css):
    assert requests(css) == _reference(css)


def test_the_projects_and_materials_stylesheets_are_read_as_tinycss2_reads_them():
    stylesheets = [*(ROOT / "docs").rglob("*.css"), *(Path(material.__file__).parent / "templates").rglob("*.css")]
    assert len(stylesheets) > 10
    for stylesheet in stylesheets:
        css = stylesheet.read_text(encoding="utf-8")
        assert requests(css) == _reference(css), stylesheet


def test_a_stylesheet_found_clean_is_not_read_again_and_one_with_a_request_always_is(tmp_path, monkeypatch):
    from saferpolitics.core import render_cache, site_settings

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "clean.css").write_text("p { color: navy }\n", encoding="utf-8")
    (docs / "fetches.css").write_text("p {\n  background: url(https://example.org/a.png);\n}\n", encoding="utf-8")
    read = []
    monkeypatch.setattr(
        site_settings,
        "request_problems",
        lambda text, file, allows: read.append(file) or request_problems(text, file, allows),
    )
    found = []
    for _build in range(2):
        clean = render_cache.KeptFiles(tmp_path / "cache", "clean-stylesheets", "our code")
        found.append(
            site_settings.shipped_stylesheet_problems([docs], tmp_path, lambda path: True, csp.allows_data, clean)
        )
        clean.forget_unused()
    assert found[0] == found[1] and [(p.file, p.line) for p in found[1]] == [("docs/fetches.css", 2)]
    assert read == ["docs/clean.css", "docs/fetches.css", "docs/fetches.css"]
