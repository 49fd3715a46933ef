"""Formatting mistakes Markdown passes silently (saferpolitics/markdown_stage/formatting.py), each
stopping the Markdown stage on its line: on a bare markdown.Markdown with the site's extensions
and the tiny project's data (markdown_stage_project/), as an engine without MkDocs runs it."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import markdown
import pytest

from saferpolitics.core.problems import BuildStopped
from saferpolitics.markdown_stage.blocksyntax import scan_content
from saferpolitics.markdown_stage.formatting import (
    BOX_KINDS,
    PAGE_CLASSES,
    CommentsLeftOutExtension,
    PaperOnlyOutOfSearchExtension,
    attribute_list_problems,
    attribute_setting_problems,
    heading_problems,
    html_link_problems,
    image_description_problems,
    leftover_emphasis,
    leftover_emphasis_problems,
    leftover_syntax_problems,
    unclosed_comment_problems,
)

PROJECT = Path(__file__).resolve().parent / "markdown_stage_project"
SITE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences", "tables"]


def problems(page: str) -> str:
    """Every problem the Markdown stage stops on in this page ("" when it converts)."""
    md = markdown.Markdown(
        extensions=[*SITE_EXTENSIONS, "saferpolitics"],
        extension_configs={"saferpolitics": {"root": str(PROJECT), "page": "page.md"}},
    )
    try:
        md.convert(textwrap.dedent(page))
    except BuildStopped as stopped:
        return str(stopped)
    return ""


GOOD_PAGE = """\
    # Page

    !!! warning "In immediate danger, call 999"

        Call the police on 999.

    ??? note "More"
        Some more.

    Only on the website.
    {: .sp-web-only }

    <div class="sp-answers" markdown>

    - An answer

    </div>

    ```md
    !!! warnign "An example"

    - [ ] an example of a task list

    {: .sp-web-only }

    <div markdown>
    | Who | Number |
    | --- | --- | --- |
    ```

    | Who | Number |
    | --- | --- |
    | Police | `999|101` |
    | Samaritans | 116 123 \\| free, day or night |
    | Shout | 85258 | |
    """


def test_a_page_with_well_formed_boxes_attribute_lists_and_html_blocks_converts():
    assert problems(GOOD_PAGE) == ""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # the 999 box lost its warning style
            '!!! warning "In',
            '!!! warnign "In',
            "docs/page.md:3: `!!! warnign`: 'warnign' is not a kind of box the theme styles, so it shows with no "
            "colour or icon\n    hint: did you mean 'warning'?",
        ),
        ("??? note", "??? nte", "docs/page.md:7: `??? nte`: 'nte' is not a kind of box"),
        (  # the box's text not indented: the box shows empty, its text after it
            "    Call the police on 999.",
            "Call the police on 999.",
            "docs/page.md:3: the box `!!! warning` is empty: the text meant for it shows after it\n"
            "    hint: indent each line of the box's text by four spaces under the `!!!` line.",
        ),
        (
            "Only on the website.\n{: .sp-web-only }",
            "Only on the website.\n\n{: .sp-web-only }",
            "docs/page.md:12: `{: .sp-web-only }` shows as text to readers: it is attached to nothing\n"
            "    hint: put it on the line straight after the paragraph",
        ),
        (
            "- An answer\n\n</div>\n",
            "- An answer\n",
            'docs/page.md:13: `<div class="sp-answers" markdown>` is never closed, so the rest of the page goes '
            "inside it\n    hint: add `</div>` on a line of its own",
        ),
        ("- An answer\n", "- An answer\n\n</div>\n", "docs/page.md:19: `</div>` closes no `<div>`"),
        (  # a task list: no such extension here, so readers saw "[ ] An answer"
            "- An answer\n",
            "- [ ] An answer\n",
            "docs/page.md:15: a task list item: readers see its brackets, '[ ]', as text\n"
            "    hint: for things to tick off, add a checklist",
        ),
        (  # a maintainer review (audit16): the bold never closed, readers saw "**Ask your party's..."
            "Only on the website.\n",
            "Only on the website.\n\n**Ask your party's press office for help with\nwhat to say.\n",
            "docs/page.md:12: readers see '**' as typed: '**Ask your party's press office for help w...'\n"
            "    hint: put the same marks after the words they are for, in the same paragraph",
        ),
        ("Only on the website.\n", "Only on the website and __on paper.\n", "docs/page.md:10: readers see '__' as"),
        ("Only on the website.\n", "Only on the *website.\n", "docs/page.md:10: readers see '*' as typed"),
        (  # a maintainer review (audit16): a fence never closed, readers saw "```text some example"
            "116 123 \\| free, day or night |\n| Shout | 85258 | |\n",
            "116 123 \\| free, day or night |\n| Shout | 85258 | |\n\n```text\nsome example\n",
            "docs/page.md:37: the code block that starts here, '```text', is never closed: readers see its ``` and "
            "the example as page text\n    hint: add a line ``` where the example ends",
        ),
        (  # a maintainer review (self16): left open in a box, it built; the box showed "```text Call..."
            "    Call the police on 999.\n",
            "    ```text\n    Call the police on 999.\n",
            "docs/page.md:5: the code block that starts here, '```text', is never closed: readers see its ``` and "
            "the example as page text\n    hint: add a line ``` where the example ends, indented as far as the "
            "opening line (with as many backticks as it has), before any line indented less",
        ),
        (  # left open in a comment, it made the example after it page text
            "| Shout | 85258 | |\n",
            "| Shout | 85258 | |\n\n<!-- Draft:\n```text\n-->\n\n~~~text\nsome example\n~~~\n",
            "docs/page.md:38: the code block that starts here, '```text', in a comment, is never closed, so the one "
            "on line 41 is not a code block either: readers see its ~~~ and the example as page text\n"
            "    hint: close it inside the comment, with a line ``` before the `-->`, or take it out of the comment",
        ),
        (  # closed only after the comment: readers saw "-->" and the page after it as code
            "Only on the website.\n",
            "Only on the website.\n\n<!-- Draft:\n```text\n-->\n\n```text\nsome example\n```\n",
            "docs/page.md:13: the code block that starts here, '```text', in a comment, is closed only on line 18, "
            "after the comment ends: readers see the comment's end and the lines up to there as code\n"
            "    hint: close it inside the comment, with a line ``` before the `-->`, or take it out of the comment",
        ),
        (  # a cell too many: the table drops it, and readers never see "free, day or night"
            "116 123 \\|",
            "116 123 |",
            "docs/page.md:34: this table row has 3 cells but the table has 2 columns: readers would not see the "
            "last 1\n    hint: add the column to the table's first two lines, or join the cells",
        ),
    ],
)
def test_a_formatting_mistake_stops_the_page_at_its_line(old, new, expected):
    page = textwrap.dedent(GOOD_PAGE)
    assert old in page
    found = problems(page.replace(old, new, 1))
    assert expected in found, found


ANSWERS, WEB_ONLY = "- An answer\n", "Only on the website.\n"


@pytest.mark.parametrize(
    ("after", "text"),
    [
        # A tag in a comment, code or an attribute value opens and closes nothing, as browsers and
        # Markdown read it: only a real tag opens or closes a block.
        (ANSWERS, '<!-- An older version wrapped this in <div class="sp-box"> for print. -->'),
        (ANSWERS, "<!--\nA draft: <section>\n-->"),
        (ANSWERS, 'Write `<div class="sp-box" markdown>` to make a box.'),
        (ANSWERS, 'Write `<div class="sp-box"\nmarkdown>` to make a box, and `</div\n>` to end it.'),  # wrapped spans
        (ANSWERS, "Press <Ctrl and hold it."),
        (ANSWERS, "Press <Ctrl, don't let go.\n\n<div class='sp-answers' markdown>\nIt's held > here.\n</div>"),
        (ANSWERS, '<p title="a <div> in a value">Text</p>'),
        (ANSWERS, '<div class="sp-answers" data-note="</div> is how it ends" markdown>\nText\n</div>'),
        # Text that only looks like an emphasis mark.
        (WEB_ONLY, "5 * 3 = 15, and a*b is a name."),  # not emphasis marks
        (WEB_ONLY, "Write your name here: ________"),  # a line to fill in
        (WEB_ONLY, "Bold **words** and *italic* words."),
        # A maintainer review (self16): a star written with a backslash, Markdown's way to show it.
        (WEB_ONLY, "Terms apply\\*."),
        (WEB_ONLY, "Terms apply\\* (see \\*\\* below) and \\*each\\* one."),
        (WEB_ONLY, "Fill in \\_\\_ here."),
    ],
)
def test_markup_that_only_looks_like_a_mistake_is_not_reported(after, text):
    page = textwrap.dedent(GOOD_PAGE).replace(after, f"{after}\n{text}\n", 1)
    assert problems(page) == ""


def test_a_star_is_named_at_the_page_with_the_way_to_show_it_and_an_escaped_one_is_not_named():
    page = textwrap.dedent(GOOD_PAGE).replace(
        "Only on the website.\n", "Only on the website.\n\nTerms \\* apply*.\n", 1
    )
    found = problems(page)
    assert "docs/page.md:12: readers see '*' as typed: 'Terms * apply*.'" in found, found
    assert "for a star readers should see, write \\* (a backslash before it)" in found


def _emphasis_problems(tmp_path, page: str, data: str, source: str | None = None) -> list[tuple]:
    """The leftover-mark problems of page, whose source is source (page unless given: a block may
    put text from the data files in), with data as the project's data/first-hour.yml."""
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "first-hour.yml").write_text(data, encoding="utf-8")
    html = markdown.Markdown(extensions=SITE_EXTENSIONS).convert(page)
    found = leftover_emphasis_problems(scan_content(html), source or page, "docs/page.md", tmp_path)
    return [(p.file, p.line, p.message, p.hint.split("; ")[-1]) for p in found]


