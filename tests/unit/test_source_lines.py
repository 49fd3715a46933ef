"""One answer to "which line is this?": a message points at what a page is made from, never at an
example of it in fenced code, a code span, an HTML comment or a YAML comment. Fences are held to
SuperFences itself, comments to Python-Markdown."""

from __future__ import annotations

import re
import textwrap

import markdown
import pytest

from conftest import ROOT
from saferpolitics.core.source_lines import content_lines, line_of, locate, unclosed_fences
from saferpolitics.markdown_stage.links import LinkFinding, page_link_problems
from saferpolitics.markdown_stage.registry import parse_registry

# Each sample's lines that hold a word ("w1", "w2"...) are content or code; SuperFences decides which.
FENCE_SAMPLES = [
    "w1\n```\nw2\n```\nw3\n",
    "w1\n~~~~ python\nw2\n```\nw3\n~~~~\nw4\n",
    "w1\n```\nw2\n````\nw3\n",  # a longer run does not close the fence, and it is never closed: not code
    "- w1\n\n    ```text\n    w2\n    ```\n\n    w3\n",  # inside a list item
    "> w1\n>\n> ```\n> w2\n> ```\n\nw3\n",  # inside a quote
    '```md title="example"\nw1\n```\nw2\n',
    "  ```\n  w1\nw2\n  ```\nw3\n",  # content indented less than the opening: not a fence
    "``` `w1` ```\nw2\n",  # a code span on one line, not a fence
    "w1 `w2\nw3` w4\n\n`w5\n\nw6`\n",  # a code span runs on within its paragraph, never past a blank line
    "```text\nw1\n```\n\n~~~\nw2\n~~~\nw3\n",
    # Backticks followed by words that are no language and no options SuperFences knows open no
    # fence: the "```" below the comment opens one, and its closing line closes it.
    "<!--\n``` is how a code block starts\n-->\n\nw1\n\n```\nw2\n```\n",
]


def _in_code_by_superfences(sample: str) -> set[str]:
    """The words Python-Markdown with SuperFences shows as code: fenced, or in a code span."""
    html = markdown.Markdown(extensions=["pymdownx.superfences"]).convert(sample)
    code = "".join(re.findall(r"<pre.*?</pre>|<code>.*?</code>", html, re.S))
    return set(re.findall(r"w\d+", code))


@pytest.mark.parametrize("sample", FENCE_SAMPLES)
def test_lines_in_fenced_code_are_exactly_those_superfences_reads_as_code(sample):
    words = set(re.findall(r"w\d+", sample))
    content = {word for _, line in content_lines(sample, "docs/page.md") for word in re.findall(r"w\d+", line)}
    assert words - content == _in_code_by_superfences(sample)


UNCLOSED_SAMPLES = [
    "Para\n\n```text\nsome example\n",  # a maintainer review: readers saw "```text some example"
    "~~~\nx\n",
    "> ```\n> x\n",
    "- item\n\n    ```text\n    x\n",
    "```text\nx\n```\n\n```\ny\n",  # the second of two
    "<!--\n```text\n-->\n",  # in a comment readers never see: not reported
    # A maintainer review (self16): left open in a box or a list item, it built cleanly and the box
    # showed "```text in a box, never closed".
    "!!! note\n\n    ```text\n    in a box, never closed\n\nLast para.\n",
    "- item\n\n    ```text\n    x\n\nLast para.\n",
    "!!! note\n\n    ```text\n    x\n\n    more\n\nLast para.\n\n```\ncode\n```\n",  # a later fence still works
    "> ```\n> x\n\nLast para.\n",
    "!!! note\n    ```text\n    x\n    ```\n\nLast para.\n",  # closed in the box: fine
    # Left open in a comment, it makes a later fence text; a closed one in a comment hides nothing.
    "<!--\n```text\n-->\n\nText\n\n```text\nreal\n",
    "<!--\n```text\nx\n```\n-->\n\n```text\nreal\n",
    "<!--\n```text\nx\n```\n-->\n\n```text\nreal\n```\n",
    # A maintainer review (self16b): closed at column 0, not as far in as the opening, the block
    # built cleanly; the box showed "```text Call 999 now" and a stray "```" under it, and the list
    # item the example as one line of inline code ("text hello").
    "!!! note\n    ```text\n    Call 999 now\n```\n",
    "!!! note\n\n    ```text\n    Call 999 now\n```\n\nLast para.\n",
    "- item\n\n    ```text\n    hello\n```\n",
    # ... and a comment that mentions a fence was reported as one closed after the comment ends,
    # though SuperFences reads no fence there and the page was right.
    "<!--\n``` is how a code block starts\n-->\n",
    "Text.\n\n<!--\n``` is how a code block starts\n-->\n\n```text\nreal\n```\n",
]


