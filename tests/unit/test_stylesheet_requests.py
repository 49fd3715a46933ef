"""What a stylesheet makes a reader's browser fetch, and which of it the build refuses."""

from __future__ import annotations

from saferpolitics.core.stylesheet_requests import Request, request_problems, requests
from saferpolitics.post_build import csp

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
