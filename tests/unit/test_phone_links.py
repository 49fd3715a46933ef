"""A phone link calls the number its words show: what a reader in danger taps is what they read."""

from __future__ import annotations

import pytest

from saferpolitics.core.phone_links import phone_link_mistake


@pytest.mark.parametrize(
    ("words", "href"),
    [
        ("999", "tel:999"),
        ("0808 802 0300", "tel:08088020300"),
        ("+44 20 7219 3000", "tel:02072193000"),  # the same number, written for abroad
        ("020 7219 3000", "tel:+442072193000"),
        ("call the helpline", "tel:08088020300"),  # words that are not a number: nothing to compare
    ],
)
def test_a_link_that_calls_the_number_it_shows_is_fine(words, href):
    assert phone_link_mistake(words, href) is None


@pytest.mark.parametrize(
    ("words", "href", "expected"),
    [
        ("999", "tel:998", "the words '999' call tel:998, another number"),
        ("101", "tel:111", "the words '101' call tel:111, another number"),
        ("0808 802 0300", "tel:08088020301", "the words '0808 802 0300' call tel:08088020301"),
        ("101", "tel:abc", "link 'tel:abc' calls no number"),
        ("101", "tel:", "link 'tel:' calls no number"),
    ],
)
def test_a_link_that_calls_another_number_or_none_is_a_mistake(words, href, expected):
    assert phone_link_mistake(words, href).startswith(expected)
