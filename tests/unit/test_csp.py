"""The page policy: an allowlist of what templates wrote, and a scan that finds all other code."""

from __future__ import annotations

import base64
import hashlib

import jinja2
import pytest

from saferpolitics.core import content_policy, htmlscan
from saferpolitics.post_build import csp, theme_fixes


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def kinds(html: str) -> list[tuple[str, str]]:
    return [(code.kind, code.name or code.tag) for code in htmlscan.scan(html)]


# --- The scan reads HTML the way a browser's tokenizer does ---------------------------------

SCAN_CASES = [
    ("<p onclick=go()>x</p>", [("handler", "onclick")]),
    ('<A ONMOUSEOVER="go()">x</A>', [("handler", "onmouseover")]),
    ('<a href="x"onclick="go()">', [("handler", "onclick")]),  # no space needed after a quote
    ("<p/onclick=go()>", [("handler", "onclick")]),  # a slash separates attributes too
    ('<a title="a>b" onclick=go()>', [("handler", "onclick")]),  # > inside a quoted value
    ('<a x"onclick=go()>', []),  # the quote belongs to the name x"onclick: no handler
    ("<a href=javascript:go()>", [("javascript-url", "href")]),
    ('<a href=" JaVaScRiPt:go()">', [("javascript-url", "href")]),
    ('<a href="java\tscript:go()">', [("javascript-url", "href")]),  # URL parsers drop tabs
    ('<a href="&#106;avascript:go()">', [("javascript-url", "href")]),  # character references
    ('<a href="&#x09;javascript:go()">', [("javascript-url", "href")]),
    ('<form action="javascript:go()">', [("javascript-url", "action")]),
    ('<a title="javascript: the language">x</a>', []),  # not a URL attribute
    ('<a href="jump.html">x</a>', []),
    ("<script>go()</script>", [("script", "script")]),
    ('<script type="application/json">{}</script>', [("data-script", "script")]),
    ("<style>p{}</style>", [("style", "style")]),
    ('<p style="color:red">', [("style-attribute", "style")]),
    (
        "<iframe src=x></iframe><object></object><embed>",
        [("embedding", "iframe"), ("embedding", "object"), ("embedding", "embed")],
    ),
    ("<svg><script>go()</script></svg>", [("foreign", "svg"), ("script", "script")]),
    # Comments: <!--> ends at once, so the script after it is live.
    ("<!--> <script>go()</script> -->", [("script", "script")]),
    ('<!-- <p title=" --><img src=x onerror=go()>"', [("handler", "onerror")]),
    ("<!-- <script>go()</script> -->", []),
    # Raw text: nothing inside a style, textarea or title is a tag, and it ends at its own end tag.
    ("<style><!--</style><img src=x onerror=go()>-->", [("style", "style"), ("handler", "onerror")]),
    ("<textarea><script>go()</script></textarea>", []),
    ("<title><img src=x onerror=go()></title>", []),
    ('<noscript><p title="</noscript><img src=x onerror=go()>">', [("handler", "onerror")]),
    # A script body with <!-- could end elsewhere in a browser: reported, never hashed.
    ("<script><!--<script></script>go()</script>", [("unreadable-script", "script")]),
    # More of the tokenizer's corners, each checked against Chromium by tests/browser/test_htmlscan_browser.py.
    ("<a href=\"x\" title='y'onclick=go()>", [("handler", "onclick")]),
    ('<img src="x" alt="" onerror = "go()">', [("handler", "onerror")]),
    ("<div =onclick=go()>", []),  # a name may start with =: it is "=onclick"
    ('<a href="&Tab;javascript:go()">', [("javascript-url", "href")]),
    ("<a href=\x01javascript:go()>", [("javascript-url", "href")]),  # leading controls are skipped
    ("<xmp><img src=x onerror=go()></xmp>", []),
    ("<iframe><img src=x onerror=go()></iframe>", [("embedding", "iframe")]),
    ("<plaintext><img src=x onerror=go()>", []),
    (
        '<script type="text/plain">x</script><script src="x.js"></script>',
        [("data-script", "script"), ("data-script", "script")],
    ),
    ("<!----><img src=x onerror=go()>", [("handler", "onerror")]),
    ("<!-- a --!><img src=x onerror=go()>", [("handler", "onerror")]),
    ("<?php <img src=x onerror=go()> ?>", []),  # a bogus comment, to the first >
    ("</p onclick=go()>", []),  # end tags have no attributes
    ("<math><mtext><img src=x onerror=go()></mtext></math>", [("foreign", "math"), ("handler", "onerror")]),
]


