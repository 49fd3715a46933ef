"""The Content-Security-Policy computed for a page from its own HTML."""

from __future__ import annotations

import base64
import hashlib

from saferpolitics import csp

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<title>t</title>
<script>var a=1</script>
<script id="__config" type="application/json">{"x": 1}</script>
<script src="x.js"></script>
<style>.x{color:red}</style>
</head><body><p style="color:red" onclick="go()">x</p><script>var a=1</script></body></html>
"""


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_inline_scripts_and_styles_are_allowed_by_hash_and_nothing_else():
    policy = directives(csp.policy_for(PAGE))
    assert policy["script-src"] == ["'self'", sha256("var a=1")]  # duplicates hashed once, JSON data not at all
    assert policy["style-src"] == ["'self'", sha256(".x{color:red}")]
    assert "'unsafe-inline'" not in csp.policy_for(PAGE)


def test_only_the_sites_own_origin_is_allowed_for_every_kind_of_resource():
    policy = directives(csp.policy_for("<html><head></head></html>"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["font-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"] and policy["frame-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]


def test_carriage_returns_are_normalised_like_the_browser_does():
    assert csp.hash_source("a\r\nb") == csp.hash_source("a\nb") == sha256("a\nb")


def test_style_and_event_handler_attributes_are_reported_as_blocked():
    blocked = csp.find_inline_code(PAGE).blocked_attributes
    assert ("p", "style", "color:red") in blocked and ("p", "onclick", "go()") in blocked


def test_policy_is_inserted_right_after_the_charset_before_any_script():
    html = csp.with_policy(PAGE)
    meta = html.index('http-equiv="Content-Security-Policy"')
    assert html.index('<meta charset="utf-8">') < meta < html.index("<script")
    assert csp.has_policy(html)
    assert csp.with_policy(html) == html  # never a second policy


def test_page_without_charset_gets_the_policy_at_the_start_of_head():
    html = csp.with_policy('<html><head lang="en"><script>x()</script></head></html>')
    assert html.startswith('<html><head lang="en">\n      <meta http-equiv="Content-Security-Policy"')
    assert sha256("x()") in html
