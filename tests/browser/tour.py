"""The page tour: one visit to every page in each colour scheme and width, shared by the tests
that check every page (axe, privacy, small screens, HTML_CodeSniffer).

Each of those tests used to load all the pages itself, so every page was loaded nine times. Now
the tour loads each page once per variant, in that variant's tab, and records what each test
needs; the tests assert from the records (the `tour` fixture, conftest.py), with their own
messages. The tour takes minutes, mostly axe's, so it is a background job (tests/conftest.py):
this module, run as `python -m browser.tour` from tests/, walks the site in a Chromium of its own
while the other tests run in the first; it reads the pages to visit as JSON on stdin and writes
the visits as JSON on stdout.

On each page the work is done in an order where no check can disturb another:
  1. load; read the colour scheme Material applied and, on a phone, whether the page scrolls
     sideways, whether help is on screen and what test_help_service.py reads (read-only, as the
     reader first sees the page);
  2. axe, before anything scrolls the page (the rules that would repeat another variant's or
     page's answer are left out: see COLOUR_RULES);
  3. wait until the network has been quiet for half a second (usually already true once axe has
     finished), so late requests such as the search index are caught, then read the requests,
     CSP violations and browser errors, the policy in force and the external links;
  4. on a phone, scroll half-way and look for help again;
  5. HTML_CodeSniffer, at light 1280 only, last: its script is ours, not the page's.
axe and HTML_CodeSniffer are evaluated by the test driver over CDP, not loaded by the page, so
the page's policy does not apply to them and they leave no CSP violation behind.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import axe_playwright_python

from .help_service import AS_LOADED

WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_22_A_AA}, "resultTypes": ["violations"]}

# axe runs on every page in every variant, but not every rule everywhere: no rule is asked twice
# about the same thing.
# - Colours: colour contrast and links told apart from text by colour only.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
COLOUR_RULES_ONLY = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}
NOT_COLOUR_RULES = {**AXE_OPTIONS, "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
# - In the dark scheme a page is the same document as in the light one at the same width:
#   Material's palette changes only colours, through CSS variables. So in the dark variants only
#   the colour rules run, except on the home page, which gets every rule in both schemes for the
#   header's palette switch, the one element each scheme shows differently.
EVERY_RULE_SCHEME = "light"
HOME_PAGE = "index.md"  # names as in reader_pages
PRINT_PAGE = "print page"
# - The chrome round the content (header, emergency strip, menu, "On this page", footer) has the
#   same colours on every page but for what the menu shows open and current. So the colour rules
#   check the whole page on the home page and on the first page of each menu section, nested ones
#   too (where the menu first shows that section open with an item in it current: see
#   pages_where_the_menu_changes), and only the content (CONTENT) on the other pages.
CONTENT = ".md-content"
# - The print page holds a copy of every page in the menu, each in a section.print-page of its own
#   (the menu's section titles are sections of class md-section). Those pages are visited on their
#   own in the same variant, under the same style sheets (print-site.css changes no colour on
#   screen), so on the print page the colour rules, most of axe's time there, check only
#   outside the copies: the cover, the contents and the section title pages.
PRINT_PAGE_COPIES = "section.print-page:not(.md-section)"
COLOURS_OF_THE_CONTENT = {"include": [[CONTENT]], "exclude": [[PRINT_PAGE_COPIES]]}
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
RUN_AXE = "([context, options]) => axe.run(context || document, options).then(results => results.violations)"

# The site's two workers: the offline worker, which on a first visit downloads the whole toolkit in
# the background, as it does for a reader, and serves each page after; and Material's search
# worker, which builds the search index on every page load. What they do is the same in every
# colour scheme and width, so they run in two variants, the ones test_privacy.py reads, not in all
# four; the other two visit without them (conftest.fresh_context).
WITH_THE_WORKERS = [("light", 1280), ("dark", 375)]

HTMLCS = (
    Path(__file__).resolve().parents[2] / ".venv" / "node" / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
)
HTMLCS_VARIANT = ("light", 1280)  # one variant is enough: it checks markup, not colours or layout
# Errors only (HTMLCS type 1); warnings and notices ask for a human check, as pa11y's default does.
HTMLCS_ERRORS = """() => new Promise(done => HTMLCS.process('WCAG2AA', document, () => done(
  HTMLCS.getMessages().filter(m => m.type === 1)
    .map(m => m.code.split('.').slice(-3).join('.') + ': ' + (m.element.outerHTML || '').slice(0, 100)))))"""

# The policy <meta>, read only if it comes before every script, stylesheet and style element.
POLICY_IN_FORCE = """() => {
  const meta = document.head.querySelector('meta[http-equiv="Content-Security-Policy" i]');
  const first = document.querySelector('script, link[rel="stylesheet"], style');
  if (!meta || (first && !(meta.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING))) return null;
  return meta.content;
}"""

EXTERNAL_LINKS_WITHOUT_NOREFERRER = """() => [...document.querySelectorAll('a[href]')]
  .filter(a => /^https?:$/.test(a.protocol) && a.origin !== location.origin)
  .filter(a => !['noopener', 'noreferrer'].every(r => a.relList.contains(r)))
  .map(a => a.href)"""

# The page's width against the screen's, and if it is wider, up to three elements that stick out.
SIDEWAYS = """() => {
  const scrollWidth = document.documentElement.scrollWidth, clientWidth = document.documentElement.clientWidth;
  const widest = scrollWidth <= clientWidth ? [] : [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > clientWidth + 1)
    .slice(0, 3).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'));
  return [scrollWidth, clientWidth, widest];
}"""

# Whether 999, 101 and Get help now are on screen and not covered by anything: in the strip under
# the header at the top of the page, and 999 and 101 in the sticky header once scrolled. The strip
# leaves out Get help now on that page itself.
HELP_ON_SCREEN = """scrolled => {
  const problems = [];
  const onHelpPage = location.pathname.endsWith('/get-help-now/');
  const wanted = {'999': 'a[href="tel:999"]', '101': 'a[href="tel:101"]'};
  if (!scrolled && !onHelpPage) wanted['Get help now'] = '[data-sp-emergency] a.sp-emergency__help';
  for (const [name, selector] of Object.entries(wanted)) {
    const links = [...document.querySelectorAll(`[data-sp-emergency] ${selector}, [data-sp-call] ${selector}, ${selector}`)]
      .filter(a => !a.closest('article, .md-sidebar'));
    const shown = links.some(link => {
      const box = link.getBoundingClientRect();
      const x = box.left + box.width / 2, y = box.top + box.height / 2;
      const onScreen = box.width > 0 && x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight;
      const hit = onScreen ? document.elementFromPoint(x, y) : null;
      return hit && (hit === link || link.contains(hit));
    });
    if (!shown) problems.push(`${name} is not visible`);
  }
  return problems;
}"""


def after_next_paint(page) -> None:
    """Wait until the browser has drawn the page twice more: what a scroll or a click changed has
    been laid out and painted, however busy the machine (a fixed wait is not, under load)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


