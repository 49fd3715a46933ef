"""Links to other sites get rel="noopener noreferrer"; links within the site are left alone."""

from __future__ import annotations

from saferpolitics.post_build.external_links import with_safe_external_links


def test_external_link_without_rel_gets_both_tokens():
    assert with_safe_external_links('<a href="https://example.org/">x</a>') == (
        '<a rel="noopener noreferrer" href="https://example.org/">x</a>'
    )


def test_existing_rel_tokens_are_kept_and_missing_ones_added():
    html = '<a href="https://example.org/" target="_blank" rel="noopener">x</a>'
    assert 'rel="noopener noreferrer"' in with_safe_external_links(html)
    edit = "<a href='http://example.org/edit' rel='edit' class=b>e</a>"
    assert "rel='edit noopener noreferrer'" in with_safe_external_links(edit)


def test_a_protocol_relative_link_is_to_another_site():
    """A review: `//host` (and `\\\\host`, which browsers read as it) opens another site too."""
    for address in ("//example.org/", "\\\\example.org/", "HTTPS://example.org/"):
        assert with_safe_external_links(f'<a href="{address}">x</a>').startswith('<a rel="noopener noreferrer"')


def test_internal_mail_and_phone_links_and_lookalike_tags_are_unchanged():
    html = (
        '<a href="../get-help-now/">h</a><a href="tel:999">999</a><a href="mailto:x@y.uk">m</a><abbr title="a">A</abbr>'
    )
    assert with_safe_external_links(html) == html


def test_links_are_read_as_a_browser_reads_the_tag():
    # A quoted ">" does not end the tag; an unquoted rel is kept and quoted; the first href counts.
    html = '<a title="1 > 0" href="https://example.org/">x</a><A HREF=https://example.org/ rel=edit>y</A>'
    assert with_safe_external_links(html) == (
        '<a rel="noopener noreferrer" title="1 > 0" href="https://example.org/">x</a>'
        '<A HREF=https://example.org/ rel="edit noopener noreferrer">y</A>'
    )
    assert with_safe_external_links('<a href="/x" href="https://example.org/">x</a>').startswith('<a href="/x"')
    assert 'rel="noopener' in with_safe_external_links('<a href=" &#104;ttps://example.org/">x</a>')


def test_link_text_in_comments_and_raw_text_is_not_a_link():
    html = (
        '<!-- <a href="https://example.org/">x</a> -->'
        "<script>let a = '<a href=\"https://example.org/\">';</script>"
        '<textarea><a href="https://example.org/">x</a></textarea>'
    )
    assert with_safe_external_links(html) == html
