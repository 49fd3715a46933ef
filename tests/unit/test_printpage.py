"""The lean print document: what the PDF engine gets from print-site's combined page."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import bare_post_build
from saferpolitics.post_build import csp, pipeline
from saferpolitics.post_build.printpage import (
    build_print_document,
    dead_link_problems,
    leave_out_pages,
    link_pages_off_the_print_page,
    link_to_the_website,
    one_bookmark_for_a_part_and_its_first_page,
    pdf_contents,
    print_checklists_once,
    print_steps_once,
    repair_internal_links,
    restore_text_message_links,
)

PRINT_PAGE = """<!doctype html><html><head><script>x()</script></head><body>
<nav class="md-nav">Site navigation</nav>
<article class="md-content__inner md-typeset"><div id="print-site-page">
<section id="print-site-cover-page"><h1>Cover title</h1></section>
<section class="print-page"><div id="print-page-toc"><nav><h1>Contents</h1></nav></div></section>
<section class="print-page" id="index"><h1 id="index-home">Home<a class="headerlink" href="#index-home">&para;</a></h1>
<p><a href="#get-help-now-first-steps">first steps</a> <a href="#.">home</a> <a href="#index-">top</a>
<a href="https://example.org/">web</a> <a href="tel:999">999</a> <a href="#index-link:some-id">unresolved id</a>
<a href="../assets/form.docx">a site file</a></p></section>
<section class="print-page" id="get-help-now"><h1 id="get-help-now-get-help-now">Get help now</h1>
<h2 id="get-help-now-first-steps">First steps</h2><button>Copy</button></section>
<section class="print-page md-section" id="section-3"><h1>Guidance<a class="headerlink" href="#section-3"></a></h1>
<section class="print-page" id="harassment"><h1 id="harassment-harassment">Harassment</h1>
<h2 id="harassment-evidence">Evidence</h2><h2 id="harassment-police">Police</h2></section>
</section>
<style>.print-site-enumerate-headings #index > h1:before { content: '1 ' }</style>
</div></article></body></html>"""


def _document():
    return build_print_document(
        PRINT_PAGE,
        title="The toolkit",
        author="The authors",
        description="What it is",
        stylesheets=["file:///site/assets/css/print.css"],
    )


def _content():
    return BeautifulSoup(PRINT_PAGE, "html.parser").find(id="print-site-page")


def test_links_print_site_breaks_are_pointed_at_real_targets():
    content = _content()
    dead = repair_internal_links(content, home_id="index")
    hrefs = {link.get_text(): link["href"] for link in content.find_all("a", href=True)}
    assert hrefs["first steps"] == "#get-help-now-first-steps"
    assert hrefs["home"] == "#index"
    assert hrefs["top"] == "#index"
    assert hrefs["web"] == "https://example.org/"
    assert hrefs["999"] == "tel:999"
    # Words stay, links that cannot work on paper go; only the site-file link is the author's to fix.
    assert "unresolved id" not in hrefs and "unresolved id" in content.get_text()
    assert "a site file" not in hrefs and "a site file" in content.get_text()
    assert dead == [("index", "../assets/form.docx")]


def test_contents_lists_pages_sections_and_nav_groups_in_order():
    soup = BeautifulSoup(PRINT_PAGE, "html.parser")
    nav = pdf_contents(soup, soup.find(id="print-site-page"), "Contents")
    entries = [(link.get_text(), link["href"]) for link in nav.find_all("a")]
    assert entries == [
        ("Home", "#index"),
        ("Get help now", "#get-help-now"),
        ("First steps", "#get-help-now-first-steps"),
        ("Harassment", "#harassment"),  # in a nav folder: its sections would overfill the contents
    ]
    assert [group.get_text() for group in nav.select(".sp-contents__group-title")] == ["Guidance"]
    assert nav.h1.get_text() == "Contents"


def test_document_keeps_content_and_metadata_and_drops_screen_parts():
    document = _document()
    html = document.html
    assert '<html lang="en-GB">' in html
    assert "<title>The toolkit</title>" in html
    assert '<meta name="author" content="The authors">' in html
    assert '<link rel="stylesheet" href="file:///site/assets/css/print.css">' in html
    for screen_only in ("Site navigation", "<script", "headerlink", "<button", "print-page-toc", "<style"):
        assert screen_only not in html
    # The contents list comes straight after the cover.
    assert html.index("print-site-cover-page") < html.index('class="sp-contents"') < html.index('id="index"')
    assert document.page_titles == ["Home", "Get help now", "Harassment"]


LEFT_OUT = """<div id="print-site-page">
<section class="print-page" id="index"><h1>Home</h1><p><a href="#about-source">where it comes from</a>
<a href="#contributing">contribute</a> <a href="#about">about</a></p>
<p class="sp-web-only">Your ticks are saved only on this device.</p></section>
<section class="print-page md-section" id="section-2"><h1>About</h1>
<section class="print-page" id="about"><h1>About</h1><h2 id="about-source">Source</h2></section>
<section class="print-page" id="contributing"><h1>For contributors</h1></section>
</section></div>"""


def test_pages_kept_off_paper_go_with_their_empty_folder_and_links_point_at_the_website():
    content = BeautifulSoup(LEFT_OUT, "html.parser").find(id="print-site-page")
    addresses = {"about": "https://toolkit.example/about/", "contributing": None}
    leave_out_pages(content, addresses)
    dead = repair_internal_links(content, home_id="index", web_addresses=addresses)
    assert [s["id"] for s in content.select("section[id]")] == ["index"]  # the "About" folder went too
    hrefs = {link.get_text(): link["href"] for link in content.find_all("a", href=True)}
    # A link to a part of a page goes to that part (a maintainer review: further-reading's link to
    # resources.md#regulators-and-public-bodies printed and linked .../resources/ only).
    assert hrefs == {
        "where it comes from": "https://toolkit.example/about/#source",
        "about": "https://toolkit.example/about/",
    }
    assert "contribute" in content.get_text()  # no site_url: the words stay, unlinked
    assert dead == []


def test_a_link_marked_for_the_website_prints_the_pages_web_address_not_its_page_number():
    # A printing review: paper said "download it from the Protocol builder page ... its address is
    # at the foot of every page", where the footer gives only the site's domain.
    html = (
        '<div id="print-site-page"><section class="print-page" id="help-abuse"><h1>Abuse</h1>'
        '<p><a class="sp-web-address" href="#protocol-builder">Protocol builder</a> '
        '<a class="sp-web-address" href="#help-abuse-steps">steps</a> '
        '<a class="sp-web-address" href="#help-abuse-">this page</a> <a href="#protocol-builder">builder</a> '
        '<a class="sp-web-address" href="#x-">not a page</a></p></section>'
        '<section class="print-page" id="help"><h1>Help</h1></section>'
        '<section class="print-page" id="protocol-builder"><h1>Builder</h1></section></div>'
    )
    addresses = {
        "help": "https://toolkit.example/help/",
        "help-abuse": "https://toolkit.example/help/abuse/",
        "protocol-builder": "https://toolkit.example/protocol-builder/",
    }
    soup = BeautifulSoup(html, "html.parser")
    link_to_the_website(soup, addresses)
    hrefs = [link["href"] for link in soup.find_all("a")]
    assert hrefs == [
        "https://toolkit.example/protocol-builder/",
        "https://toolkit.example/help/abuse/#steps",  # the longest page name that fits, not "help"
        "https://toolkit.example/help/abuse/",
        "#protocol-builder",  # an ordinary link still leads to the page in the PDF
        "#x-",  # not a page: left to repair_internal_links
    ]
    # Without site_url there is no address to give: the words stay, unlinked.
    soup = BeautifulSoup(html, "html.parser")
    link_to_the_website(soup, dict.fromkeys(addresses))
    assert "Protocol builder" in soup.get_text() and soup.find("a", string="Protocol builder") is None


def test_web_only_words_never_reach_the_document():
    document = build_print_document(
        LEFT_OUT.replace('<div id="print-site-page">', '<html><body><div id="print-site-page">'),
        title="t",
        author="a",
        description="d",
        stylesheets=[],
        web_addresses={"about": None, "contributing": None},
    )
    assert "saved only on this device" not in document.html
    assert document.page_titles == ["Home"]


CHECKLISTS = """<div id="print-site-page">
<section class="print-page" id="help-abuse"><h1>Abuse</h1>
<fieldset class="sp-checklist" data-sp-checklist="when-abuse"><legend>When abuse happens</legend><ul><li>Tell</li></ul></fieldset></section>
<section class="print-page" id="harassment"><h1>Harassment</h1>
<fieldset class="sp-checklist" data-sp-checklist="when-abuse"><legend>When abuse happens</legend><ul><li>Tell</li></ul></fieldset>
<fieldset class="sp-checklist" data-sp-checklist="before-posting"><legend>Before you post</legend><ul><li>Check</li></ul></fieldset></section>
<section class="print-page" id="checklists"><h1>Checklists</h1><div class="sp-checklists">
<h2 id="checklists-when-abuse">When abuse happens</h2>
<fieldset class="sp-checklist" data-sp-checklist="when-abuse"><legend>When abuse happens</legend><ul><li>Tell</li></ul></fieldset>
</div></section></div>"""


def test_each_checklist_prints_once_on_the_checklists_page_and_elsewhere_says_where():
    soup = BeautifulSoup(CHECKLISTS, "html.parser")
    content = soup.find(id="print-site-page")
    print_checklists_once(soup, content)
    placed = [(f.find_parent("section")["id"], f["data-sp-checklist"]) for f in content.select("fieldset")]
    # The collecting page is home; a checklist it lacks stays where it first appears.
    assert placed == [("harassment", "before-posting"), ("checklists", "when-abuse")]
    notes = content.select("p.sp-checklist-ref")
    assert [n.get_text() for n in notes] == ["Work through the checklist When abuse happens."] * 2
    assert {n.a["href"] for n in notes} == {f"#{content.select_one('#checklists fieldset')['id']}"}


def test_a_situations_steps_print_once_where_they_come_first_and_elsewhere_say_where():
    soup = BeautifulSoup(
        """<div id="print-site-page">
