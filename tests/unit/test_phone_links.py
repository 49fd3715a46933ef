"""A phone link calls the number its words show: what a reader in danger taps is what they read."""

from __future__ import annotations

import pytest

from saferpolitics.core.phone_links import dialled, phone_link_mistake, with_number_links, written_numbers


@pytest.mark.parametrize(
    ("words", "href"),
    [
        ("999", "tel:999"),
        ("0808 802 0300", "tel:08088020300"),
        ("+44 20 7219 3000", "tel:02072193000"),  # the same number, written for abroad
        ("020 7219 3000", "tel:+442072193000"),
        ("call the helpline", "tel:08088020300"),  # words that are not a number: nothing to compare
        ("+44 (0)20 7946 0000", "tel:+442079460000"),
        ("Call 999", "tel:999"),
        ("0800\u00a0123\u00a04567", "tel:08001234567"),  # non-breaking spaces
        ("Samaritans on 116 123", "tel:116123"),
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
        ("Call 999", "tel:998", "the words 'Call 999' call tel:998, another number"),
        ("0800 123 4567 (free)", "tel:08001234568", "the words '0800 123 4567 (free)' call tel:08001234568"),
        ("0800\u00a0123\u00a04567", "tel:08001234568", "the words '0800\u00a0123\u00a04567' call"),
        ("101", "tel:abc", "link 'tel:abc' calls no number"),
        ("101", "tel:", "link 'tel:' calls no number"),
        ("85258", "sms:85259", "the words '85258' text sms:85259, another number: a reader who taps them texts"),
        ("Shout", "sms:SHOUT", "link 'sms:SHOUT' texts no number"),
    ],
)
def test_a_link_that_calls_another_number_or_none_is_a_mistake(words, href, expected):
    assert phone_link_mistake(words, href).startswith(expected)


@pytest.mark.parametrize(
    ("words", "numbers"),
    [
        ("Call 999 or 101, or NHS 111.", ["999", "101", "111"]),
        ("Samaritans on 116 123, or text SHOUT to 85258.", ["116 123", "85258"]),
        ("Call 020 7219 3000 or 0300 123 2040.", ["020 7219 3000", "0300 123 2040"]),
        ("From abroad: +44 20 7219 3000 or +44 (0)20 7219 3000.", ["+44 20 7219 3000", "+44 (0)20 7219 3000"]),
        (
            "0044 20 7219 3000, (020) 7219 3000 or 020-7219-3000",
            ["0044 20 7219 3000", "(020) 7219 3000", "020-7219-3000"],
        ),
        (
            "0800\u00a0123\u00a0456 and 01234 567890, or Childline on 0800 1111",
            ["0800\u00a0123\u00a0456", "01234 567890", "0800 1111"],
        ),
        ("Stop Scams UK: call 159.", ["159"]),
        # Not numbers to call: a year, hours, an Act's section, the scam-text number, addresses,
        # amounts, part of a longer number, a time, a reference, a date.
        ("In 2023, within 72 hours, under section 106, forward it to 7726.", []),
        ("See gov.uk/999 and #101 and report-101.", []),
        ("6,999 posts, £999, 10 999 people, 10,000 followers, at 09:00 on 01/02/2026", []),
        ("Form 12345, ref: 12345, crime number 12345/24, between 10 and 12345 people", []),
    ],
)
def test_the_numbers_to_call_written_in_words_are_found_in_every_form_people_write(words, numbers):
    assert written_numbers(words) == numbers


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("116 123", "116123"),
        ("+44 (0)20 7219 3000", "+442072193000"),
        ("0800\u00a0123\u00a0456", "0800123456"),
        ("(020) 7219-3000", "02072193000"),
    ],
)
def test_a_written_number_is_dialled_as_its_digits(number, href):
    assert dialled(number) == href


def test_words_kept_as_text_get_each_number_as_a_link_to_call_or_text_it():
    words = "Samaritans 116 123 (free); Shout: text SHOUT to 85258; Report Fraud, 0300 123 2040, or"
    assert with_number_links(words) == [
        ("Samaritans ", None),
        ("116 123", "tel:116123"),
        (" (free); Shout: text SHOUT to ", None),
        ("85258", "sms:85258"),
        ("; Report Fraud, ", None),
        ("0300 123 2040", "tel:03001232040"),
        (", or", None),
    ]
    assert with_number_links("Police: 999") == [("Police: ", None), ("999", "tel:999")]
    assert with_number_links("The platform's report button") == [("The platform's report button", None)]
    assert with_number_links("") == []
