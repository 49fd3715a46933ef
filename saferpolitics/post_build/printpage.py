"""Turn the print-site plugin's combined page into a lean HTML document for the PDF engine.

The print page is a whole Material page: header, navigation, search, scripts, and a contents
list that JavaScript fills in at load time. The PDF engine (WeasyPrint) runs no JavaScript and
only needs the content, so this module keeps the content, drops screen-only parts, generates
the contents list from the headings, and repairs the internal links print-site gets wrong.
Pure functions over HTML text: no MkDocs, no files.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem
from saferpolitics.core.source_lines import line_of

if TYPE_CHECKING:  # BeautifulSoup takes 90 ms to import: only a build that makes the PDF needs it
    from bs4 import BeautifulSoup, Tag

UNKNOWN_SCHEME = lazy_compile(r"[a-z][a-z0-9+.-]*:")

# Parts of the content that make sense only on screen.
SCREEN_ONLY = ", ".join(
    [
        "a.headerlink",  # the pilcrow after each heading
        ".print-site-plugin-ignore",  # print-site's own opt-out class
        # print-site's contents list, filled by JavaScript we do not run, in a section of its own
        "section.print-page:has(> #print-page-toc)",
        "script",
        "style",  # print-site's heading-number rules (numbering is off)
        "button",
        "noscript",
        ".md-source-file",  # Material's "last updated" line
        ".sp-web-only",  # instructions about ticking, tapping, tabs: the page's author marks them
    ]
)
# Where a checklist placed on several pages prints in full: the page that collects them all.
CHECKLIST = "fieldset[data-sp-checklist]"
CHECKLIST_HOME = ".sp-checklists"
# A situation's first steps shown on several pages (Get help now and an answer page) print in
# full where they come first (saferpolitics.markdown_stage.first_hour marks each list).
STEPS = "ol[data-sp-steps]"


@dataclass
class PrintDocument:
    html: str
    page_titles: list[str]  # the h1 of every page, in order: these become level-1/2 bookmarks
    dead_links: list[tuple[str, str]] = field(default_factory=list)  # (page's section id, href)


def _text(tag: Tag) -> str:
    """A heading's words, without the pilcrow link MkDocs adds to it."""
    words = (
        text
        for text in tag.find_all(string=True)
        if not any(parent.name == "a" and "headerlink" in parent.get("class", []) for parent in text.parents)
    )
    return " ".join(" ".join(words).split())


def _page_sections(content: Tag) -> list[Tag]:
    """One <section> per Markdown page (group sections from nav folders are not pages)."""
    return [
        section for section in content.select("section.print-page[id]") if "md-section" not in section.get("class", [])
    ]


def leave_out_pages(content: Tag, web_addresses: dict[str, str | None]) -> None:
    """Drop the pages kept off paper (`pdf: false`), and any nav folder left with no page."""
    for section in _page_sections(content):
        if section["id"] in web_addresses:
            section.decompose()
    for folder in reversed(content.select("section.print-page.md-section")):
        if not folder.find("section", class_="print-page", id=True):
            folder.decompose()


def _page_of(target: str, pages: Iterable[str]) -> str | None:
    """The page (its section id) a print-page anchor points into ("about" or "about-source"), if
    any: the longest that fits, as "help-abuse-steps" is in "help-abuse", not in "help"."""
    return max((page for page in pages if target == page or target.startswith(f"{page}-")), key=len, default=None)


def link_to_the_website(content: Tag, page_addresses: dict[str, str | None]) -> None:
    """A link marked `{ .sp-web-address }` leads to its page on the website, not to that page in
    this document: words such as "print it from the Protocol builder page on the website" need the
    page's web address on paper (printed after the link, as for any web link), not "(page 52)".

    page_addresses: every page's section id -> its address, or None when site_url is unset (then
    the words stay, unlinked).
    """
    for link in content.select('a.sp-web-address[href^="#"]'):
        target = link["href"][1:]
        page = _page_of(target, page_addresses)
        if page is None:
            continue  # not a page of the toolkit: repair_internal_links deals with it
        if not page_addresses[page]:
            link.unwrap()
            continue
        link["href"] = _web_address(target, page, page_addresses[page])


def _web_address(target: str, page: str, address: str) -> str:
    """The website's address for a print-page anchor into `page`: print-site names a part of a page
    "<page>-<id>", the website "#<id>" ("about-source" is about/#source)."""
    fragment = target[len(page) + 1 :]
    return f"{address}#{fragment}" if fragment else address


