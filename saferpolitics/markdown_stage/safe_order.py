"""The safe-order rules for crisis steps (CONTRIBUTING.md, "Safe order"), read from a list's words.

Each rule is about what a stressed reader would do if they followed the steps from the top:

1. Evidence before reporting: a post reported to the platform can be removed before anyone
   captures it, so a step that keeps the evidence comes before any report to the platform or
   to the police on 101. Calling 999 in an emergency comes before everything: in a list that
   names 999, the first step that does comes before the evidence (a later step may name it
   again, as the threats list's report to the police does).
2. A threat to life or a stalking risk: the police and Parliament's route come before the
   platform, so every step that names the police (999, 101) or Parliament's security route
   comes before the first report to the platform.
3. A device that may be infected: where a list mentions malware or an opened attachment, a step
   that stops using the device comes before any step that changes a password, and a password is
   changed from another device (malware on the first may capture what is typed).

The build checks every list in data/first-hour.yml, every checklist in data/checklists.yml and
every list in the protocol template (data/protocol-template.yml) with these rules (a Problem on
the line of the step to move; in the protocol template, on its list's first line); the tests
check the built pages, the PDF and the crisis cards with the same function.
The patterns read the words a reader sees, so they work on Markdown, HTML text and PDF text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

KEEPS_EVIDENCE = re.compile(r"\b(screenshot|screen grab|keep the evidence|preserve the evidence|evidence log)", re.I)
# "Report it to the platform", "the platform's form", and the same said of a platform by name, as
# the object of the report ("Report each post to X or TikTok", "Reporting it on Facebook",
# "Instagram's report form"; the names in capitals, as they are written) or of its report button.
# Not "to the police, not to X": a report said not to go to a platform is none.
PLATFORM_NAMES = r"(?-i:X|Twitter|Facebook|Instagram|Meta|TikTok|YouTube|LinkedIn|WhatsApp|Threads|Bluesky|Snapchat)"
# Also "Report each post in the app", "Flag the post to Instagram", "Report it through Meta's
# form" and "Ask the platform to take it down" (a maintainer review found them passing).
REPORTS_TO_PLATFORM = re.compile(
    r"\b(report|flag)\b[^.]*\bplatform|\bplatform's (report|form)"
    r"|\b(ask|get)\b[^.]*\bplatform\b[^.]{0,20}\btake\b\s+(it|them|the \w+)\s+down"
    r"|(?<!\bnot )\b(report|reports|reporting|flag|flags)\b[^.]*?\bin the app\b|\bin the app\b[^.]*?\b(report|flag)\b"
    rf"|\b(report|reports|reporting|reported|flag|flags|flagging)\b[^.]*?(?<!\bnot )\b(to|on|through|via) "
    rf"(the )?{PLATFORM_NAMES}\b"
    rf"|\b{PLATFORM_NAMES}'s report(ing)? (form|tool|button)|\breport button",
    re.I,
)
CALLS_101 = re.compile(r"\b101\b")
# 999 for someone in immediate danger: the step that comes before everything. A 999 in another
# step (a wellbeing step, a doorstep in a preparation checklist) is not that step.
CALLS_999 = re.compile(r"^(?=.*\b999\b)(?=.*\b(immediate|immediately|danger)\b)", re.I | re.S)
NAMES_POLICE = re.compile(r"\b(999|101|police)\b", re.I)
NAMES_PARLIAMENT = re.compile(r"\bPLaIT\b|Parliament's (security|Parliamentary Liaison)", re.I)
DEVICE_AT_RISK = re.compile(r"\b(malware|infected|attachment)", re.I)
STOPS_USING_DEVICE = re.compile(r"\b(stop using|do not use|don't use|disconnect)", re.I)
OTHER_DEVICE = re.compile(
    r"\b(another|a different|a clean|a safe|that safe) (device|phone|computer)|device you know is safe", re.I
)
# "change the password", "change its password", "If a password was typed in, change it now": one sentence.
# Also "reset the password", "set a new password", "update your password" (a maintainer review).
CHANGES_PASSWORD = re.compile(
    r"\b(change|reset|update)\b[^.]*\bpassword|\bnew password|\bpassword\b[^.]*\b(change|reset)\b", re.I
)
# The hint of every Problem these rules find, in whichever data file.
REORDER_HINT = 'reorder the steps: see "Safe order" in CONTRIBUTING.md'


class Unsafe(str):
    """What is out of safe order, as a sentence, with the number of the step it names first: the
    one to move, whose line a message points at."""

    step: int

    def __new__(cls, sentence: str, step: int) -> Unsafe:
        made = super().__new__(cls, sentence)
        made.step = step
        return made


def _first(steps: Sequence[str], pattern: re.Pattern) -> int | None:
    return next((number for number, step in enumerate(steps, start=1) if pattern.search(step)), None)


def order_problems(steps: Sequence[str]) -> list[Unsafe]:
    """What is out of safe order in one numbered list of steps (each step's words), as sentences
    naming the step numbers; empty when the order is safe."""
    problems = []
    evidence = _first(steps, KEEPS_EVIDENCE)
    platform = _first(steps, REPORTS_TO_PLATFORM)
    police_101 = _first(steps, CALLS_101)
    emergency = _first(steps, CALLS_999)
    if emergency and evidence and evidence < emergency:
        problems.append(
            Unsafe(
                f"step {emergency} is the first to say to call 999 in immediate danger, "
                f"after step {evidence} keeps the evidence",
                emergency,
            )
        )
    if platform and (evidence is None or evidence > platform):
        problems.append(Unsafe(f"step {platform} reports to the platform before any step keeps the evidence", platform))
    if police_101 and evidence and evidence > police_101:
        problems.append(
            Unsafe(
                f"step {police_101} reports to the police on 101 before step {evidence} keeps the evidence", police_101
            )
        )
    for name, pattern in (("the police", NAMES_POLICE), ("Parliament's security route", NAMES_PARLIAMENT)):
        later = [
            number
            for number, step in enumerate(steps, start=1)
            if platform and number > platform and pattern.search(step)
        ]
        if later:
            problems.append(
                Unsafe(f"step {platform} reports to the platform before step {later[0]} names {name}", platform)
            )
    if any(DEVICE_AT_RISK.search(step) for step in steps):
        password = _first(steps, CHANGES_PASSWORD)
        stop, other = _first(steps, STOPS_USING_DEVICE), _first(steps, OTHER_DEVICE)
        if password and (stop is None or stop > password):
            problems.append(
                Unsafe(
                    f"step {password} changes a password before any step stops using a device that may be infected",
                    password,
                )
            )
        if password and (other is None or other > password):
            problems.append(
                Unsafe(f"step {password} changes a password without saying to use another device", password)
            )
    return problems
