"""On a 375 px phone: nothing scrolls sideways, and help is on screen without opening a menu."""

from __future__ import annotations

import pytest

from .conftest import PHONE, open_page

pytestmark = pytest.mark.browser

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
        problems += [f"{name} on load: {p}" for p in page.evaluate(HELP_ON_SCREEN, False)]
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        page.wait_for_timeout(50)  # let sticky positioning settle after the jump
        problems += [f"{name} after scrolling: {p}" for p in page.evaluate(HELP_ON_SCREEN, True)]
    assert not problems, f"at {PHONE}px, {scheme}:\n" + "\n".join(problems)