def test_a_mark_is_never_named_in_a_data_file_on_two_characters_alone(tmp_path):
    """A maintainer review (self16): "Terms apply*" on a page was named at an unrelated crisis step
    holding "y*"; only the mark with words around it is looked for in the data files."""
    page = "# Page\n\nThe [terms apply](https://example.org/)*\n"
    assert _emphasis_problems(tmp_path, page, "- step: Call them today*\n") == [
        (
            "docs/page.md",
            None,
            "readers see '*' as typed: 'The terms apply*'",
            "for a star readers should see, write \\* (a backslash before it)",
        )
    ]


def test_a_mark_from_a_data_file_is_named_there_with_no_backslash_advice(tmp_path):
    page, data = "# Page\n\nCall them today*.\n", "- note: x\n- step: Call them today*.\n"
    assert _emphasis_problems(tmp_path, page, data, source="# Page\n\n/// first-steps | x\n") == [
        (
            "data/first-hour.yml",
            2,
            "readers see '*' as typed: 'Call them today*.'",
            "for a star readers should see, say it in words",
        )
    ]


def test_a_mark_in_a_web_address_is_not_an_emphasis_mark():
    assert leftover_emphasis("Write to https://example.org/a__b/**/c or call.") is None
    assert leftover_emphasis("Write to https://example.org/ or **call.")[0] == "**"