def _html_with_code_span_marks(sample: str) -> str:
    """The sample as Python-Markdown with SuperFences renders it, each inline <code> carrying how
    many backticks opened it (data-run): a span of three or more over several lines is a fence
    SuperFences gave up on that Markdown read as a code span instead."""
    md = markdown.Markdown(extensions=["admonition", "pymdownx.superfences"])
    backtick = md.inlinePatterns["backtick"]
    handle = backtick.handleMatch

    def marked(match, data):
        element, start, end = handle(match, data)
        if element is not None and not isinstance(element, str):
            span = data[start:end]
            element.set("data-run", str(len(span) - len(span.lstrip("`"))))
        return element, start, end

    backtick.handleMatch = marked
    return md.convert(sample)


@pytest.mark.parametrize("sample", FENCE_SAMPLES + UNCLOSED_SAMPLES)
def test_a_fence_is_reported_unclosed_exactly_when_readers_meet_one_superfences_gave_up_on(sample):
    """Readers see its marks as text, or (in a list item) its example as a line of inline code."""
    html = re.sub(r"<pre.*?</pre>|<!--.*?-->", "", _html_with_code_span_marks(sample), flags=re.S)
    text = re.sub(r"<code.*?</code>", "", html, flags=re.S)
    spans = re.findall(r'<code data-run="(\d+)">(.*?)</code>', html, re.S)
    found = unclosed_fences(sample, "docs/page.md")
    assert bool(found) == ("```" in text or "~~~" in text or any(int(n) >= 3 and "\n" in code for n, code in spans))
    assert all(sample.splitlines()[fence.line - 1].lstrip(" >").startswith(("```", "~~~")) for fence in found)


def _lines(text: str) -> list[tuple[int, int | None]]:
    return [(fence.line, fence.takes_in) for fence in unclosed_fences(text, "docs/page.md") if not fence.closed_at]


def test_the_line_of_an_unclosed_fence_is_its_opening_line():
    assert _lines("# Page\n\nText.\n\n```text\nsome example\n\nMore.\n") == [(5, None)]
    assert _lines("```text\nx\n```\n") == []
    assert unclosed_fences("```text\n", "data/links.yml") == []  # Markdown files only


def test_every_fence_left_open_in_a_box_or_list_item_is_named():
    page = "!!! note\n\n    ```text\n    x\n\nPara.\n\n- item\n\n    ~~~\n    y\n\nEnd.\n\n```\nz\n"
    assert _lines(page) == [(3, None), (10, None), (15, None)]


def test_a_fence_closed_at_column_0_in_a_box_or_list_item_is_named_at_its_opening():
    """SuperFences gives up on it at the closing line, indented less than the opening; that
    "```" and the opening's are no code span either, as they are in different blocks."""
    box = "# Page\n\n!!! note\n    ```text\n    Call 999 now\n```\n"
    html = markdown.Markdown(extensions=["admonition", "pymdownx.superfences"]).convert(box)
    assert "<pre" not in html and "```text\nCall 999 now</p>" in html and "<p>```</p>" in html
    assert _lines(box) == [(4, None)]
    item = "- item\n\n    ```text\n    hello\n```\n\nMore.\n"
    assert "<code>text\nhello</code>" in markdown.Markdown(extensions=["pymdownx.superfences"]).convert(item)
    assert _lines(item) == [(3, None)]
    # Marks inside a code span someone opened before them, or a comment, are still not named.
    assert unclosed_fences("Type ``\n```text\n`` to start one.\n", "docs/page.md") == []
    assert unclosed_fences("<!--\n!!! note\n    ```text\n    x\n```\n-->\n", "docs/page.md") == []


