"""The purge cuts stylesheets with regular expressions; what it keeps must be byte for byte what
tinycss2 (which it used to parse with) writes back. The reference below is that tinycss2 code."""

import re
from pathlib import Path

import material
import pytest
import tinycss2

from saferpolitics.post_build.page_assets import _selectors, _trim_rules, site_vocabulary

STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def reference_trim(rules, keep_selector, keep_property=None) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _selectors(tinycss2.serialize(rule.prelude)) if keep_selector(s)]
            if keep_property is None:
                body = tinycss2.serialize(rule.content)
            else:
                declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
                body = "".join(
                    tinycss2.serialize([d]) for d in declarations if d.type != "declaration" or keep_property(d.name)
                ).rstrip(";")
            if kept and body:
                out.append(",".join(kept) + "{" + body + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = reference_trim(tinycss2.parse_rule_list(rule.content), keep_selector, keep_property)
            if inner:
                out.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + inner + "}")
        elif rule.type not in ("whitespace", "comment"):
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def both(css, keep_selector, keep_property=None):
    return _trim_rules(css, keep_selector, keep_property), reference_trim(
        tinycss2.parse_stylesheet(css), keep_selector, keep_property
    )


def no_md_banner(selector):
    return "md-banner" not in selector and "md-tag" not in selector


def odd_properties(name):
    return not name.startswith("--") or len(name) % 2 == 0


@pytest.mark.parametrize("name", ["main.*.css", "palette.*.css"])
@pytest.mark.parametrize("keep_selector", [lambda s: True, no_md_banner])
def test_materials_stylesheets_come_out_as_tinycss2_writes_them(name, keep_selector):
    css = next(STYLESHEETS.glob(name)).read_text(encoding="utf-8")
    ours, reference = both(css, keep_selector)
    assert ours == reference
    assert _trim_rules(ours, lambda s: True, odd_properties) == reference_trim(
        tinycss2.parse_stylesheet(reference), lambda s: True, odd_properties
    )


TRICKY = [
    ".a:nth-child(2n+1),.b{x:1}",  # tinycss2 writes 2n/**/+1
    ".a{margin:0 -.5rem;width:calc(1.5.5px);top:a.5;left:1-1;z:1e;w:1e-x;v:1e+x;u:1e5;t:0.25em}",
    ".a{content:'single';b:\"esc\\61 ped\";c:url( plain.png );d:U+0-7F;e:\\31 0}",
    ".\\31 0{a:b}[href$='.pdf']{c:d}",
    ".a{a : b ! IMPORTANT ;c:d/*x*/!/*y*/important/*z*/;;e:f; g:h }",
    "/* top */.a{x:y}\r\n.b{x:y}\f.c{/* in */x:y}",
    '.a{@media print{b:c}d:e;@charset "x";f:g}',
    '@media screen{@supports (display:grid){.md-banner{a:b}.a{c:d}}}@font-face{font-family:x;src:url("a b")}',
    "@import 'x.css';@namespace svg url(http://www.w3.org/2000/svg);.a{b:\"}\"}",
    ".a{b:c}.md-banner{unclosed:1",
]


@pytest.mark.parametrize("css", TRICKY)
def test_odd_spellings_come_out_as_tinycss2_writes_them(css):
    ours, reference = both(css, no_md_banner)
    assert ours == reference
    ours, reference = both(css, no_md_banner, odd_properties)
    assert ours == reference


def test_an_attribute_counts_only_at_the_start_of_a_word():
    text = '<a class="x"><b subclass="no"><i data-class="yes">_class="no" xclass="a class="b" dir="rtl" xdir="ltr"'
    expected = {m.group(1) for m in re.finditer(r'\bclass="([^"]*)"', text)}
    assert expected == {"x", "yes", "b"}
    vocabulary = site_vocabulary([text], [])
    assert vocabulary.classes == expected
    assert vocabulary.directions == {"rtl"}