class Watched:
    """A tab, and what it requested and what the browser reported since the last `take`."""

    def __init__(self, page):
        self.page, self.requests, self.errors = page, [], []
        self._listeners = {
            "request": lambda request: self.requests.append(request.url),
            "console": lambda message: message.type == "error" and self.errors.append(message.text),
            "pageerror": lambda error: self.errors.append(str(error)),
        }
        for event, listener in self._listeners.items():
            page.on(event, listener)

    def forget(self) -> None:
        self.requests.clear(), self.errors.clear()

    def take(self) -> tuple[list[str], list[str], list[str]]:
        """(requests, CSP violations in the open page, console errors and page errors), then forget them."""
        taken = list(self.requests), self.page.evaluate("window.__spCspViolations"), list(self.errors)
        self.forget()
        return taken

    def stop(self) -> None:
        for event, listener in self._listeners.items():
            self.page.remove_listener(event, listener)


@dataclass
class Visit:
    """What one visit to one page found. The phone and HTML_CodeSniffer fields stay None in the
    variants that do not look for them."""

    name: str
    url: str
    colour_scheme: str = ""  # body[data-md-color-scheme], as Material applied it
    axe_violations: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the page requested
    csp_violations: list[str] = field(default_factory=list)
    browser_errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    policy: str | None = None  # the Content-Security-Policy in force, None if there is none
    links_without_noreferrer: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)  # "name for domain" of each cookie set once the page has loaded
    sideways: tuple[int, int, list[str]] | None = None  # phone: page width, screen width, what sticks out
    help_on_load: list[str] | None = None  # phone: what is not on screen, at the top of the page
    as_loaded: dict | None = None  # phone: help_service.AS_LOADED, for test_help_service.py
    help_after_scrolling: list[str] | None = None  # phone: the same, scrolled half-way
    htmlcs_errors: list[str] | None = None


def reader_pages(site_url: str, mkdocs_config: dict) -> list[tuple[str, str]]:
    """(name, url) of every page a reader can open: each nav page, the pages kept out of the menu
    (mkdocs.yml not_in_nav, such as the contributors' guide, linked from every footer) and the
    print page."""
    from conftest import flatten_nav  # here, not at the top: conftest.py imports this module

    pages = []
    for md in flatten_nav(mkdocs_config["nav"]) + (mkdocs_config.get("not_in_nav") or "").split():
        stem = md[: -len(".md")]
        path = "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")
        pages.append((md, urljoin(site_url, path)))
    pages.append((PRINT_PAGE, urljoin(site_url, "print_page/")))
    return pages


