"""On a 375 px phone: nothing scrolls sideways, and help is on screen without opening a menu."""

from __future__ import annotations

import pytest

from .conftest import PHONE, open_page

pytestmark = pytest.mark.browser

# Whether the emergency strip and its three links are on screen and not covered by anything.
HELP_ON_SCREEN = """() => {
  const strip = document.querySelector('[data-sp-emergency]');
  if (!strip) return ['the emergency strip is missing'];
  const problems = [];
  const links = [...strip.querySelectorAll('a')];
  const wanted = {'Get help now': a => a.textContent.trim() === 'Get help now',
                  '999': a => a.getAttribute('href') === 'tel:999',
                  '101': a => a.getAttribute('href') === 'tel:101'};
  for (const [name, test] of Object.entries(wanted)) {
    const link = links.find(test);
    if (!link) { problems.push(`no ${name} link`); continue; }
    const box = link.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const onScreen = box.width > 0 && x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight;
    const hit = onScreen ? document.elementFromPoint(x, y) : null;
    if (!hit || !(hit === link || link.contains(hit))) problems.push(`${name} is not visible (top ${Math.round(box.top)}px)`);
  }
  return problems;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_and_help_stays_on_screen(tab, site_pages, scheme):
    page = tab(scheme, PHONE)
    problems = []
    for name, url in site_pages:
        open_page(page, url)
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll_width > client_width:
            widest = page.evaluate(
                """w => [...document.querySelectorAll('body *')]
                     .filter(el => el.getBoundingClientRect().right > w + 1)
                     .slice(0, 3).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'))""",
                client_width,
            )
            problems.append(f"{name}: scrolls sideways ({scroll_width}px > {client_width}px), e.g. {widest}")
        problems += [f"{name} on load: {p}" for p in page.evaluate(HELP_ON_SCREEN)]
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        page.wait_for_timeout(50)  # let sticky positioning settle after the jump
        problems += [f"{name} after scrolling: {p}" for p in page.evaluate(HELP_ON_SCREEN)]
    assert not problems, f"at {PHONE}px, {scheme}:\n" + "\n".join(problems)