def test_the_kinds_of_box_are_those_the_installed_theme_styles():
    """A kind Material stopped styling would pass silently: its stylesheet is the reference."""
    import material

    stylesheets = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
    css = "".join(path.read_text(encoding="utf-8") for path in stylesheets)
    assert set(re.findall(r"\.md-typeset \.admonition\.([a-z]+)", css)) == set(BOX_KINDS)


def test_a_misspelt_class_in_an_attribute_list_is_named_on_its_line():
    """A maintainer review: `{ .sp-web-onyl }` built cleanly, and the screen's words printed in the PDF."""
    source = (
        "Web words.\n{ .sp-web-onyl }\n\nPaper words.\n{: .sp-papr-only data-search-exclude }\n\n"
        "[The builder](protocol-builder.md){ .sp-web-address }.\n\n```\n{: .sp-example }\n```\n"
        '{: .md-button .sp-start-again }\n\n<div class="sp-answer-ends print-site-plugin-ignore" markdown>\n'
    )
    problems = attribute_setting_problems(source, "docs/x.md")
    assert [(p.line, p.message.split("`")[1], p.hint.split("?")[0]) for p in problems] == [
        (2, ".sp-web-onyl", "did you mean 'sp-web-only'"),
        (5, ".sp-papr-only", "did you mean 'sp-paper-only'"),
        (14, ".sp-answer-ends", "did you mean 'sp-answer-end'"),
    ]
    assert problems[0].message.endswith("so this part would show on screen and on paper alike")
    # Classes read from the tag's attributes, as a browser does: a class without quotes counts, another
    # attribute ending in "class" does not (an audit: both read wrongly by a search of the line's text).
    source = '<div class=sp-web-onyl markdown>\n\n<div data-class="sp-toggle" markdown>\n'
    assert [(p.line, p.message.split("`")[1]) for p in attribute_setting_problems(source, "docs/x.md")] == [
        (1, ".sp-web-onyl")
    ]


def test_every_class_a_page_can_use_does_something():
    """Each class in PAGE_CLASSES is styled (a stylesheet of ours) or read by the build (the package)."""
    root = Path(__file__).resolve().parents[2]
    used = "".join(p.read_text(encoding="utf-8") for p in sorted((root / "docs" / "assets" / "css").glob("*.css")))
    used += "".join(
        p.read_text(encoding="utf-8")
        for p in sorted((root / "saferpolitics").rglob("*.*"))
        if p.suffix in {".css", ".py"} and p.name != "formatting.py"
    )
    assert [name for name in PAGE_CLASSES if name not in used] == []