@pytest.mark.parametrize("html, expected", SCAN_CASES)
def test_the_scan_finds_code_where_a_browser_would_run_it(html, expected):
    assert kinds(html) == expected


def sources(html: str) -> list[tuple[str, str, str]]:
    return [(code.tag, code.name, code.text) for code in htmlscan.scan(html) if code.kind == "third-party-source"]


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<img src="https://evil.example/t.png">', [("img", "src", "https://evil.example/t.png")]),
        ("<img src=//evil.example/t.png>", [("img", "src", "//evil.example/t.png")]),
        ('<img src="\\\\evil.example/t.png">', [("img", "src", "\\\\evil.example/t.png")]),  # a browser reads \\ as //
        ('<img src=" &#104;ttps://evil.example/t.png">', [("img", "src", "https://evil.example/t.png")]),
        (
            '<img src="a.png" srcset="a-2x.png 2x, https://evil.example/3x.png 3x">',
            [("img", "srcset", "https://evil.example/3x.png")],
        ),
        (
            '<video poster="http://evil.example/p.jpg"><source src="HTTP://evil.example/v.mp4"></video>',
            [("video", "poster", "http://evil.example/p.jpg"), ("source", "src", "HTTP://evil.example/v.mp4")],
        ),
        # Read as <img>, and a picture behind any element (a maintainer review).
        ('<image src="https://evil.example/i.png">', [("image", "src", "https://evil.example/i.png")]),
        ('<table background="//evil.example/bg.png">', [("table", "background", "//evil.example/bg.png")]),
        ("<td BACKGROUND=https://evil.example/c.png>", [("td", "background", "https://evil.example/c.png")]),
        ('<table background="../assets/images/bg.png">', []),
        ('<img src="../assets/images/logo.png" srcset="logo-2x.png 2x">', []),
        ("<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>\">", []),  # the file itself
        ('<a href="https://example.org/">a link is not fetched</a>', []),
    ],
)
def test_the_scan_finds_every_file_a_page_would_fetch_from_another_website(html, expected):
    assert sources(html) == expected


@pytest.mark.parametrize(
    "html, expected",
    [
        # A review: a template's stylesheet, preconnect or dns-prefetch to another website built.
        ('<link rel="stylesheet" href="https://evil.example/x.css">', [("link", "href", "https://evil.example/x.css")]),
        ('<link rel="preconnect" href="https://evil.example">', [("link", "href", "https://evil.example")]),
        ("<link rel=dns-prefetch href=//evil.example>", [("link", "href", "//evil.example")]),
        ('<link rel="icon" href="HTTPS://evil.example/i.png">', [("link", "href", "HTTPS://evil.example/i.png")]),
        (
            '<link href="https://evil.example/p.css" rel="alternate stylesheet">',
            [("link", "href", "https://evil.example/p.css")],
        ),
        ('<link rel="unheard-of" href="https://evil.example/">', [("link", "href", "https://evil.example/")]),
        # Names, not requests: Material's canonical address is the site's own published one.
        ('<link rel="canonical" href="https://toolkit.example/about/">', []),
        ('<link rel="alternate" hreflang="cy" href="https://toolkit.example/cy/">', []),
        ('<link rel="privacy-policy" href="https://www.liverpool.ac.uk/privacy/">', []),
        # Words of a style attribute's text are not an address.
        ("<p style=\"content:'see url(https://evil.example/t.png)'\">", []),
        ('<link rel="stylesheet" href="../assets/css/toolkit.css">', []),
        # A picture a style attribute names is fetched too.
        (
            '<div style="background:url(https://evil.example/t.png)">',
            [("div", "style", "https://evil.example/t.png")],
        ),
        ("<p style='background-image: URL( \"//evil.example/a.png\" )'>", [("p", "style", "//evil.example/a.png")]),
        (
            '<div style="background:url(&quot;https://evil.example/q.png&quot;)">',
            [("div", "style", "https://evil.example/q.png")],
        ),
        ('<div style="background:url(../images/a.png)">', []),
        # And what a style element's rules name (maint16: a template's allowed <style> with a
        # picture from another website built without a word).
        (
            "<style>\n.a { background: url(https://other.example/x.png) }\n</style>",
            [("style", "", "https://other.example/x.png")],
        ),
        (
            '<style>.a { background: image-set("//other.example/x.png" 1x) }</style>',
            [("style", "", "//other.example/x.png")],
        ),
        ('<style>.a { content: "url(https://other.example/words)" } .b { background: url(b.png) }</style>', []),
    ],
)
def test_the_scan_finds_what_a_link_or_a_style_attribute_would_fetch_from_another_website(html, expected):
    assert sources(html) == expected