def test_a_comment_line_that_only_mentions_a_fence_is_no_fence():
    """SuperFences opens a fence only where the words after the marks are a language and options
    it knows: "is how a code block starts" are not, so the comment hides that line as it should."""
    page = "Text.\n\n<!--\n``` is how a code block starts\n-->\n\n```text\nreal\n```\n"
    html = markdown.Markdown(extensions=["pymdownx.superfences"]).convert(page)
    assert "<!--\n``` is how a code block starts\n-->" in html and "<pre><span></span><code>real" in html
    assert unclosed_fences(page, "docs/page.md") == []
    # What SuperFences does open: a language, its options, {attributes}; relaxed_headers is off.
    lines = ['```md title="example"', "x", "```", "", "``` {.text}", "y", "```", "", "```text hl_lines", "z", "```"]
    assert [number for number, _ in content_lines("\n".join(lines), "docs/page.md")] == [4, 8, 9, 10, 11]


def test_fences_are_read_with_superfences_configured_as_the_site_configures_it():
    """source_lines asks SuperFences with no options whether a line opens a fence; an option such
    as relaxed_headers in mkdocs.yml would change the answer."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^  - pymdownx\.superfences\n(?!    )", config, re.M)


def test_a_fence_left_open_in_a_comment_is_named_with_the_fence_it_takes_in_and_that_one_too():
    page = "<!--\n```text\n-->\n\n```text\nreal\n\nMore.\n"
    assert _lines(page) == [(2, 5), (5, None)]


def test_a_fence_in_a_comment_closed_after_the_comment_is_named_with_its_closing_line():
    """SuperFences reads the fence before Markdown hides the comment: the comment's end is code."""
    page = "Text.\n\n<!--\n```text\n-->\n\n```text\nreal\n```\n"
    html = markdown.Markdown(extensions=["pymdownx.superfences"]).convert(page)
    assert "&lt;!--" in html and re.search(r"<code>--&gt;", html)
    assert [(f.line, f.closed_at) for f in unclosed_fences(page, "docs/page.md")] == [(4, 9)]
    assert unclosed_fences("<!--\n```text\nx\n```\n-->\n\n```text\nreal\n```\n", "docs/page.md") == []


def test_code_spans_are_blanked_with_the_columns_kept():
    [(number, line)] = content_lines("a `link:x` and ``b ` c`` [t](link:x)", "docs/page.md")
    assert number == 1 and line.index("[t](link:x)") == len("a `link:x` and ``b ` c`` ")
    assert "link:x`" not in line and line.count("link:x") == 1


@pytest.mark.parametrize(
    "sample",
    [
        "w1 <!-- w2\n\nw3 [x](y.md)\n\nw4 --> w5",  # after text, across a blank line: all of it is text
        "w1\n\n<!-- w2\n\nw3 [x](y.md)\n\n-->\n\nw4",  # opens a line: hidden up to -->
        "w1 <!-- w2 --> w3\nw4 <!-- w5\nw6 --> w7",  # inside a paragraph: hidden
        "w1\n<!-- w2\n\nw3 -->\nw4",  # opens a line inside a paragraph: hidden up to -->
        "  <!-- w1\n\nw2 -->\n\nw3 <!-- w4 -->",
        "!!! note\n\n    <!-- w1\n\n    w2 -->\n\nw3",  # indented four: not a block, all text
        "<!-- a ` here -->\nw1 `w2` w3",  # a backtick in a comment starts no code span
        "w1 `<!--` w2 <!-- w3 -->",  # nor "<!--" in a code span a comment
    ],
)
def test_html_comments_are_skipped_exactly_where_python_markdown_hides_them(sample):
    """A message must not point into a comment, nor lose its line because a "<!--" that readers
    see as text was taken for one."""
    html = markdown.markdown(sample, extensions=["admonition"])
    # Words readers see: outside comments and outside code (code's words are examples, not text).
    shown = set(re.findall(r"w\d+", re.sub(r"<!--.*?-->|<code>.*?</code>", "", html, flags=re.S)))
    content = {word for _, line in content_lines(sample, "docs/p.md") for word in re.findall(r"w\d+", line)}
    assert content == shown, html


def test_yaml_comments_are_skipped_and_other_files_read_whole():
    text = "# link: example.md\nlink: real.md\n"
    assert line_of(text, "link:", "data/checklists.yml") == 2
    assert line_of(text, "link:", "docs/assets/css/x.css") == 1