def test_a_link_written_in_html_is_named_on_its_line():
    """A maintainer review: `<a href="harassment.md">` built and went to cyber-security/harassment.md."""
    source = 'Intro.\n\nSee <a href="harassment.md">harassment</a> and\n<A HREF="#nowhere">x</a>.\n\n`<a href="x">`\n'
    problems = html_link_problems(source, "docs/x.md")
    assert [(p.line, p.message.split("` ")[0]) for p in problems] == [
        (3, '`<a href="harassment.md">'),
        (4, '`<A HREF="#nowhere">'),
    ]
    assert problems[0].hint.startswith("write it in Markdown: [words](harassment.md)")


def test_an_image_written_in_html_is_named_on_its_line():
    """A maintainer review: `<img src=...>` built with no alt text, its relative path broken on the
    site (a page is a folder there) and on the print page."""
    source = 'Intro.\n\n<img src="report.png">\n\nSee <IMG SRC="a.png" alt="A"> here.\n\n`<img src="x">`\n'
    problems = html_link_problems(source, "docs/x.md")
    assert [(p.line, p.message.split("` ")[0]) for p in problems] == [
        (3, '`<img src="report.png">'),
        (5, '`<IMG SRC="a.png" alt="A">'),
    ]
    assert "is an image written in HTML" in problems[0].message
    assert problems[0].hint.startswith("write it as ![description](path)")


def test_notes_to_maintainers_are_left_out_of_the_page():
    """A review: "<!-- internal: call Jo on 07700 900123 -->" was in the page's source and the print page's."""
    md = markdown.Markdown(extensions=[CommentsLeftOutExtension()])
    source = "Para.\n\n<!-- internal: call Jo -->\n\nMore <!-- inline --> text.\n\n    <!-- shown as code -->\n"
    assert md.convert(source) == (
        "<p>Para.</p>\n\n\n<p>More  text.</p>\n<pre><code>&lt;!-- shown as code --&gt;\n</code></pre>"
    )
    # A note ends where a browser ends it, at "--!>" too: the words after it are the page's, not the note's.
    assert md.convert("A <!-- note --!> shown --> here.\n") == "<p>A  shown --&gt; here.</p>"


def test_words_for_paper_only_are_left_out_of_search_however_they_are_written():
    """A maintainer review: `{: .sp-paper-only }` without `data-search-exclude` put words no reader
    sees on screen into the search index (Material leaves out what has data-search-exclude)."""
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", PaperOnlyOutOfSearchExtension()])
    source = (
        "Tick the boxes as you go.\n{: .sp-paper-only }\n\n"
        "Already marked.\n{: .sp-paper-only data-search-exclude }\n\n"
        '<div class="sp-paper-only" markdown>\n\nIn a block.\n\n</div>\n\n'
        "On screen.\n{: .sp-web-only }\n"
    )
    assert md.convert(source) == (
        '<p class="sp-paper-only" data-search-exclude="">Tick the boxes as you go.</p>\n'
        '<p class="sp-paper-only" data-search-exclude="">Already marked.</p>\n'
        '<div class="sp-paper-only" data-search-exclude="">\n<p>In a block.</p>\n</div>\n'
        '<p class="sp-web-only">On screen.</p>'
    )


def test_a_note_never_closed_is_named_on_its_line():
    source = "Para.\n\n<!-- closed -->\n\n<!-- note to self\n\nAfter.\n\n```\n<!-- in code\n```\n"
    problems = unclosed_comment_problems(source, "docs/x.md")
    assert [(p.line, p.message) for p in problems] == [
        (5, "`<!--` opens a note that is never closed: readers would see it, and the words after it, as text")
    ]


def test_an_image_with_no_description_is_named_on_its_line():
    source = "![](a.png)\n\n![A phone showing the report button](b.png)\n\n`![](c.png)`\n\nSee ![ ](d.png).\n"
    assert [p.line for p in image_description_problems(source, "docs/x.md")] == [1, 7]