<section class="print-page" id="get-help-now"><h1>Get help now</h1><h2 id="abuse">Abuse or threats online<a class="headerlink">¶</a></h2>
<ol class="sp-first-steps" data-sp-steps="threats"><li>Call 999</li></ol></section>
<section class="print-page" id="threats"><h1>A threat</h1><h2 id="steps">What to do now</h2>
<ol class="sp-first-steps" data-sp-steps="threats"><li>Call 999</li></ol>
<ol class="sp-first-steps" data-sp-steps="abuse"><li>Tell</li></ol></section></div>""",
        "html.parser",
    )
    content = soup.find(id="print-site-page")
    print_steps_once(soup, content)
    assert [(ol.find_parent("section")["id"], ol["data-sp-steps"]) for ol in content.select("ol")] == [
        ("get-help-now", "threats"),
        ("threats", "abuse"),
    ]
    [note] = content.select("#threats p.sp-checklist-ref")
    assert (
        note.get_text() == "Follow the steps under Abuse or threats online." and note.a["href"] == "#sp-steps-threats"
    )


def test_printed_addresses_follow_their_link_instead_of_being_part_of_it():
    content = BeautifulSoup(
        '<div id="print-site-page"><p><a class="sp-ext" href="https://a.example/x">Advice'
        '<span class="sp-url">https://a.example/x</span></a> more</p></div>',
        "html.parser",
    ).find(id="print-site-page")
    from saferpolitics.post_build.printpage import print_addresses_after_links

    print_addresses_after_links(content)
    assert str(content.p) == (
        '<p><a class="sp-ext" href="https://a.example/x">Advice</a>'
        '<span class="sp-url">https://a.example/x</span> more</p>'
    )


def test_glossary_terms_print_as_plain_words():
    content = BeautifulSoup(
        '<div id="print-site-page"><p>Tell the <abbr class="sp-term" title="National Cyber Security '
        'Centre">NCSC</abbr> today.</p></div>',
        "html.parser",
    ).find(id="print-site-page")
    from saferpolitics.post_build.printpage import plain_terms

    plain_terms(content)
    assert str(content.p) == "<p>Tell the NCSC today.</p>"


def test_internal_links_are_followed_by_their_page_number_not_wrapped_in_it():
    soup = BeautifulSoup(
        '<div id="print-site-page"><section class="print-page" id="a"><h1>A</h1>'
        '<p><a href="#b">B</a> <a class="footnote-ref" href="#fn1">1</a></p></section>'
        '<section class="print-page" id="b"><h1>B</h1></section></div>',
        "html.parser",
    )
    from saferpolitics.post_build.printpage import number_internal_links

    number_internal_links(soup, soup.find(id="print-site-page"))
    assert str(soup.p) == (
        '<p><a href="#b">B</a><span class="sp-page-ref" data-target="#b"></span> '
        '<a class="footnote-ref" href="#fn1">1</a></p>'
    )


def test_links_to_a_page_not_printed_go_to_the_website_and_the_rest_stay():
    html = (
        '<section id="about"><a href="#contributing">For contributors</a> <a href="#about">About</a>'
        '<a href="#glossary">Glossary</a></section><section id="glossary"></section>'
    )
    fixed = link_pages_off_the_print_page(html, {"contributing": "contributing/", "glossary": "glossary/"})
    assert '<a href="../contributing/">For contributors</a>' in fixed
    assert '<a href="#about">About</a>' in fixed and '<a href="#glossary">Glossary</a>' in fixed


def test_a_text_message_link_print_site_made_an_anchor_texts_its_number_again():
    html = '<a href="#get-help-now-sms:85258">85258</a> <a href="#help-affecting-me-steps">steps</a>'
    assert (
        restore_text_message_links(html) == '<a href="sms:85258">85258</a> <a href="#help-affecting-me-steps">steps</a>'
    )


def test_a_page_titled_as_its_part_gets_no_bookmark_of_its_own():
    # A printing review: the PDF's bookmarks read "What's happening? > What's happening?".
    content = BeautifulSoup(
        '<div id="print-site-page"><section class="print-page md-section" id="section-2">'
        "<h1>What's happening?</h1>"
        '<section class="print-page" id="help"><h1 id="help-help">What\'s happening?</h1></section>'
        '<section class="print-page" id="abuse"><h1 id="abuse-abuse">Abuse</h1></section></section>'
        '<section class="print-page md-section" id="section-3"><h1>Guidance</h1>'
        '<section class="print-page" id="harassment"><h1 id="h">Harassment</h1></section></section></div>',
        "html.parser",
    ).find(id="print-site-page")
    one_bookmark_for_a_part_and_its_first_page(content)
    assert [h1.get_text() for h1 in content.select("h1.sp-repeats-part")] == ["What's happening?"]


def test_a_link_into_a_left_out_page_goes_to_that_page_not_to_one_whose_id_starts_its_own():
    # A code review: "help" and "help-abuse" both left out, a link to "#help-abuse-steps" went to
    # the first that fitted ("help"), another page's address.
    html = (
        '<div id="print-site-page"><section class="print-page" id="index"><h1>Home</h1>'
        '<p><a href="#help-abuse-steps">steps</a></p></section>'
        '<section class="print-page" id="help"><h1>Help</h1></section>'
        '<section class="print-page" id="help-abuse"><h1>Abuse</h1><h2 id="help-abuse-steps">Steps</h2></section></div>'
    )
    content = BeautifulSoup(html, "html.parser").find(id="print-site-page")
    addresses = {"help": "https://toolkit.example/help/", "help-abuse": "https://toolkit.example/help/abuse/"}
    leave_out_pages(content, addresses)
    repair_internal_links(content, home_id="index", web_addresses=addresses)
    assert content.find("a", string="steps")["href"] == "https://toolkit.example/help/abuse/#steps"


def test_a_link_to_a_download_that_goes_nowhere_in_the_pdf_is_named_on_its_line_with_a_hint_for_a_file():
    """A maintainer review: `[form](downloads/x.pdf)` failed the PDF build with no line, and a hint
    about pages and the registry that does not fit a file."""
    page = "---\nreviewed: 2026-12-01\n---\n\n# Forms\n\nGet the [form](downloads/x.pdf).\n\nAgain: [form](downloads/x.pdf).\n"
    help_page = "# Help\n\nSee [the notes](../assets/notes.txt) and [a page](../other/).\n"
    dead = [
        ("forms", "../downloads/x.pdf"),
        ("forms", "../downloads/x.pdf"),
        ("help-abuse", "../assets/notes.txt"),
        ("help-abuse", "../other/"),
        ("cover", "../x.csv"),
    ]
    sources = {"forms": ("docs/forms.md", page), "help-abuse": ("docs/help/abuse.md", help_page)}
    problems = dead_link_problems(dead, sources)
    assert [(p.file, p.line) for p in problems] == [
        ("docs/forms.md", 7),
        ("docs/forms.md", 9),
        ("docs/help/abuse.md", 3),
        ("docs/help/abuse.md", 3),
        ("overrides/partials/print-cover.html", None),
    ]
    assert problems[0].message == "link to ../downloads/x.pdf goes nowhere in the PDF, so it is printed as plain text"
    assert problems[0].hint.startswith("a file cannot be opened from paper: put `{: .sp-web-only }`")
    assert problems[2].hint == problems[0].hint
    assert problems[3].hint.startswith("link to a page in nav")


def test_the_print_page_is_served_as_printed_and_no_other_page_is_changed_so():
    """pipeline.as_printed, applied by finish_page to the print page alone, as the PDF gets it."""
    html = (
        '<html><head></head><body><section id="about"><a href="#contributing">For contributors</a>'
        '<a href="#get-help-now-sms:85258">85258</a></section></body></html>'
    )
    build = bare_post_build(off_print_page={"contributing": "contributing/"})
    printed = pipeline.as_printed(html, build)
    assert '<a href="../contributing/">For contributors</a>' in printed and 'href="sms:85258"' in printed
    served, _ = pipeline.finish_page(pipeline.PRINT_PAGE_FILE, html, build, csp.Allowlist(), None)
    assert 'href="../contributing/"' in served and 'href="sms:85258"' in served
    other, _ = pipeline.finish_page("about/index.html", html, build, csp.Allowlist(), None)
    assert 'href="#contributing"' in other and 'href="#get-help-now-sms:85258"' in other
