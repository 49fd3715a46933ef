"""A visit tells no one else: only the site's own origin is contacted, no cookies, a strict CSP."""

from __future__ import annotations

import pytest

from .conftest import open_page, same_origin, search
from .tour import WITH_THE_WORKERS, Watched

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
        others = [
            s
            for s in sources
            if s != "'self'" and not s.startswith("'sha256-") and s not in ALLOWED_EXTRA.get(name, set())
        ]
        if others:
            problems.append(f"{name} also allows {others}")
    if directives.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    return problems


def network_problems(
    name: str, requests: list[str], csp_violations: list[str], errors: list[str], site_url: str
) -> list[str]:
    found = [f"{name}: requested {r}" for r in requests if not same_origin(r, site_url)]
    found += [f"{name}: CSP violation: {v}" for v in csp_violations]
    found += [f"{name}: browser error: {e}" for e in errors]
    return found


@pytest.mark.parametrize(("scheme", "width"), WITH_THE_WORKERS)
def test_every_page_contacts_only_the_site_and_sets_no_cookies(tab, tour, site_url, scheme, width):
    problems = []
    for visit in tour(scheme, width):  # each page's requests are read once the network is quiet
        name = visit.name
        problems += network_problems(name, visit.requests, visit.csp_violations, visit.browser_errors, site_url)
        problems += [f"{name}: {p}" for p in policy_problems(visit.policy)]
        problems += [
            f"{name}: external link without rel=noopener noreferrer: {h}" for h in visit.links_without_noreferrer
        ]
        problems += [f"{name}: cookie set: {cookie}" for cookie in visit.cookies]
    # Searching runs Material's web worker on the search index: that must stay local too.
    page = tab(scheme, width)
    main = Watched(page)
    try:
        open_page(page, site_url)
        main.forget()
        search(page, "password")
        problems += network_problems("search", *main.take(), site_url)
        problems += [f"cookie set: {c['name']} for {c['domain']}" for c in page.context.cookies()]
    finally:
        main.stop()
    assert not problems, f"at {width}px, {scheme}:\n" + "\n".join(problems)
