"""On a 375 px phone: nothing scrolls sideways, and help is on screen without opening a menu."""

from __future__ import annotations

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_and_help_stays_on_screen(tour, scheme):
    problems = []
    for visit in tour(scheme, PHONE):
        name, (scroll_width, client_width, widest) = visit.name, visit.sideways
        if scroll_width > client_width:
            problems.append(f"{name}: scrolls sideways ({scroll_width}px > {client_width}px), e.g. {widest}")
        problems += [f"{name} on load: {p}" for p in visit.help_on_load]
        problems += [f"{name} after scrolling: {p}" for p in visit.help_after_scrolling]
    assert not problems, f"at {PHONE}px, {scheme}:\n" + "\n".join(problems)