def repair_internal_links(
    content: Tag, home_id: str, web_addresses: dict[str, str | None] | None = None
) -> list[tuple[str, str]]:
    """Point every same-document link at an element that exists; return the ones that cannot be.

    print-site rewrites links to index.md as "#." and bare "#" links as "#<page>-": both land
    nowhere in a PDF. Links to other site files (not pages in nav) cannot work on paper either.
    Links to pages left out of the PDF point at the page on the website (web_addresses: page's
    section id -> its address, or None when site_url is unset and the words stay unlinked).
    """
    web_addresses = web_addresses or {}
    ids = {tag["id"] for tag in content.find_all(id=True)}
    page_ids = {section["id"] for section in _page_sections(content)}
    dead = []
    for link in content.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#"):
            target = href[1:]
            if target in ids:
                continue
            left_out = _page_of(target, web_addresses)
            if left_out is not None:
                if web_addresses[left_out]:
                    # To the part of the page linked to, as on the website: the address printed
                    # after it (print.css) names that part too.
                    link["href"] = _web_address(target, left_out, web_addresses[left_out])
                else:
                    link.unwrap()
                continue
            if target in ("", "."):
                link["href"] = f"#{home_id}"
                continue
            if target.endswith("-") and target[:-1] in page_ids:
                link["href"] = f"#{target[:-1]}"
                continue
            if any(
                target.startswith(f"{page}-") and UNKNOWN_SCHEME.match(target[len(page) + 1 :]) for page in page_ids
            ):
                # print-site turned a link with a scheme MkDocs does not know (e.g. an unresolved
                # `link:<id>`) into an anchor. The check that owns the scheme reports it.
                link.unwrap()
                continue
        elif ":" in href.split("/")[0]:
            continue  # https:, mailto:, tel: and other absolute links work on paper
        section = link.find_parent("section", id=True, class_="print-page")
        dead.append((section["id"] if section else "cover", href))
        link.unwrap()  # keep the words, drop a link that would go nowhere
    return dead


# A link that goes nowhere in the PDF, to a page or another site file.
PAGE_LINK_HINT = "link to a page in nav (a relative .md link) or to a registry entry (link:<id>)"
# One to a file the site serves (a download): as the real pages write theirs (evidence-log.md).
FILE_LINK_HINT = (
    "a file cannot be opened from paper: put `{: .sp-web-only }` on the line after the paragraph with the link "
    '(or wrap the part in `<div class="sp-web-only" markdown>`), so it shows on screen only; if paper readers '
    "need the file, add a paragraph with `{: .sp-paper-only data-search-exclude }` after it that gives the page's "
    "web address: [page](page.md){ .sp-web-address } (CONTRIBUTING.md, Add a downloadable file)"
)


def dead_link_problems(dead: list[tuple[str, str]], sources: dict[str, tuple[str, str]]) -> list[Problem]:
    """A problem, at its line of the page, for each link that goes nowhere in the PDF (dead:
    (page's section id, href) from repair_internal_links, in the document's order). sources: a
    page's section id -> (its file as the maintainer sees it, its text, "" when unread).

    print-site writes each link from its print page, one folder down ("../downloads/x.pdf"): the
    page's source has it from the page ("downloads/x.pdf", "../downloads/x.pdf" from docs/help/)."""
    problems, seen = [], {}
    for section, href in dead:
        file, text = sources.get(section, ("overrides/partials/print-cover.html", ""))
        path = href.split("#")[0].split("?")[0]
        written = re.sub(r"^(?:\.\.?/)+", "", path)
        seen[file, written] = seen.get((file, written), 0) + 1
        in_a_link = re.compile(rf"\]\(\s*<?(?:\.\.?/)*{re.escape(written)}[)#?\s>]")
        line = line_of(text, in_a_link, file, occurrence=seen[file, written]) if text and written else None
        a_file = PurePosixPath(path).suffix.lower() not in {"", ".html", ".md"}
        problems.append(
            Problem(
                file,
                line or (line_of(text, written, file) if text and written else None),
                f"link to {href} goes nowhere in the PDF, so it is printed as plain text",
                FILE_LINK_HINT if a_file else PAGE_LINK_HINT,
            )
        )
    return problems


