"""One way to make an id from words, shared by glossary sections, evidence log keys and card ids."""

from saferpolitics.core.slug import slug


def test_a_slug_is_lower_case_letters_and_digits_joined_by_single_hyphens():
    assert slug("Two-step verification (2SV)") == "two-step-verification-2sv"
    assert slug("  Date and TIME  ") == slug("date and time") == "date-and-time"
    assert slug("help/online-abuse") == "help-online-abuse"
    assert slug("Straße") == slug("STRASSE") == "strasse"
    assert slug("???") == ""