def test_an_image_whose_description_is_a_file_name_or_says_only_image_is_named_on_its_line():
    """A maintainer review: `![image](...)` and `![x-report-button.png](...)` passed, and a screen
    reader says just that."""
    source = (
        "![image](a.png)\n\n![x-report-button.png](x-report-button.png)\n\n![Screenshots](b.png)\n\n"
        "![report-button](../assets/images/report-button.png)\n\n![A photo of the report button](c.png)\n\n"
        "![The icon to tap](d.png) ![Photo](e.png)\n\n`![icon](f.png)`\n"
    )
    problems = image_description_problems(source, "docs/x.md")
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (1, "this image's description is 'image'"),
        (3, "this image's description is a file name, 'x-report-button.png'"),
        (5, "this image's description is 'Screenshots'"),
        (7, "this image's description is a file name, 'report-button'"),
        (11, "this image's description is 'Photo'"),
    ]
    assert problems[0].hint.startswith("write what it shows")


def test_markup_left_in_the_words_is_named_on_its_line():
    """A maintainer review: each built, and readers saw `Delta {#delta}.`, `{#para}`, a table as a
    paragraph of | signs, and `[^1]`."""
    source = (
        "## Delta {#delta}.\n\nPara with {#para} inside.\n\n| A | B |\n| --- |\n| 1 | 2 |\n\n"
        "A claim.[^1]\n\n## Fine {#fine}\n\n| C | D |\n| --- | --- |\n| 3 | 4 |\n"
    )
    scan = scan_content(markdown.markdown(source, extensions=["attr_list", "tables"]))
    found = attribute_list_problems(scan, source, "docs/x.md") + leftover_syntax_problems(scan, source, "docs/x.md")
    assert [(p.line, p.message.split(":")[0]) for p in found] == [
        (1, "`{#delta}` shows as text to readers"),
        (3, "`{#para}` shows as text to readers"),
        (5, "this table shows as text, with its | signs"),
        (9, "`[^1]` shows as text to readers"),
    ]
    # A first row in bold is found in the source; two broken tables are two mistakes.
    source = "| **What** | *Why* |\n| --- |\n\n| A | B |\n|---|\n\n| Fine | Too |\n| :-- | --: |\n"
    scan = scan_content(markdown.markdown(source, extensions=["tables"]))
    assert [p.line for p in leftover_syntax_problems(scan, source, "docs/x.md")] == [1, 4]
    # The same list, right on its own line above and wrong inside a list item below: named at the wrong one.
    source = "Para.\n{: .sp-web-only }\n\n- A list item {: .sp-web-only }\n"
    scan = scan_content(markdown.markdown(source, extensions=["attr_list"]))
    assert [p.line for p in attribute_list_problems(scan, source, "docs/x.md")] == [4]


def test_a_link_set_to_open_elsewhere_and_an_empty_heading_are_named_on_their_lines():
    """A maintainer review: `{target=_blank}` on a link and an empty `##` each built cleanly."""
    source = "# Title\n\n[Help](help.md){target=_blank}\n\n##\n\n## {#empty}\n\nA #hashtag.\n\n## Words\n"
    assert [(p.line, p.message.split(":")[0]) for p in attribute_setting_problems(source, "docs/x.md")] == [
        (3, "`{target=_blank}` sets where a link opens")
    ]
    scan = scan_content(markdown.markdown(source, extensions=["attr_list"]))
    assert [p.line for p in heading_problems(scan, source, "docs/x.md")] == [5, 7]


def test_a_second_title_is_named_on_its_own_line_when_the_front_matter_has_a_comment():
    """audit18: `# reviewed by Jo` in the front matter counted as the first title."""
    source = "---\n# reviewed by Jo\nreviewed: 2026-12-01\n---\n\n# Title\n\nText\n\n# Second title\n"
    _, body = source.split("---\n\n", 1)
    scan = scan_content(markdown.markdown(body))
    assert [(p.line, p.message) for p in heading_problems(scan, source, "docs/x.md")] == [
        (10, "the page has 2 titles (# headings), not one")
    ]


def test_an_id_given_again_is_named_on_each_line_after_the_first():
    """An audit: the check had its own counter and wording, and named only the second of three."""
    source = "# Title\n\n## One {#same}\n\n```\n## Example {#same}\n```\n\n## Two {#same}\n\n## Three {#same}\n"
    scan = scan_content(markdown.markdown(source, extensions=["attr_list", "fenced_code"]))
    assert [(p.line, p.message, p.hint) for p in heading_problems(scan, source, "docs/x.md")] == [
        (
            9,
            "the id 'same' is listed twice (first on line 3)",
            "give each heading its own {#id}: links to #same go to the first",
        ),
        (
            11,
            "the id 'same' is listed twice (first on line 3)",
            "give each heading its own {#id}: links to #same go to the first",
        ),
    ]
