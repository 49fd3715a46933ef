"""A visit tells no one else: only the site's own origin is contacted, no cookies, a strict CSP."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, open_page, same_origin, search

pytestmark = pytest.mark.browser

# Directives that must allow the site's own origin and nothing else (plus hashes for inline code).
RESOURCE_DIRECTIVES = ["script-src", "style-src", "font-src", "img-src", "connect-src"]
ALLOWED_EXTRA = {"img-src": {"data:"}}  # Material's icons are data: SVGs in its own CSS


def policy_problems(policy: str | None) -> list[str]:
    if not policy:
        return ["no Content-Security-Policy <meta> before the first script or stylesheet"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    problems = []
    if directives.get("default-src") != ["'self'"]:
        problems.append(f"default-src is {directives.get('default-src')}")
    for name in RESOURCE_DIRECTIVES:
        sources = directives.get(name, directives.get("default-src", []))
        if "'self'" not in sources:
            problems.append(f"{name} does not allow the site itself")
        others = [s for s in sources if s != "'self'" and not s.startswith("'sha256-") and s not in ALLOWED_EXTRA.get(name, set())]
        if others:
            problems.append(f"{name} also allows {others}")
    if directives.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    return problems


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


# Pages open this many at a time, each in its own tab of the same browser: the half-second of
# quiet that "networkidle" waits for on each page then passes for all of them at once.
TABS = 4


class _Watched:
    """A tab, and what it requested and what the browser reported since the last `problems`."""

    def __init__(self, page):
        self.page, self.requests, self.errors = page, [], []
        self._listeners = {
            "request": lambda request: self.requests.append(request.url),
            "console": lambda message: message.type == "error" and self.errors.append(message.text),
            "pageerror": lambda error: self.errors.append(str(error)),
        }
        for event, listener in self._listeners.items():
            page.on(event, listener)

    def problems(self, name: str, site_url: str) -> list[str]:
        found = [f"{name}: requested {r}" for r in self.requests if not same_origin(r, site_url)]
        found += [f"{name}: CSP violation: {v}" for v in self.page.evaluate("window.__spCspViolations")]
        found += [f"{name}: browser error: {e}" for e in self.errors]
        self.requests.clear(), self.errors.clear()
        return found

    def stop(self) -> None:
        for event, listener in self._listeners.items():
            self.page.remove_listener(event, listener)


@pytest.mark.parametrize(("scheme", "width"), [("light", DESKTOP), ("dark", PHONE)])
def test_every_page_contacts_only_the_site_and_sets_no_cookies(tab, site_url, site_pages, scheme, width):
    page = tab(scheme, width)
    main = _Watched(page)
    tabs = [_Watched(page.context.new_page()) for _ in range(TABS)]
    problems = []
    try:
        for start in range(0, len(site_pages), TABS):
            batch = list(zip(tabs, site_pages[start : start + TABS]))
            for watched, (_, url) in batch:
                watched.requests.clear(), watched.errors.clear()
                response = watched.page.goto(url, wait_until="commit")
                assert response is not None and response.ok, f"{url} answered {response and response.status}"
            for watched, (name, _) in batch:
                watched.page.wait_for_load_state("networkidle")  # every request, the search index too
                problems += watched.problems(name, site_url)
                problems += [f"{name}: {p}" for p in policy_problems(watched.page.evaluate(POLICY_IN_FORCE))]
                problems += [f"{name}: external link without rel=noopener noreferrer: {h}"
                             for h in watched.page.evaluate(EXTERNAL_LINKS_WITHOUT_NOREFERRER)]
        # Searching runs Material's web worker on the search index: that must stay local too.
        open_page(page, site_url)
        main.problems("home", site_url)
        search(page, "password")
        problems += main.problems("search", site_url)
        problems += [f"cookie set: {c['name']} for {c['domain']}" for c in page.context.cookies()]
    finally:
        main.stop()
        for watched in tabs:
            watched.page.close()
    assert not problems, f"at {width}px, {scheme}:\n" + "\n".join(problems)