def test_line_of_finds_the_right_occurrence_at_or_after_a_line():
    source = "x\n```\nx\n```\nx\nx\n"
    assert line_of(source, "x", "docs/p.md") == 1
    assert line_of(source, "x", "docs/p.md", occurrence=2) == 5
    assert line_of(source, re.compile(r"^x$"), "docs/p.md", start_line=2) == 5
    assert line_of(source, lambda line: line == "x", "docs/p.md", occurrence=4) is None


def test_locate_takes_the_first_source_in_order_that_holds_the_needle():
    sources = [
        ("docs/p.md", "```\n<script>\n```\n"),
        ("data/a.yml", "# <script>\nx: <script>\n"),
        ("data/b.yml", "<script>"),
    ]
    assert locate(sources, "<script>") == ("data/a.yml", 2, "x: <script>")
    assert locate(sources, "nothing") is None


def test_a_renamed_link_id_in_the_contributor_guide_is_reported_at_the_live_link_not_the_example():
    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    lines = guide.splitlines()
    example = lines.index("[data breach](link:haveibeenpwned).") + 1  # inside a ```text fence
    live = next(n for n, line in enumerate(lines, 1) if "[data breach](link:haveibeenpwned)" in line and n != example)
    assert lines[example - 3] == "```text" and example < live
    entry = textwrap.dedent(
        """\
        - id: hibp-renamed
          url: https://haveibeenpwned.com/
          title: Have I Been Pwned
          publisher: Troy Hunt
          category: tool
          description: Check whether an email address was in a data breach.
          checked: {date: 2026-11-25, outcome: ok}
        """
    )
    registry, problems = parse_registry(entry, "data/links.yml")
    assert problems == []
    [problem] = page_link_problems(
        registry, [LinkFinding("unknown-id", "haveibeenpwned")], [], guide, "docs/contributing.md"
    )
    assert (problem.file, problem.line) == ("docs/contributing.md", live)
    assert problem.message == "unknown link id 'haveibeenpwned'"


def test_an_unknown_link_id_is_named_at_every_line_of_the_page_that_has_it():
    """A maintainer review: a retired id used at two lines of a page was reported at the first
    only, and the second showed up on the next build."""
    registry, _ = parse_registry((ROOT / "data" / "links.yml").read_text(encoding="utf-8"), "data/links.yml")
    page = "# Page\n\nSee [the help](link:gone-away).\n\n```text\n[x](link:gone-away)\n```\n\nAnd [again](link:gone-away).\n"
    findings = [LinkFinding("unknown-id", "gone-away"), LinkFinding("unknown-id", "gone-away")]
    problems = page_link_problems(registry, findings, [], page, "docs/p.md")
    assert [(p.line, p.message) for p in problems] == [
        (3, "unknown link id 'gone-away'"),
        (9, "unknown link id 'gone-away'"),
    ]


def test_an_unknown_link_id_a_data_file_wrote_is_named_at_its_line_there(tmp_path):
    """The protocol template names its sources as [words](link:id): a wrong id was reported at the
    protocol builder page, with no line, though the page never wrote it."""
    registry, _ = parse_registry((ROOT / "data" / "links.yml").read_text(encoding="utf-8"), "data/links.yml")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "protocol-template.yml").write_text(
        "template: |\n  # Protocol\n\n  - Report it to [Report Fraud](link:report-frand).\n", encoding="utf-8"
    )
    page = "# Protocol builder\n\n/// protocol-builder\n///\n"
    problems = page_link_problems(
        registry, [LinkFinding("unknown-id", "report-frand")], [], page, "docs/protocol-builder.md", tmp_path
    )
    assert [(p.file, p.line, p.message) for p in problems] == [
        ("data/protocol-template.yml", 4, "unknown link id 'report-frand'")
    ]
    assert problems[0].hint.startswith("did you mean 'report-fraud'?")


def test_a_pages_front_matter_is_not_content_so_a_comment_there_is_no_heading():
    """audit18: `# reviewed by Jo` in the front matter was taken for the page's title, so the
    second title was reported on the first one's line."""
    page = "---\n# reviewed by Jo\nreviewed: 2026-12-01\n---\n\n# Title\n\nText\n\n# Second title\n"
    assert [number for number, line in content_lines(page, "docs/x.md") if line.startswith("# ")] == [6, 10]
    assert line_of(page, "reviewed", "docs/x.md") is None
    unclosed = "---\n# Title\n"  # no front matter (MkDocs reads it as a rule): every line is content
    assert [number for number, _ in content_lines(unclosed, "docs/x.md")] == [1, 2]
