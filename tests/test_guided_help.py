"""The 'What's happening?' guided help, walked as a reader would from the built site."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import build_in_process, read_page, tiny_project

START = "/help/"
GET_HELP_NOW = "/get-help-now/"
MAX_QUESTIONS_AFTER_START = 2  # "There are no more than two questions"


def article(site_dir: Path, url: str) -> BeautifulSoup:
    path = site_dir / url.strip("/") / "index.html"
    assert path.exists(), f"{url} links to a page that was not built"
    return read_page(path).select_one("article.md-content__inner")


def site_links(content, url: str, selector: str = "a[href]") -> list[str]:
    """Same-site page URLs linked from content, without anchors."""
    links = []
    for link in content.select(selector):
        target = urlparse(urljoin(url, link["href"]))
        if not target.scheme.startswith("http") and target.path.endswith("/") and not link.get("class"):
            links.append(target.path)
    return links


def answers(content, url: str) -> list[str]:
    return site_links(content, url, ".sp-answers a[href]")


def is_end_step(content) -> bool:
    steps = content.find("h2", id="steps")
    actions = steps.find_next_sibling("ol") if steps else None
    return bool(actions and len(actions.find_all("li", recursive=False)) >= 3)


@pytest.fixture(scope="module")
def tree(site_dir) -> dict[str, tuple[int, object]]:
    """Every page reachable from the first question through answers: url -> (depth, content)."""
    pages = {}
    queue = deque([(START, 0)])
    while queue:
        url, depth = queue.popleft()
        if url in pages:
            continue
        content = article(site_dir, url)
        pages[url] = (depth, content)
        for target in answers(content, url):
            queue.append((target, depth + 1))
    return pages


def test_every_path_ends_in_steps_and_nothing_is_a_dead_end(tree):
    ends = 0
    for url, (depth, content) in tree.items():
        options = answers(content, url)
        if is_end_step(content):
            assert not options, f"{url} is an end step and a question at once"
            ends += 1
        else:
            assert len(options) >= 2, f"{url} is a dead end: neither a question with answers nor an end step"
            assert all(o.startswith(START) for o in options), f"{url} answers leave the guided help"
            assert depth <= MAX_QUESTIONS_AFTER_START - 1, f"{url}: too many questions before the steps"
    assert ends >= 10


def test_every_guided_help_page_is_reachable_from_the_first_question(tree, site_dir):
    built = {"/" + p.parent.relative_to(site_dir).as_posix() + "/" for p in (site_dir / "help").rglob("index.html")}
    assert built == set(tree), f"not reachable by answering questions: {sorted(built - set(tree))}"


def test_every_way_back_to_the_first_question_says_where_it_goes(tree):
    """A screen reader's list of links, or a reader scanning a phone, gets the words alone:
    "Start again" did not say where to (a content review)."""
    for url, (_, content) in tree.items():
        for link in content.select("a[href]"):
            words = " ".join(link.get_text(" ").split())
            if words.lower().startswith("start again"):
                assert words == "Start again at What's happening?", f"{url}: {words!r}"
                assert urlparse(urljoin(url, link["href"])).path == START, f"{url}: {words!r} goes elsewhere"


def test_every_end_step_has_a_checklist_a_way_back_and_an_emergency_number(tree):
    for url, (_, content) in tree.items():
        if not is_end_step(content):
            continue
        checklist = content.find("h2", id="checklist")
        assert checklist and checklist.find_next_sibling("fieldset", class_="sp-checklist"), f"{url} has no checklist"
        assert START in site_links(content, url), f"{url} has no 'Start again' link"
        hrefs = {a["href"] for a in content.select("a[href^='tel:']")}
        assert "tel:999" in hrefs or url in (
            "/help/staff-leaving/",
            "/help/damaging-post/",
            "/help/suspicious-not-opened/",
            "/help/suspicious-opened/",
        ), f"{url} should say when to call 999"


@pytest.mark.parametrize("situation", ["/help/threats/", "/help/abuse/"])
def test_abuse_and_threat_steps_give_999_and_101(tree, situation):
    hrefs = {a["href"] for a in tree[situation][1].select("a[href^='tel:']")}
    assert {"tel:999", "tel:101"} <= hrefs


@pytest.mark.parametrize(
    "situation", ["/help/threats/", "/help/locked-out/", "/help/account-misused/", "/help/damaging-post/"]
)
def test_threat_or_hacked_account_is_three_clicks_from_get_help_now(site_dir, situation):
    """Breadth-first over links in page content, as a reader would tap them."""
    seen = {GET_HELP_NOW: 0}
    queue = deque([GET_HELP_NOW])
    while queue:
        url = queue.popleft()
        if seen[url] == 3:
            continue
        for target in site_links(article(site_dir, url), url):
            if target.startswith(START) and target not in seen:
                seen[target] = seen[url] + 1
                queue.append(target)
    assert situation in seen, f"{situation} is more than three clicks from Get help now"


def test_guided_help_is_in_the_print_page(site_dir, tree):
    print_page = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    for _, content in tree.values():
        assert content.find("h1").get_text(strip=True).rstrip("¶") in print_page


# A home page listing the one situation of the tiny sites below.
HOME = '# Home\n\n<div class="sp-answers sp-home-situations" markdown>\n\n- [Threats](help/threats.md)\n\n</div>\n'


def question(*choices: str) -> str:
    """A "What's happening?" page offering these choices (`[Words](page.md)`)."""
    listed = "".join(f"- {choice}\n" for choice in choices)
    return f'# What\'s happening?\n\n<div class="sp-answers" markdown>\n\n{listed}\n</div>\n'


def stopped_build(tmp_path, pages: dict[str, str]) -> str:
    """What the build of a tiny guided-help site printed, once it has stopped without a traceback."""
    config = tiny_project(tmp_path, pages, config="markdown_extensions: [md_in_html, attr_list]")
    result = build_in_process(config, tmp_path / "site", env={"TOOLKIT_PDF": "0"})
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_a_build_with_an_answer_page_no_choice_leads_to_stops_at_its_title(tmp_path):
    pages = {
        "index.md": HOME,
        "help/index.md": question("[Threats](threats.md)"),
        "help/threats.md": "# Threats\n",
        "help/forgotten.md": "# Forgotten\n\nSteps nobody reaches.\n",
    }
    printed = stopped_build(tmp_path, pages)
    assert "docs/help/forgotten.md:1: no choice in the guided help leads to this page" in printed
    assert "help/threats.md:" not in printed


@pytest.mark.parametrize(
    "validation, expected",
    [
        # The project's setting: the link check names the choice's line, once, and the page it
        # leads to is not called unreached as well (maint16).
        ("warn", "docs/help/index.md:6: link '/help/forgotten.md' starts with '/', so it may break"),
        # MkDocs makes the link from docs/: it works, and the page is reached.
        ("relative_to_docs", None),
    ],
)
def test_a_choice_written_from_docs_leads_to_its_page(tmp_path, validation, expected):
    choices = question("[Threats](threats.md)", "[Something else](/help/forgotten.md)")
    home = HOME.replace("</div>", "- [Something else](help/forgotten.md)\n\n</div>")
    pages = {"index.md": home, "help/index.md": choices, "help/threats.md": "# Threats\n"}
    pages["help/forgotten.md"] = "# Forgotten\n\nSteps.\n"
    config = tiny_project(
        tmp_path,
        pages,
        config=f"markdown_extensions: [md_in_html, attr_list]\nvalidation: {{absolute_links: {validation}}}",
    )
    result = build_in_process(config, tmp_path / "site")
    assert "Traceback" not in result.stderr
    assert "no choice in the guided help leads to this page" not in result.stderr, result.stderr
    if expected is None:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0 and expected in result.stderr, result.stderr


def test_a_build_with_a_situation_the_home_page_does_not_list_stops_at_the_home_pages_list(tmp_path):
    """implB18: a situation added to "What's happening?" alone built green, and its steps were a
    tap further from the home page, where most readers start."""
    pages = {
        "index.md": HOME,
        "help/index.md": question("[Threats](threats.md)", "[An event](event.md)"),
        "help/threats.md": "# Threats\n",
        "help/event.md": "# Event\n",
    }
    printed = stopped_build(tmp_path, pages)
    assert "docs/index.md:3: the home page does not list help/event.md, a situation docs/help/index.md offers" in (
        printed
    ), printed
    assert "help/threats.md" not in printed


def test_a_build_with_an_answer_page_left_out_of_the_pdf_stops_at_its_pdf_line(tmp_path):
    threats = "---\ntitle: Threats\npdf: false\n---\n\n# Threats\n"
    pages = {"index.md": HOME, "help/index.md": question("[Threats](threats.md)"), "help/threats.md": threats}
    printed = stopped_build(tmp_path, pages)
    assert "docs/help/threats.md:3: `pdf: false` would leave this page out of the PDF" in printed, printed


def test_a_build_with_an_answer_page_without_its_checklist_stops_at_its_title(tmp_path):
    answer = "# Staff leaving\n\n## What to do now {#steps}\n\n/// first-steps | staff-leaving\n///\n"
    pages = {"index.md": HOME, "help/index.md": question("[Threats](threats.md)"), "help/threats.md": answer}
    printed = stopped_build(tmp_path, pages)
    assert "docs/help/threats.md:1: this answer page has no `## Checklist {#checklist}` section" in printed, printed