def pdf_contents(soup: BeautifulSoup, content: Tag, title: str) -> Tag:
    """The contents: every nav folder and page, and the h2 sections of pages not in a sub-folder.

    Each entry is a link the print CSS numbers.

    The page numbers come from CSS (target-counter) at layout time, so they are always right.
    """
    nav = soup.new_tag("nav", attrs={"class": "sp-contents", "aria-labelledby": "sp-contents-title"})
    heading = soup.new_tag("h1", id="sp-contents-title")
    heading.string = title
    nav.append(heading)
    top = soup.new_tag("ol")
    nav.append(top)

    def entry(parent: Tag, href: str, label: str, css_class: str) -> Tag:
        item = soup.new_tag("li", attrs={"class": css_class})
        link = soup.new_tag("a", href=href)
        link.string = label
        item.append(link)
        parent.append(item)
        return item

    def add_page(parent: Tag, section: Tag, with_sections: bool) -> None:
        item = entry(parent, f"#{section['id']}", _text(section.find("h1")), "sp-contents__page")
        subsections = [h2 for h2 in section.find_all("h2") if h2.get("id")] if with_sections else []
        if subsections:
            sub = soup.new_tag("ol")
            for h2 in subsections:
                entry(sub, f"#{h2['id']}", _text(h2), "sp-contents__section")
            item.append(sub)

    def add_children(parent: Tag, container: Tag, depth: int) -> None:
        for child in container.find_all("section", class_="print-page", recursive=False):
            if "md-section" in child.get("class", []):  # a folder of the nav: its title, then its pages
                group = soup.new_tag("li", attrs={"class": "sp-contents__group"})
                label = soup.new_tag("span", attrs={"class": "sp-contents__group-title"})
                label.string = _text(child.find("h1"))
                group.append(label)
                pages = soup.new_tag("ol")
                add_children(pages, child, depth + 1)
                group.append(pages)
                parent.append(group)
            elif child.get("id") and child.find("h1"):
                # Only pages outside any folder (home, Get help now) list their sections: the
                # contents stays within two sheets.
                add_page(parent, child, with_sections=depth == 0)

    add_children(top, content, 0)
    return nav


def print_once(soup: BeautifulSoup, content: Tag, selector: str, key: str, homes: list[Tag], words: str, name) -> None:
    """Each list marked with the attribute `key` prints in full once; its other places say where.

    Its home is the first of `homes` (or of its places) with that key. On screen each page keeps
    its own copy, but on paper several copies of one list are padding. name(home) is the link's
    words."""
    first: dict[str, Tag] = {}
    for element in homes + content.select(selector):
        first.setdefault(element[key], element)
    for element in content.select(selector):
        home = first[element[key]]
        if element is home:
            continue
        home["id"] = home.get("id") or f"{key.removeprefix('data-')}-{element[key]}"
        note = soup.new_tag("p", attrs={"class": "sp-checklist-ref"})
        note.append(words)
        link = soup.new_tag("a", href=f"#{home['id']}")
        link.string = name(home) or element[key]
        note.append(link)  # the print CSS adds its page number
        note.append(".")
        element.replace_with(note)


def print_checklists_once(soup: BeautifulSoup, content: Tag) -> None:
    """Each checklist prints in full once, on the page that collects every checklist (or else
    where it comes first); on screen each page keeps its own copy (ticks are shared)."""
    print_once(
        soup,
        content,
        CHECKLIST,
        "data-sp-checklist",
        content.select(f"{CHECKLIST_HOME} {CHECKLIST}"),
        "Work through the checklist ",
        lambda home: home.find("legend") and home.find("legend").get_text(" ", strip=True),
    )


def print_steps_once(soup: BeautifulSoup, content: Tag) -> None:
    """A situation's first steps print in full where they come first (Get help now); an answer
    page with the same steps points there, by the heading above them."""
    print_once(
        soup,
        content,
        STEPS,
        "data-sp-steps",
        [],
        "Follow the steps under ",
        lambda home: (
            home.find_previous(["h2", "h1"]) and home.find_previous(["h2", "h1"]).get_text(" ", strip=True).rstrip("¶ ")
        ),
    )


def one_bookmark_for_a_part_and_its_first_page(content: Tag) -> None:
    """A nav folder's part heading and its first page's title are often the same words ("What's
    happening?"): the PDF's bookmarks listed them one inside the other (a printing review). The
    page's heading is marked so pdf.css gives it no bookmark; both still print."""
    for part in content.select("section.print-page.md-section"):
        heading = part.find("h1", recursive=False)
        first = part.find("section", class_="print-page", recursive=False)
        title = first.find("h1", recursive=False) if first and "md-section" not in first["class"] else None
        if heading and title and _text(title) == _text(heading):
            title["class"] = [*title.get("class", []), "sp-repeats-part"]


def print_addresses_after_links(content: Tag) -> None:
    """Move each printed web address (.sp-url) from inside its link to just after it.

    The link's words stay clickable. A PDF link gets one annotation per line it spans, so a long
    address inside its link costs several: about 17 KB over a 65-page toolkit, for text that is
    there to be read, not clicked.
    """
    for address in content.select("a .sp-url"):
        address.find_parent("a").insert_after(address.extract())


