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


@pytest.mark.parametrize(("scheme", "width"), [("light", DESKTOP), ("dark", PHONE)])
def test_every_page_contacts_only_the_site_and_sets_no_cookies(tab, site_url, site_pages, scheme, width):
    page = tab(scheme, width)
    requests, errors = [], []

    def on_request(request):
        requests.append(request.url)

    def on_console(message):
        if message.type == "error":
            errors.append(message.text)

    def on_page_error(error):
        errors.append(str(error))

    def problems_on(name: str) -> list[str]:
        found = [f"{name}: requested {r}" for r in requests if not same_origin(r, site_url)]
        found += [f"{name}: CSP violation: {v}" for v in page.evaluate("window.__spCspViolations")]
        found += [f"{name}: browser error: {e}" for e in errors]
        requests.clear(), errors.clear()
        return found

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    problems = []
    try:
        for name, url in site_pages:
            requests.clear(), errors.clear()
            open_page(page, url, wait_until="networkidle")  # every request, the search index too
            problems += problems_on(name)
            problems += [f"{name}: {p}" for p in policy_problems(page.evaluate(POLICY_IN_FORCE))]
            problems += [f"{name}: external link without rel=noopener noreferrer: {h}"
                         for h in page.evaluate(EXTERNAL_LINKS_WITHOUT_NOREFERRER)]
        # Searching runs Material's web worker on the search index: that must stay local too.
        open_page(page, site_url)
        requests.clear(), errors.clear()
        search(page, "password")
        problems += problems_on("search")
        problems += [f"cookie set: {c['name']} for {c['domain']}" for c in page.context.cookies()]
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_page_error)
    assert not problems, f"at {width}px, {scheme}:\n" + "\n".join(problems)