def test_a_link_or_style_in_content_is_named_once_as_itself_not_again_as_a_request():
    found = content_policy.content_findings(
        '<link rel="stylesheet" href="https://evil.example/x.css"><p style="background:url(https://evil.example/a.png)">'
        "<style>p { background: url(https://evil.example/b.png) }</style>"
    )
    assert [(code.kind, code.tag) for code in found] == [
        ("embedding", "link"),
        ("style-attribute", "p"),
        ("style", "style"),
    ]


def test_a_request_to_another_website_in_a_template_says_what_to_do_instead():
    _, [link, style] = csp.page_findings(
        '<link rel="preconnect" href="https://evil.example"><div style="background:url(//evil.example/b.png)"></div>',
        csp.Allowlist(),
    )
    message, hint = content_policy.describe(link)
    assert message == (
        "<link href=...> is a request to another website (https://evil.example), which the page policy does not allow"
    )
    assert "remove a preconnect" in hint
    message, hint = content_policy.describe(style)
    assert message.startswith("<div style=...> is a file from another website (//evil.example/b.png)")
    assert "a stylesheet under docs/assets/css/" in hint


def test_a_request_from_a_templates_style_element_is_worded_as_a_style_attributes():
    allowlist = csp.Allowlist()
    allowlist.record("<style>.a { background: url(https://evil.example/b.png) }</style>")  # the template's own
    allowed, [request] = csp.page_findings(
        "<style>.a { background: url(https://evil.example/b.png) }</style>", allowlist
    )
    assert [code.kind for code in allowed] == ["style"]
    message, hint = content_policy.describe(request)
    assert message == (
        "<style...> is a file from another website (https://evil.example/b.png), which the page policy does not allow"
    )
    assert "a stylesheet under docs/assets/css/" in hint


def test_a_file_from_another_website_is_a_problem_anywhere_in_a_page():
    _, problems = csp.page_findings('<img src="https://evil.example/t.png" alt="">', csp.Allowlist())
    message, hint = content_policy.describe(problems[0])
    assert message == (
        "<img src=...> is a file from another website (https://evil.example/t.png), which the page policy does not allow"
    )
    assert "docs/assets/images/" in hint


def test_script_bodies_are_read_exactly_for_hashing():
    [code] = htmlscan.scan("<p>x</p><script>if(a<b&&c>d){}</script><p>y</p>")
    assert code.text == "if(a<b&&c>d){}"


# --- The allowlist: what templates wrote, nothing else -----------------------------------------


def _env(tmp_path, allowlist, templates: dict[str, str], third_party: bool):
    for name, text in templates.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    return csp.install(env, allowlist, [tmp_path] if third_party else [])


def test_inline_code_in_a_third_party_template_is_allowed_exactly_as_rendered(tmp_path):
    allowlist = csp.Allowlist()
    env = _env(tmp_path, allowlist, {"base.html": '<script>var base="{{ base }}"</script><p>{{ content }}</p>'}, True)
    page = env.get_template("base.html").render(base="..", content="<script>evil()</script>")
    allowed, problems = csp.page_findings(page, allowlist)
    assert [c.text for c in allowed] == ['var base=".."']
    assert [c.text for c in problems] == ["evil()"]  # written by the page, not the template
    policy = directives(csp.page_policy(allowed))
    assert policy["script-src"] == ["'self'", sha256('var base=".."')]


def test_our_templates_allow_inline_code_only_through_the_inline_code_filter(tmp_path):
    allowlist = csp.Allowlist()
    env = _env(
        tmp_path,
        allowlist,
        {"ours.html": "<script>unmarked()</script>{% filter inline_code %}<style>.a{}</style>{% endfilter %}"},
        False,
    )
    allowed, problems = csp.page_findings(env.get_template("ours.html").render(), allowlist)
    assert [c.text for c in allowed] == [".a{}"] and [c.text for c in problems] == ["unmarked()"]


def test_plugin_scripts_are_matched_whole_with_no_free_text():
    allowlist = csp.Allowlist()
    redirect = 'var anchor=window.location.hash.substr(1);location.href="../cyber-security/"+(anchor?"#"+anchor:"")'
    forged = redirect.replace("../cyber-security/", '"+alert(1)+"')
    allowed, problems = csp.page_findings(f"<script>{redirect}</script><script>{forged}</script>", allowlist)
    assert [c.text for c in allowed] == [redirect] and [c.text for c in problems] == [forged]