def pages_where_the_menu_changes(nav: list) -> list[str]:
    """The home page and the first page of each menu section, nested ones too, in mkdocs.yml's
    nav: the pages where the colour rules check the chrome as well as the content."""
    from conftest import flatten_nav  # here, not at the top: conftest.py imports this module

    pages = [HOME_PAGE]
    for item in nav:
        for section in item.values() if isinstance(item, dict) else ():
            if isinstance(section, list):
                pages += flatten_nav(section)[:1] + pages_where_the_menu_changes(section)[1:]
    return pages


def run_axe(page, options: dict, context: dict | None = None) -> list[dict]:
    """axe's violations on the open page, under these options, in this context (None: the whole
    page). axe is put into the page by the test driver once per page load, not once per run."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(RUN_AXE, [context, options])


def axe_violations(page, name: str, every_rule: bool, whole_page_colours: bool) -> list[dict]:
    """axe's WCAG 2.2 A and AA violations on the open page: every rule, or (every_rule false, the
    dark scheme) the colour rules only, except on the home page; the colour rules over the whole
    page or only its content. See COLOUR_RULES."""
    every_rule = every_rule or name == HOME_PAGE
    if whole_page_colours:
        return run_axe(page, AXE_OPTIONS if every_rule else COLOUR_RULES_ONLY)
    return (run_axe(page, NOT_COLOUR_RULES) if every_rule else []) + run_axe(
        page, COLOUR_RULES_ONLY, context=COLOURS_OF_THE_CONTENT
    )


def walk(
    page, site_pages: list[tuple[str, str]], menu_changes: list[str], phone: bool, every_rule: bool, htmlcs: bool
) -> list[Visit]:
    """Visit every page in this tab once and record what the every-page tests check; on the pages
    in menu_changes the colour rules check the whole page, elsewhere only the content."""
    from .conftest import open_page  # here, not at the top: conftest.py imports this module

    htmlcs_source = HTMLCS.read_text(encoding="utf-8") if htmlcs and HTMLCS.is_file() else None
    watched, visits = Watched(page), []
    try:
        for name, url in site_pages:
            watched.forget()  # what the previous page did
            open_page(page, url)
            visit = Visit(name, url, colour_scheme=page.evaluate("document.body.dataset.mdColorScheme"))
            if phone:
                visit.sideways = tuple(page.evaluate(SIDEWAYS))
                visit.help_on_load = page.evaluate(HELP_ON_SCREEN, False)
                visit.as_loaded = page.evaluate(AS_LOADED)
            visit.axe_violations = axe_violations(page, name, every_rule, whole_page_colours=name in menu_changes)
            page.wait_for_load_state("networkidle")
            visit.requests, visit.csp_violations, visit.browser_errors = watched.take()
            visit.policy = page.evaluate(POLICY_IN_FORCE)
            visit.links_without_noreferrer = page.evaluate(EXTERNAL_LINKS_WITHOUT_NOREFERRER)
            visit.cookies = [f"{c['name']} for {c['domain']}" for c in page.context.cookies()]
            if phone:
                page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
                after_next_paint(page)  # sticky positioning settled after the jump
                visit.help_after_scrolling = page.evaluate(HELP_ON_SCREEN, True)
            if htmlcs_source:
                page.evaluate(htmlcs_source)
                visit.htmlcs_errors = page.evaluate(HTMLCS_ERRORS)
            visits.append(visit)
    finally:
        watched.stop()
    return visits


def read_walks(printed: str) -> dict[tuple[str, int], list[Visit]]:
    """The visits main() printed, by (scheme, width)."""
    return {
        (variant["scheme"], variant["width"]): [Visit(**visit) for visit in variant["visits"]]
        for variant in json.loads(printed)
    }


def main() -> None:
    """Walk the pages on stdin ({"pages": reader_pages, "menu_changes": pages_where_the_menu_changes})
    in every colour scheme and width, one tab each, and print the visits."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, chromium_path

    from .conftest import PHONE, SCHEMES, WIDTHS, new_tab

    asked = json.load(sys.stdin)
    site_pages, menu_changes = [tuple(page) for page in asked["pages"]], asked["menu_changes"]
    walks = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        for scheme in SCHEMES:
            for width in WIDTHS:
                page = new_tab(browser, scheme, width, workers=(scheme, width) in WITH_THE_WORKERS)
                visits = walk(
                    page,
                    site_pages,
                    menu_changes,
                    phone=width == PHONE,
                    every_rule=scheme == EVERY_RULE_SCHEME,
                    htmlcs=(scheme, width) == HTMLCS_VARIANT,
                )
                walks.append({"scheme": scheme, "width": width, "visits": [asdict(visit) for visit in visits]})
                page.context.close()
        browser.close()
    json.dump(walks, sys.stdout)


if __name__ == "__main__":
    main()
