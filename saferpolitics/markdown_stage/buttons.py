"""The row of buttons a page's script acts on (the evidence log, the protocol builder): one way to
write them, in Material's button style, each naming its action for the script."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Iterable


def action_buttons(parent: etree.Element, attribute: str, actions: Iterable[tuple[str, str]]) -> None:
    """A button for each (action, label), in order; `attribute` (data-sp-do, data-sp-action) holds
    the action, which the page's script reads when the button is pressed."""
    for action, label in actions:
        etree.SubElement(parent, "button", {"type": "button", "class": "md-button", attribute: action}).text = label