def test_handlers_javascript_urls_and_frames_are_problems_anywhere_in_a_page():
    _, problems = csp.page_findings(
        '<a href="javascript:x()">a</a><b onclick="x()">b</b><iframe></iframe><link rel="x"><meta charset="utf-8">',
        csp.Allowlist(),
    )
    assert [c.kind for c in problems] == ["javascript-url", "handler", "embedding"]


def test_every_finding_in_content_is_described_with_a_hint():
    for code in content_policy.content_findings('<script>x</script><p onclick="y">z</p><svg></svg><meta name="x">'):
        message, hint = content_policy.describe(code)
        assert "page policy does not allow" in message and hint


def test_only_the_sites_own_origin_is_allowed_for_every_kind_of_resource():
    policy = directives(csp.policy_for([], []))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["font-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert policy["worker-src"] == ["'self'"] and policy["manifest-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"] and policy["frame-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in csp.policy_for(["a"], ["b"])


def test_carriage_returns_are_normalised_like_the_browser_does():
    assert csp.hash_source("a\r\nb") == csp.hash_source("a\nb") == sha256("a\nb")


PAGE = '<!doctype html>\n<html><head>\n<meta charset="utf-8">\n<title>t</title>\n<script>x()</script></head></html>'


def test_policy_is_inserted_right_after_the_charset_before_any_script():
    html = csp.with_policy(PAGE, "default-src 'self'")
    meta = html.index('http-equiv="Content-Security-Policy"')
    assert html.index('<meta charset="utf-8">') < meta < html.index("<script")
    assert html.count("Content-Security-Policy") == 1


def test_the_words_of_a_policy_in_a_pages_text_do_not_stop_the_builds_policy():
    """`<p title="<meta http-equiv=Content-Security-Policy">` left a page with no policy at all
    (a maintainer review): the build's policy goes in whatever the page's text says."""
    page = PAGE.replace("</head>", '</head><body><p title="<meta http-equiv=Content-Security-Policy">x</p>')
    assert '<meta http-equiv="Content-Security-Policy" content="default-src' in csp.with_policy(
        page, "default-src 'self'"
    )


def test_page_without_charset_gets_the_policy_at_the_start_of_head():
    html = csp.with_policy('<html><head lang="en"><script>x()</script></head></html>', "p")
    assert html.startswith('<html><head lang="en">\n      <meta http-equiv="Content-Security-Policy" content="p">')


# --- Repairs to the theme's markup ---------------------------------------------------------------


def test_header_forms_get_a_hidden_disabled_submit_button_and_the_dialog_a_name():
    html = (
        '<form class="md-header__option" data-md-component="palette"><input type="radio"></form>'
        '<div class="md-search" data-md-component="search" role="dialog">'
        '<form class="md-search__form" name="search"><input type="text"></form></div>'
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="">'
    )
    fixed = theme_fixes.apply(html)
    assert fixed.count('<button type="submit" hidden disabled>') == 2
    assert 'role="dialog" aria-label="Search"' in fixed
    assert 'tabindex=""' not in fixed


def test_the_config_names_our_search_worker_with_materials_after_the_hash():
    config = '<script id="__config">{"base": "..", "search": "../assets/javascripts/workers/search.a7633da7.min.js"}'
    assert theme_fixes.apply(config) == (
        '<script id="__config">{"base": "..", '
        '"search": "../assets/javascripts/workers/search-worker.js#search.a7633da7.min.js"}'
    )


def test_print_site_heading_numbers_and_their_styles_go():
    html = (
        '<section class="print-page" id="index" heading-number="1"><h1>x</h1>'
        "<style>.print-site-enumerate-headings #index > h1:before { content: '1 ' }</style></section>"
    )
    assert theme_fixes.apply(html) == '<section class="print-page" id="index"><h1>x</h1></section>'


def test_labels_pointing_at_nothing_on_the_print_page_are_repaired():
    html = (
        '<section class="print-page" id="protocol-builder" heading-number="1">'
        '<label class="md-nav__title" for="__toc">Contents</label>'
        '<label for="protocol-builder-sp-role">Role</label><select id="sp-role"></select>'
        '<label for="protocol-builder-sp-name">Name</label><input id="protocol-builder-sp-name"></section>'
    )
    fixed = theme_fixes.apply(html)
    assert '<label class="md-nav__title">Contents</label>' in fixed
    assert '<label for="sp-role">Role</label>' in fixed
    assert '<label for="protocol-builder-sp-name">Name</label>' in fixed


def test_unlabelled_contents_switch_goes_and_print_page_code_blocks_get_their_own_ids():
    page = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc"><h1>x</h1>'
    assert theme_fixes.apply(page) == "<h1>x</h1>"
    print_page = (
        '<section heading-number="1" id="a"><pre><code>x</code></pre><pre class="p"><code>y</code></pre></section>'
    )
    assert (
        theme_fixes.apply(print_page)
        == '<section id="a"><pre id="sp-code-1"><code>x</code></pre><pre id="sp-code-2" class="p"><code>y</code></pre></section>'
    )


def test_the_themes_hidden_contents_lists_go_with_their_nested_lists_and_nothing_else():
    page = (
        '<li><a href="./">Page</a><nav class="md-nav md-nav--secondary" aria-label="On this page">'
        '<ul><li><a href="#a">A</a><nav class="md-nav"><ul><li>A.1</li></ul></nav></li></ul></nav></li>'
        '<main><nav class="sp-on-this-page"><a href="#a">A</a></nav></main>'
        '<div class="md-sidebar--secondary"><nav class="md-nav md-nav--secondary"><ul></ul></nav></div>'
    )
    assert theme_fixes.without_contents_lists(page) == (
        '<li><a href="./">Page</a></li><main><nav class="sp-on-this-page"><a href="#a">A</a></nav></main>'
        '<div class="md-sidebar--secondary"></div>'
    )
    unclosed = '<nav class="md-nav md-nav--secondary"><ul>'
    assert theme_fixes.without_contents_lists(unclosed) == unclosed


@pytest.mark.parametrize(
    "meta",
    [
        '<meta http-equiv="refresh" content="0; url=https://example.org/">',
        '<meta http-equiv="refresh" content="0; url=//example.org/">',
        '<meta http-equiv="Refresh" content="5">',
        '<meta http-equiv="set-cookie" content="seen=1">',
        # Ways a browser still reads another website's address (a review of the rule).
        '<meta http-equiv="refresh" content="0; url=\'https://example.org/\'">',
        '<meta http-equiv="refresh" content=\'0; url="https://example.org/"\'>',
        '<meta http-equiv="refresh" content="0; url=&#104;ttps://example.org/">',
        '<meta http-equiv="refresh" content="0; url=&quot;https://example.org/&quot;">',
        '<meta http-equiv="refresh" content="0; url=&#x01;https://example.org/">',
        '<meta http-equiv="refresh" content="0; url=/\\example.org/">',
        """<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'">""",
    ],
)
def test_a_page_setting_outside_the_content_is_a_problem_with_its_setting_named(meta):
    """A theme setting or template that writes <meta http-equiv> could send readers to another
    website, set a cookie, or bring a looser policy that the build would keep."""
    _, problems = csp.page_findings(f'<head><meta charset="utf-8">{meta}</head>', csp.Allowlist())
    assert [c.kind for c in problems] == ["page-setting"]
    message, hint = content_policy.describe(problems[0])
    assert message.startswith('<meta http-equiv="') and "page policy does not allow" in message
    assert "redirect_maps" in hint


def test_a_moved_pages_redirect_within_the_site_and_settings_that_describe_the_page_are_not_problems():
    _, problems = csp.page_findings(
        '<meta http-equiv="refresh" content="0; url=../cyber-security/">'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        csp.Allowlist(),
    )
    assert problems == []


@pytest.mark.parametrize(
    "html",
    [
        '<a href="page/" ping="https://example.org/count">a</a>',
        '<a href="page/" PING=https://example.org/count>a</a>',
        '<form action="https://example.org/collect"><input name="q"></form>',
        '<form action="//example.org/collect"><input name="q"></form>',
        '<form><button formaction="https://example.org/">Send</button></form>',
    ],
)
def test_what_sends_a_readers_clicks_or_typing_away_is_a_problem(html):
    """A reader's data stays on their device: a link's ping reports every click, a form's action
    sends what is typed. The page policy would stop most of it; the build names it first."""
    found = [c for c in content_policy.content_findings(html) if c.kind == "sends"]
    assert len(found) == 1
    message, hint = content_policy.describe(found[0])
    assert "which the page policy does not allow" in message and "docs/assets/js/" in hint
    _, problems = csp.page_findings(html, csp.Allowlist())
    assert [c.kind for c in problems] == ["sends"]


def test_a_form_to_this_site_and_a_plain_link_are_not_problems():
    """The 404 page's search form opens this site's search (action="../")."""
    html = '<form action="../" method="get"><input name="q"></form><form><input></form><a href="a/" title="ping">x</a>'
    assert csp.page_findings(html, csp.Allowlist()) == (
        [],
        [],
    )
