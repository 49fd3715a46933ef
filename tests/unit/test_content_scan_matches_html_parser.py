"""Each page's content is scanned with a tokenizer regex (blocksyntax.scan_content); what it finds
must be what Python's html.parser, which it replaced, finds. The reference below is that code."""

import re
from html.parser import HTMLParser

import pytest

from saferpolitics.markdown_stage.blocksyntax import BREAK_TAGS, CODE_TAGS, URL_IN_TEXT, ContentScan, scan_content

ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)


class ReferenceScanner(HTMLParser):
    def __init__(self):
        super().__init__()
        self.code_depth = self.anchor_depth = 0
        self.text: list[str] = []
        self.scan = ContentScan()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in CODE_TAGS:
            self.code_depth += 1
        if tag in BREAK_TAGS:
            self.text.append("\n")
        if tag == "a":
            self.anchor_depth += 1
            if attrs.get("href"):
                self.scan.anchors.append((attrs["href"], set((attrs.get("class") or "").split())))

    def handle_startendtag(self, tag, attrs):
        if tag in BREAK_TAGS:
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in CODE_TAGS and self.code_depth:
            self.code_depth -= 1
        if tag == "a" and self.anchor_depth:
            self.anchor_depth -= 1
        if tag in BREAK_TAGS:
            self.text.append("\n")

    def handle_data(self, data):
        if self.code_depth:
            return
        self.text.append(data)
        if not self.anchor_depth:
            self.scan.bare_urls.extend(u.rstrip(".,;:!?)") for u in URL_IN_TEXT.findall(data))


def reference_scan(html: str) -> ContentScan:
    scanner = ReferenceScanner()
    scanner.feed(html)
    scanner.close()
    scanner.scan.text_lines = [line.strip() for line in "".join(scanner.text).splitlines() if line.strip()]
    return scanner.scan


TRICKY = [
    '<p>See https://a.example/x. and <a href="https://b.example/" class="sp-card__link x">b</a></p>',
    "<p>/// card | x<br>more<br/>and<br />last</p><pre><code>/// no\nhttps://code.example/</code></pre>",
    '<!-- <a href="https://hidden.example/">no</a> /// no --><p>after</p>',
    '<a title="1 > 0" href="https://q.example/?a=1&amp;b=2">q</a> text https://t.example/a&amp;b',
    "<A HREF='https://upper.example/' CLASS='One Two'>u</A><P>/// para</P>",
    '<code><a href="https://in-code.example/">c</a> https://not-text.example/</code>',
    "<script>var a = '<a href=\"https://in-script.example/\">';</script><p>https://after.example/</p>",
    "<style>a > b { x: y }</style><ul><li>/// li</li><li>two</li></ul>",
    '<a href="">empty</a><a>none</a><a href=unquoted.html class=c>u</a>',
    "<p>1 < 2 and https://lt.example/ &lt;/p&gt; &#47;&#47;&#47; x</p>",
    "<table><tr><td>/// cell</td><th>head</th></tr></table><dl><dt>t</dt><dd>https://dd.example/</dd></dl>",
    "<details><summary>/// sum</summary><blockquote>/// quoted</blockquote></details>",
    '<p>no end <a href="https://open.example/">open link https://inside.example/',
]


def fields(scan: ContentScan):
    return scan.text_lines, scan.anchors, scan.bare_urls


@pytest.mark.parametrize("html", TRICKY)
def test_tricky_content_reads_as_html_parser_reads_it(html):
    assert fields(scan_content(html)) == fields(reference_scan(html))


def test_a_comment_left_open_hides_the_rest_as_a_browser_does():
    # html.parser gives the rest back as text when its input ends; a browser shows none of it.
    assert fields(scan_content("<p>shown <!-- https://x.example/ /// x")) == (["shown"], [], [])


def test_every_page_of_the_toolkit_reads_as_html_parser_reads_it(nav_html):
    """Each built page's article: the content the scan sees, with the site's blocks and links."""
    for name, path in nav_html.items():
        article = ARTICLE.search(path.read_text(encoding="utf-8"))
        assert article, f"{name} has no <article>"
        assert fields(scan_content(article.group(1))) == fields(reference_scan(article.group(1))), name
