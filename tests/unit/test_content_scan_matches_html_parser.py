"""The shared HTML tokenizer (saferpolitics/core/html_tokens.py) held to reference parsers.

- Its tokens (start tags with their attributes, and text) are those of libxml2's HTML5 tokenizer
  (through lxml), on tricky cases (raw text, comments, CDATA-like text, `>` inside quoted values)
  and on every built page. htmlscan, which reads pages with it, is held to Chromium on its own
  cases by tests/browser/test_htmlscan_browser.py.
- Each page's content is scanned with it (blocksyntax.scan_content); what that finds must be what
  Python's html.parser, which it replaced, finds. The reference below is that code.
"""

import html as html_lib
import re
from html.parser import HTMLParser

import lxml.etree
import pytest

from saferpolitics.core.html_tokens import ESCAPABLE_RAW_TEXT, TOKEN, attributes
from saferpolitics.markdown_stage.blocksyntax import BREAK_TAGS, CODE_TAGS, URL_IN_TEXT, ContentScan, scan_content

# Tags the reference's tree builder adds when a document leaves them out.
IMPLIED = {"html", "head", "body"}


class ReferenceTokens:
    """lxml parser target: the start tags (name, attributes) and the text, in document order."""

    def __init__(self):
        self.start_tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def start(self, tag, attrib):
        if tag not in IMPLIED:
            self.start_tags.append((tag, dict(attrib)))

    def data(self, data):
        self.text.append(data)

    def end(self, tag):
        pass

    def comment(self, text):
        pass

    def close(self):
        return self.start_tags, "".join(self.text)


def reference_tokens(html: str):
    # libxml2 tokenizes HTML as the HTML standard says from 2.14 (lxml 6's wheels bundle it).
    assert lxml.etree.LIBXML_VERSION >= (2, 14), "the reference needs libxml2 2.14 or later: run make env-test"
    parser = lxml.etree.HTMLParser(target=ReferenceTokens(), no_network=True)
    parser.feed(html)
    return parser.close()


def our_tokens(html: str):
    start_tags, text = [], []
    for token in TOKEN.finditer(html):
        if token["start"]:
            name = token["start"].lower()
            if name not in IMPLIED:
                start_tags.append((name, attributes(token["attributes"])))
            raw_text = token["raw_text"]
            text.append(html_lib.unescape(raw_text) if name in ESCAPABLE_RAW_TEXT else raw_text)
        elif token["text"]:
            text.append(html_lib.unescape(token["text"]))
    return start_tags, "".join(text)


TOKENIZER_CASES = [
    # Raw text: no tags inside, to its own end tag in any case; character references decoded only
    # in textarea and title. (noscript is raw text only where scripts run, as in Chromium, which
    # tests/browser/test_htmlscan_browser.py checks; libxml2 reads as if they did not.)
    "<p>a<script>if (a<b && c>d) x = '</p>';</script>b</p>",
    "<style>a > b { c: '<p>' }</style ><p>after</p>",
    "<SCRIPT type=module>x</script\t>y<script>z</SCRIPTX></script>w",
    "<textarea name=t><b>not bold</b> &amp; &lt;i&gt;</textarea>after",
    "<title>A <b>title</b> &amp; more</TITLE><p>x</p>",
    "<xmp><p>shown as written</p> &amp;</xmp>x",
    "<iframe><a href=x>in</a></iframe>after",
    "<noembed><b>x</b></noembed><noframes><i>y</i></noframes>z",
    "<script>never closed <p>",
    "<style/>p{}</style>text",
    "<plaintext><a href=x>all text</plaintext> to the end",
    # Comments and CDATA-like text.
    "<!-- <a href=x>hidden</a> --><p>after</p>",
    "<p><!--> x --><!---> y -->z</p>",
    "<!-- a --!><p title=b>c</p>",
    "<p><![CDATA[ x <b>y</b> ]]> z</p>",
    "<!DOCTYPE html><?xml-stylesheet x?><p>a</p>",
    "<p>1 < 2 and 3 <4 </ 5></p>",
    # Attributes.
    '<a title="1 > 0" href="https://q.example/?a=1&amp;b=2">q</a>',
    "<a title='a>b' data-x=\"c'd\"class=e>f</a>",
    '<A HREF=x href=y Class="One Two">first wins</A>',
    "<div =x y = 1 z=2/>w</div><p/onclick=go()>v</p>",
    '<img src=a.png alt="" ><br/><br /><input disabled value="x&quot;y">',
    '<a href="&#106;ava&Tab;&amp;">x</a>',
    "</p class=x>text<b>bold</b>",
]


@pytest.mark.parametrize("html", TOKENIZER_CASES)
def test_the_tokenizer_reads_tricky_html_as_a_reference_parser_does(html):
    assert our_tokens(html) == reference_tokens(html)


def test_the_tokenizer_reads_every_built_page_as_a_reference_parser_does(nav_html):
    for name, path in nav_html.items():
        html = path.read_text(encoding="utf-8")
        ours, reference = our_tokens(html), reference_tokens(html)
        assert ours[0] == reference[0], name
        assert ours[1].split() == reference[1].split(), name


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
        # A browser ignores "/>" but on void elements: <a/> opens a link, <br/> is a <br>.
        self.handle_starttag(tag, attrs)

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


def test_the_print_page_reads_the_same_in_beautifulsoup(site_dir):
    """The PDF step reads the print page into a tree with BeautifulSoup (html.parser), which takes
    only script and style bodies as raw text. On the built print page it must see the same
    elements and attributes as the tokenizer: no textarea or title there holds a '<'."""
    from bs4 import BeautifulSoup

    html = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser", multi_valued_attributes=None, on_duplicate_attribute="ignore")
    theirs = [(tag.name, tag.attrs) for tag in soup.find_all(True)]
    ours = [
        (token["start"].lower(), attributes(token["attributes"])) for token in TOKEN.finditer(html) if token["start"]
    ]
    assert theirs == ours
