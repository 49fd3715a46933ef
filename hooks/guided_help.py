"""Guided help hook: a "What's happening?" page never offers Previous/Next.

Material's footer links each page to its neighbours in the navigation, which from an answer page
is a different situation. Each answer page ends with its own next step, Start again and 999/101
instead (docs/help/, the `sp-answer-end` block).
"""

from __future__ import annotations

HELP_FOLDER = "help/"


def on_page_context(context, page, config, nav):
    if page.file.src_uri.startswith(HELP_FOLDER):
        page.previous_page = page.next_page = None
    return context