def plain_terms(content: Tag) -> None:
    """Keep a glossary term's words, drop its <abbr>: its explanation is a tooltip paper cannot
    show, and WeasyPrint writes no expansion for it into the PDF. Each term would still be a
    structure element of its own that cuts its line into three pieces of text (about 14 KB for
    the 200 terms marked in the toolkit); its Glossary page explains every term in words.
    """
    for term in content.select("abbr"):
        term.unwrap()


def number_internal_links(soup: BeautifulSoup, content: Tag) -> None:
    """Follow each link to another part of the document with the page it leads to.

    The number is a span after the link (pdf.css fills it in with target-counter), not part of
    it: a link gets one annotation per piece of text in it, and paper needs the number read,
    not clicked. The contents list numbers its own entries.
    """
    for link in content.select('section.print-page a[href^="#"]'):
        if {"footnote-ref", "footnote-backref"} & set(link.get("class", [])) or link.find_parent("nav"):
            continue
        link.insert_after(soup.new_tag("span", attrs={"class": "sp-page-ref", "data-target": link["href"]}))


def build_print_document(
    print_page_html: str,
    *,
    title: str,
    author: str,
    description: str,
    stylesheets: list[str],
    contents_title: str = "Contents",
    lang: str = "en-GB",
    web_addresses: dict[str, str | None] | None = None,
    page_addresses: dict[str, str | None] | None = None,
) -> PrintDocument:
    """The document the PDF engine renders: cover, contents, then every page, and nothing else.

    web_addresses: the pages left off paper (section id -> address on the website, or None).
    page_addresses: every page's address on the website, for links marked `.sp-web-address`.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(print_page_html, "html.parser")
    content = soup.find(id="print-site-page")
    if content is None:
        raise ValueError("the print page has no #print-site-page element: is the print-site plugin enabled?")
    for tag in content.select(SCREEN_ONLY):
        tag.decompose()

    leave_out_pages(content, web_addresses or {})
    pages = _page_sections(content)
    if not pages:
        raise ValueError("the print page contains no pages")
    print_checklists_once(soup, content)
    print_steps_once(soup, content)
    print_addresses_after_links(content)
    one_bookmark_for_a_part_and_its_first_page(content)
    plain_terms(content)
    link_to_the_website(content, page_addresses or {})
    dead = repair_internal_links(content, home_id=pages[0]["id"], web_addresses=web_addresses)
    number_internal_links(soup, content)

    cover = content.find(id="print-site-cover-page")
    contents = pdf_contents(soup, content, contents_title)
    if cover is not None:
        cover.insert_after(contents)
    else:
        content.insert(0, contents)

    links = "\n".join(f'<link rel="stylesheet" href="{html_lib.escape(href, quote=True)}">' for href in stylesheets)
    document = (
        "<!doctype html>\n"
        f'<html lang="{html_lib.escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_lib.escape(title)}</title>\n"
        f'<meta name="author" content="{html_lib.escape(author, quote=True)}">\n'
        f'<meta name="description" content="{html_lib.escape(description, quote=True)}">\n'
        f"{links}\n</head>\n"
        # md-typeset keeps feature stylesheets that scope their rules to Material's content class working.
        f'<body class="sp-pdf">\n<main class="md-typeset">\n{content.decode_contents()}\n</main>\n</body>\n</html>\n'
    )
    return PrintDocument(document, [_text(section.find("h1")) for section in pages if section.find("h1")], dead)


def link_pages_off_the_print_page(html: str, pages: dict[str, str]) -> str:
    """print-site points a link to another page at that page's section (#key) even when it does not
    print that page (one outside the navigation, such as the contributors' guide), which leaves the
    link going nowhere. Point such links at the page on the website instead (print_page/ is one
    level down). pages: print-site key -> site URL of every page not on the print page."""
    for key, url in pages.items():
        if f'id="{key}"' not in html:
            html = html.replace(f'href="#{key}"', f'href="../{url}"')
    return html


# print-site leaves links it knows are on other sites (https:, mailto:, tel:) as they are, but not
# sms:, which it turns into an anchor of the page's section: `#get-help-now-sms:85258`.
_TEXT_MESSAGE_AS_ANCHOR = re.compile(r'href="#[a-z0-9_-]*?-(sms:\+?\d+)"')


def restore_text_message_links(html: str) -> str:
    """The print page with each sms: link that print-site made an anchor texting its number again."""
    return _TEXT_MESSAGE_AS_ANCHOR.sub(r'href="\1"', html)
