"""The safe-order rules for crisis steps (CONTRIBUTING.md, "Safe order"), read from a list's words.

Each rule is about what a stressed reader would do if they followed the steps from the top:

1. Evidence before reporting: a post reported to the platform can be removed before anyone
   captures it, so a step that keeps the evidence comes before any report to the platform or
   to the police on 101, and before any step that removes, hides or blocks what the evidence
   is (a takedown asked of the platform; the office's own block, mute, restrict, hide, delete
   or remove): police advice is to "take screen grabs ... and then block them". A list with no
   step that keeps the evidence (a preparation checklist, ground rules for comments) is not
   held to the order of blocking and the evidence, unless it is a crisis list
   (data/first-hour.yml); its reports always are. Calling 999 in
   an emergency comes before everything: in a list that names 999, the first step that does
   comes before the evidence (a later step may name it again, as the threats list's report to
   the police does).
2. A threat to life or a stalking risk: the police and Parliament's route come before the
   platform, so every step that sends the reader to the police (999, 101, "tell the police"; not
   "the police may ask for your notes") or names Parliament's security route comes before the
   first report to the platform.
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
from collections.abc import Callable, Sequence

from saferpolitics.core.lazy_pattern import lazy_compile

KEEPS_EVIDENCE = lazy_compile(r"\b(screenshot|screen grab|keep the evidence|preserve the evidence|evidence log)", re.I)
# "Report it to the platform", "the platform's form", and the same said of a platform by name, as
# the object of the report ("Report each post to X or TikTok", "Reporting it on Facebook",
# "Instagram's report form"; the names in capitals, as they are written) or of its report button.
# Not "to the police, not to X": a report said not to go to a platform is none.
PLATFORM_NAMES = r"(?-i:X|Twitter|Facebook|Instagram|Meta|TikTok|YouTube|LinkedIn|WhatsApp|Threads|Bluesky|Snapchat)"
# Also "Report each post in the app", "Flag the post to Instagram" and "Report it through Meta's
# form" (a maintainer review found them passing). Asking for a takedown is ASKS_FOR_TAKEDOWN.
REPORTS_TO_PLATFORM = lazy_compile(
    r"\b(report|flag)\b[^.]*\bplatform|\bplatform's (report|form)"
    r"|(?<!\bnot )\b(report|reports|reporting|flag|flags)\b[^.]*?\bin the app\b|\bin the app\b[^.]*?\b(report|flag)\b"
    rf"|\b(report|reports|reporting|reported|flag|flags|flagging)\b[^.]*?(?<!\bnot )\b(to|on|through|via) "
    rf"(the )?{PLATFORM_NAMES}\b"
    rf"|\b{PLATFORM_NAMES}'s report(ing)? (form|tool|button)|\breport button",
    re.I,
)
# Asking the platform to take something down is a report to it, said another way (a maintainer
# review found these building before "Keep the evidence"): "Request a takedown", "Get the video
# taken down on YouTube", "Ask X to take the post down", "Ask the platform to remove it", and
# "Take it down" said as an instruction ("Report it, then take it down"). What the platform may do
# is no request ("The platform may take it down before you capture it"), nor is a question about
# what has happened ("Ask the platform why they did not remove it", "Ask a colleague to check if it
# has been taken down"): a self-review found both taken for one. But "if" or "whether" about what
# the platform will do is still a request ("Ask TikTok if they will remove it", "Ask whether the
# platform can take it down": a review, self16b, found these building), so a question counts as
# one about what has happened only when it asks why, or says "did", "has", "was" (or the like)
# before the takedown.
_ASKS = r"\b(ask|asks|asking|request|requests|requesting|get|gets|getting)\b"
_TAKEDOWN_VERB = r"\b(?:take|takes|taking|taken|took|remove|removes|removed|removal|delete|deleted|deletion)\b"
_ABOUT_WHAT_HAPPENED = (
    rf"\bwhy\b|\b(?:how|if|whether|when)\b(?:(?!{_TAKEDOWN_VERB})[^.;:!?])*?\b(?:did|has|have|had|was|were)\b"
)
_NOT_A_QUESTION = rf"(?:(?!{_ABOUT_WHAT_HAPPENED}|\b(?:not|never)\b|n't\b)[^.;:!?])*?"
_TAKE_DOWN = r"\b(take|takes|taking|taken|took)\s+(\w+'?s?\s+){0,3}?down\b"
ASKS_FOR_TAKEDOWN = lazy_compile(
    rf"\btake-?downs?\b|{_ASKS}{_NOT_A_QUESTION}{_TAKE_DOWN}|(?:^|[.;:!?,(]|\bthen\b)[\s*_]*(?:then\s+)?{_TAKE_DOWN}"
    r"|\bhave\s+(\w+'?s?\s+){1,3}?taken\s+down\b"
    rf"|{_ASKS}{_NOT_A_QUESTION}\b(platform|site|website|{PLATFORM_NAMES})\b{_NOT_A_QUESTION}"
    r"\b(remove|removes|removed|removal|delete|deleted|deletion)\b",
    re.I,
)
# What the office itself does that takes the evidence out of sight: blocking, muting or restricting
# an account hides its posts from you, and hidden, deleted or removed posts cannot be captured any
# more. A run of these verbs is one action ("**Hide, delete or block**", "Don't block, mute or
# delete anything"), followed by what it is done to.
_ACTION_VERB = r"(?:block|mute|restrict|hide|delete|remove)"
ACTIONS = lazy_compile(
    rf"\b(?P<verbs>{_ACTION_VERB}(?:(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+){_ACTION_VERB})*)\b"
    r"(?=[\s*_]*(?P<object>(?:[^\s.;:!?]+\s+){0,3}[^\s.;:!?]*))",
    re.I,
)
# An action counts when it is said as an instruction: at the start of the step, a sentence or a
# clause ("If it is abusive, remove the post"), or after "then" or "and" ("Screenshot it, then
# block them"). So "Don't block, mute or delete anything yet", "Tell the team not to delete, hide
# or block anything", "Wait before you block anyone" and "Our moderators will hide and delete any
# comments that do" are none. After "and", an action continues the one before it in the sentence:
# in "Decide who will block accounts and hide comments", hiding is no more an instruction than
# blocking is.
_STARTS_AN_INSTRUCTION = lazy_compile(
    r"(?:^|[.;:!?,(]|\bthen\b|\b(?P<joined>and)\b)[\s*_]*(?:(?:then|now|also|first|immediately)\s+)?\Z", re.I
)
# Block, mute and restrict are said of an account, whatever follows, but not "Block out time",
# "Block off the afternoon" or "Restrict who can reply to your posts": time in a diary, or a
# setting, which hides nothing already posted. Only before a time word, and only "who can" or
# "who may": "Block off the account", "Block out the abuser" and "Block who sent it" are blocks
# (a review, self16b, found them building).
_ALWAYS_AN_ACCOUNT = lazy_compile(r"\b(block|mute|restrict)\b", re.I)
_NOT_AN_ACCOUNT = lazy_compile(
    r"(?:out|off)\s+(?:(?:some|an?|the|this|that|your|half|\d+|one|two|three)\s+){0,2}"
    r"(?:time|hours?|minutes?|mornings?|afternoons?|evenings?|days?|weeks?|weekends?|slots?|diary|calendar)\b"
    r"|(?:who|what|which(?:\s+\w+)?)\s+(?:can|may)\b|(?:when|where|how)\b",
    re.I,
)
# Hide, delete and remove count when what they take away is a post or an account ("Delete the
# comments", "Remove the post"), not a person's access, a recovery address or a title ("Remove
# their access", "Remove "MP" from the handles"), nor the location data in photos ("Remove
# location data from photos before you post them"): what is removed is named before "from".
_A_POST_OR_ACCOUNT = lazy_compile(
    r"\b(it|them|him|her|what\s+(\S+\s+){0,2}(posted|sent|shared|wrote)|anything|everything|posts?|comments?"
    r"|repl(y|ies)|messages?|videos?|images?|photos?|pictures?|fakes?|content|accounts?|profiles?|tweets?|threads?|material|sender|user|troll)\b",
    re.I,
)
_FROM_WHERE = lazy_compile(r"\s(?:from|on|in|at|to|with|before|after|until|by)\s.*", re.I | re.S)
_DATA_ABOUT_IT = lazy_compile(r"\b(data|location|metadata|geotags?)\b", re.I)
# A clause that says not to do it: "Do not ask the platform to take it down yet". Read up to the
# request, from the start of its clause.
_NEGATED = lazy_compile(r"\b(not|never|without)\b|n't\b", re.I)
_CLAUSE_END = lazy_compile(r"[.;:!?]")
CALLS_101 = lazy_compile(r"\b101\b")
# 999 for someone in immediate danger: the step that comes before everything. A 999 in another
# step (a wellbeing step, a doorstep in a preparation checklist) is not that step.
CALLS_999 = lazy_compile(r"^(?=.*\b999\b)(?=.*\b(immediate|immediately|danger)\b)", re.I | re.S)
NAMES_POLICE = lazy_compile(r"\b(999|101|police)\b", re.I)
# The police as who acts, not where the step sends the reader: "The police may ask for your
# notes", "Police advice is to take screen grabs" (a maintainer review found the first read as a
# report to the police after the platform). The word opens its clause, after at most a "the" or a
# "your": sent to them, it follows a verb ("Call the police", "Decide whether to report it to the
# police", "Contact your police force's adviser").
_POLICE_ACTS = lazy_compile(r"(?:^|[.;:!?,(])[\s*_]*(?:(?:the|your|our|local)\s+)*\Z", re.I)


def names_police(step: str) -> bool:
    """A step that sends the reader to the police: 999 or 101, or the police named as where to go."""
    return any(
        match[1] in ("999", "101") or not _POLICE_ACTS.search(step, 0, match.start())
        for match in NAMES_POLICE.finditer(step)
    )


NAMES_PARLIAMENT = lazy_compile(r"\bPLaIT\b|Parliament's (security|Parliamentary Liaison)", re.I)
DEVICE_AT_RISK = lazy_compile(r"\b(malware|infected|attachment)", re.I)
STOPS_USING_DEVICE = lazy_compile(r"\b(stop using|do not use|don't use|disconnect)", re.I)
OTHER_DEVICE = lazy_compile(
    r"\b(another|a different|a clean|a safe|that safe) (device|phone|computer)|device you know is safe", re.I
)
# "change the password", "change its password", "If a password was typed in, change it now": one sentence.
# Also "reset the password", "set a new password", "update your password" (a maintainer review).
CHANGES_PASSWORD = lazy_compile(
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


def _first(steps: Sequence[str], pattern: re.Pattern | Callable[[str], bool]) -> int | None:
    test = pattern.search if isinstance(pattern, re.Pattern) else pattern
    return next((number for number, step in enumerate(steps, start=1) if test(step)), None)


def says_to(pattern: re.Pattern, step: str) -> bool:
    """Whether the step says to do what pattern finds, in a clause that does not say not to."""
    for match in pattern.finditer(step):
        clause_start = max((end.end() for end in _CLAUSE_END.finditer(step, 0, match.start())), default=0)
        if not _NEGATED.search(step, clause_start, match.start()):
            return True
    return False


def reports_to_platform(step: str) -> bool:
    """A report to the platform, or a takedown asked of it."""
    return bool(REPORTS_TO_PLATFORM.search(step)) or says_to(ASKS_FOR_TAKEDOWN, step)


def _takes_out_of_sight(verbs: str, what: str) -> bool:
    if _ALWAYS_AN_ACCOUNT.search(verbs):
        return not _NOT_AN_ACCOUNT.match(what)
    what = _FROM_WHERE.sub("", what)
    return bool(_A_POST_OR_ACCOUNT.search(what)) and not _DATA_ABOUT_IT.search(what)


def hides_the_evidence(step: str) -> bool:
    """An instruction to block, mute or restrict, or to hide, delete or remove a post or an account."""
    earlier: list[tuple[int, bool]] = []  # each action before, where it starts and whether it was an instruction
    for action in ACTIONS.finditer(step):
        sentence = max((end.end() for end in _CLAUSE_END.finditer(step, 0, action.start())), default=0)
        opening = _STARTS_AN_INSTRUCTION.search(step, 0, action.start())
        before = [was for start, was in earlier if start >= sentence]
        instruction = bool(opening) and not (opening["joined"] and before and not before[-1])
        if instruction and _takes_out_of_sight(action["verbs"], action["object"]):
            return True
        earlier.append((action.start(), instruction))
    return False


def order_problems(steps: Sequence[str], crisis: bool = False) -> list[Unsafe]:
    """What is out of safe order in one numbered list of steps (each step's words), as sentences
    naming the step numbers; empty when the order is safe. crisis: a list for when something is
    happening (data/first-hour.yml), where a step that removes, hides or blocks needs a step
    before it that keeps the evidence, even if the list has none."""
    problems = []
    evidence = _first(steps, KEEPS_EVIDENCE)
    platform = _first(steps, reports_to_platform)
    hides = _first(steps, hides_the_evidence)
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
    # A list with no step that keeps the evidence (a preparation checklist, the ground rules for
    # comments) has no evidence to lose by hiding: this rule orders the two. A report to the
    # platform in such a list is still caught above. A crisis list always has evidence to lose:
    # one that blocks with no evidence step (or one worded so this reading misses it) is caught.
    if hides and (evidence > hides if evidence else crisis) and hides != platform:
        problems.append(
            Unsafe(f"step {hides} removes, hides or blocks something before any step keeps the evidence", hides)
        )
    if police_101 and evidence and evidence > police_101:
        problems.append(
            Unsafe(
                f"step {police_101} reports to the police on 101 before step {evidence} keeps the evidence", police_101
            )
        )
    for name, names in (("the police", names_police), ("Parliament's security route", NAMES_PARLIAMENT.search)):
        later = [number for number, step in enumerate(steps, start=1) if platform and number > platform and names(step)]
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
