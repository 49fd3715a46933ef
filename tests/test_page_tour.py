"""Which pages the page tour (browser/tour.py) visits, and where axe's colour rules check the
chrome: pure functions of mkdocs.yml, checked without a browser."""

from __future__ import annotations

from browser.tour import HOME_PAGE, PRINT_PAGE, pages_where_the_menu_changes, reader_pages
from conftest import flatten_nav

NAV = [
    "index.md",
    "get-help-now.md",
    {
        "What's happening?": [
            "help/index.md",
            {"Abuse or threats": ["help/abuse-or-threats.md", "help/threats.md"]},
            "help/staff-leaving.md",
        ]
    },
    {"Tools": ["checklists.md", "glossary.md"]},
    {"Elsewhere": "https://example.org/"},
]


def test_the_colour_rules_check_the_chrome_on_home_and_the_first_page_of_every_section_nested_ones_too():
    assert pages_where_the_menu_changes(NAV) == [
        HOME_PAGE,
        "help/index.md",
        "help/abuse-or-threats.md",
        "checklists.md",
    ]


def test_the_real_menu_has_its_chrome_checked_on_the_first_page_of_each_section(mkdocs_config, nav_pages):
    changes = pages_where_the_menu_changes(mkdocs_config["nav"])
    assert set(changes) <= set(nav_pages), "a page named for the chrome check is not in the menu"
    for item in mkdocs_config["nav"]:
        for title, section in item.items() if isinstance(item, dict) else ():
            assert flatten_nav(section)[0] in changes, f"the menu section {title!r} has its chrome checked nowhere"


def test_the_tour_visits_every_page_in_the_menu_the_pages_kept_out_of_it_and_the_print_page():
    config = {"nav": NAV, "not_in_nav": "contributing.md\n"}
    site = "http://127.0.0.1:8000/"
    assert reader_pages(site, config) == [
        ("index.md", site),
        ("get-help-now.md", site + "get-help-now/"),
        ("help/index.md", site + "help/"),
        ("help/abuse-or-threats.md", site + "help/abuse-or-threats/"),
        ("help/threats.md", site + "help/threats/"),
        ("help/staff-leaving.md", site + "help/staff-leaving/"),
        ("checklists.md", site + "checklists/"),
        ("glossary.md", site + "glossary/"),
        ("contributing.md", site + "contributing/"),
        (PRINT_PAGE, site + "print_page/"),
    ]
