"""The safe-order rules (CONTRIBUTING.md, "Safe order") on lists of steps as a reader reads them:
each unsafe order the toolkit once published is caught, and the build stops on one with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from saferpolitics.markdown_stage.checklists import parse_checklists
from saferpolitics.markdown_stage.first_hour import parse_first_hour
from saferpolitics.markdown_stage.protocol import parse_template
from saferpolitics.markdown_stage.registry import load_registry
from saferpolitics.markdown_stage.safe_order import order_problems

ROOT = Path(__file__).resolve().parents[2]

# The orders published on 5 December 2026, word for word where it matters (issue 33).
OPENED_PHISHING_BEFORE = [
    "If a password was typed in, change it now on the real site (type the address yourself), and on any other "
    "account that used the same password.",
    "Switch on 2-step verification if it is not on already.",
    "Check the email account for mail forwarding you did not set up, and switch it off.",
    "If an attachment was opened, disconnect the device from the internet and tell whoever looks after your "
    "office's IT before you use it again: it may have installed malware.",
    "Tell your colleagues, and warn them not to open the same message.",
]
HARASSMENT_BEFORE = [
    "Tell the police. See When to go to the police.",
    "Tell your colleagues.",
    "Report it to the platform. See Report to the platform for each platform's reporting and safety help.",
    "Keep the evidence, as set out below.",
]
THREAT_BEFORE = [
    "If anyone is in immediate danger, call 999. Otherwise call 101 or report it on police.uk.",
    "Tell your colleagues and your MP or candidate now.",
    "Keep the evidence before it disappears. Screenshot the post or message and the account's bio page.",
    "Report the post or account to the platform: see Report to the platform.",
    "Tell your force elected-official adviser (FEOA).",
    "If you work for an MP, report the threat to Parliament's Parliamentary Liaison and Investigation Team (PLaIT).",
]

# The deepfake list published on 7 December 2026: 999 only at step 3, after the evidence.
DEEPFAKE_BEFORE = [
    "Tell your MP or candidate and a colleague. Ask the colleague to help with the next steps.",
    "Keep the evidence. Save or screenshot the fake and the profile page of the account that posted it.",
    "If it comes with a threat, or it is a sexual image, call the police: 999 if it is immediate, otherwise 101.",
    "Report it to the platform under its rule on manipulated media, impersonation or privacy.",
]


@pytest.mark.parametrize(
    "steps, expected",
    [
        (
            OPENED_PHISHING_BEFORE,
            [
                "step 1 changes a password before any step stops using a device that may be infected",
                "step 1 changes a password without saying to use another device",
            ],
        ),
        (HARASSMENT_BEFORE, ["step 3 reports to the platform before any step keeps the evidence"]),
        (
            THREAT_BEFORE,
            [
                "step 1 reports to the police on 101 before step 3 keeps the evidence",
                "step 4 reports to the platform before step 6 names Parliament's security route",
            ],
        ),
        (
            DEEPFAKE_BEFORE,
            ["step 3 is the first to say to call 999 in immediate danger, after step 2 keeps the evidence"],
        ),
    ],
)
def test_each_unsafe_order_once_published_is_caught(steps, expected):
    assert order_problems(steps) == expected


def test_safe_orders_pass():
    assert (
        order_problems(
            [
                "Stop using the device and disconnect it. Malware may capture what you type.",
                "Get it checked.",
                "From another device, change the password you typed in.",
            ]
        )
        == []
    )
    assert (
        order_problems(
            [
                "Check everyone is safe: call 999.",
                "Screenshot each post and the profile page.",
                "Call 101 and tell Parliament's PLaIT.",
                "Then report it to the platform.",
            ]
        )
        == []
    )
    # Lists that name no device at risk may change passwords; lists without a platform report
    # have nothing to order against the police.
    assert order_problems(["Change every password they knew."]) == []
    assert order_problems(["Call 999 now.", "Tell your colleagues."]) == []
    # A 999 that is not for immediate danger (a self-review found these flagged): a wellbeing step
    # after the evidence, a doorstep in a preparation checklist.
    assert order_problems(["Screenshot the posts.", "Take a break. If your life is at risk, call 999."]) == []
    assert (
        order_problems(["Keep an evidence log of anyone who behaves oddly.", "If anyone threatens you, call 999."])
        == []
    )


@pytest.mark.parametrize(
    "password", ["**Reset the password you typed in, straight away.**", "Set a new password.", "Update your password."]
)
def test_a_password_changed_in_other_words_is_still_changed_after_stopping_the_device(password):
    """A maintainer review: "Reset the password" before "Stop using the device" built."""
    steps = [password, "Stop using the device: it may have malware. Use another device."]
    assert "step 1 changes a password before any step stops using a device that may be infected" in order_problems(
        steps
    )


def test_a_platform_report_with_no_evidence_step_is_caught():
    assert order_problems(["Report each post to the platform."]) == [
        "step 1 reports to the platform before any step keeps the evidence"
    ]


@pytest.mark.parametrize(
    "report",
    [
        "**Report each abusive post to X, Instagram or TikTok.**",
        "Report the account to Facebook.",
        "Use the report button on each post.",
        "Use Instagram's report form.",
        "Reporting it on TikTok is quick.",
        # A second maintainer review: these built too.
        "**Report each post in the app straight away.**",
        "Flag the post to Instagram.",
        "Report it through Meta's form.",
        "Ask the platform to take the post down.",
        "In the app, report the fake profile.",  # the wording the build's own hint suggests
    ],
)
def test_a_report_to_a_platform_by_name_or_by_its_button_is_a_report_to_the_platform(report):
    """A maintainer review: a step reporting to "X, Instagram or TikTok" before the evidence built."""
    assert order_problems([report, "Keep the evidence: screenshot each post."]) == [
        "step 1 reports to the platform before any step keeps the evidence"
    ]
    # "x" is no platform, nor is Report Fraud, nor a report said not to go to one (a self-review).
    assert order_problems(["Report it to Report Fraud, box x.", "Screenshot it."]) == []
    safe = ["Screenshot each post.", "Report a threat to the police on 101, not to X first.", "Tell PLaIT too."]
    assert order_problems([*safe, "Then report it to the platform."]) == []
    assert order_problems(["Report Fraud's report tool asks for the evidence.", "Screenshot it."]) == []
    # Not reports (a self-review found the wider patterns taking them for one).
    for not_a_report in (
        "Do not wait for the platform to take it down: call 999 if anyone is in immediate danger.",
        "The platform may take days to respond, so write down the time.",
        "Do not flag it in the app yet.",
    ):
        assert order_problems([not_a_report, "Screenshot it."]) == [], not_a_report


def deepfake_steps() -> list[str]:
    """The deepfake list's steps as data/first-hour.yml has them (step 3 keeps the evidence)."""
    data = yaml.safe_load((ROOT / "data" / "first-hour.yml").read_text(encoding="utf-8"))
    return [step["step"] for step in data["lists"]["deepfake"]["steps"]]


@pytest.mark.parametrize(
    "step, expected",
    [
        # A maintainer review (audit16): each built, inserted before "Keep the evidence".
        ("Ask the platform to remove it straight away.", "reports to the platform"),
        ("Request a takedown from the site straight away.", "reports to the platform"),
        ("Get the video taken down on YouTube straight away.", "reports to the platform"),
        ("Ask X to take the post down straight away.", "reports to the platform"),
        ("Block the account straight away.", "removes, hides or blocks something"),
        # The office's own actions that take the evidence out of sight.
        ("**Mute the account** for now.", "removes, hides or blocks something"),
        ("Restrict the account.", "removes, hides or blocks something"),
        ("**Hide, delete or block** in line with your protocol.", "removes, hides or blocks something"),
        ("Delete the comments.", "removes, hides or blocks something"),
        ("If it is abusive, remove the post.", "removes, hides or blocks something"),
        ("Then block them.", "removes, hides or blocks something"),
        ("Tell a colleague and block the account.", "removes, hides or blocks something"),
        ("Delete the post and block the account.", "removes, hides or blocks something"),
        ("Have the post taken down on TikTok.", "reports to the platform"),
        ("Then take the post down.", "reports to the platform"),
        # Removing a post before the evidence in a crisis list, even the office's own pinned post
        # (in a preparation checklist, with no evidence step, it passes: see below).
        ("Turn off comments, then remove the pinned post.", "removes, hides or blocks something"),
    ],
)
def test_a_takedown_block_or_removal_before_the_evidence_is_caught(step, expected):
    """Police advice is to "take screen grabs ... and then block them": a post taken down, hidden
    or deleted, or an account blocked, can no longer be captured."""
    steps = deepfake_steps()
    steps.insert(2, step)
    assert order_problems(steps)[0] == f"step 3 {expected} before any step keeps the evidence"
    # After the evidence, the same step is in a safe order.
    steps = deepfake_steps()
    steps.insert(3, step)
    assert [p for p in order_problems(steps) if "evidence" in p] == []


@pytest.mark.parametrize(
    "steps",
    [
        # Told not to, in the evidence step or before it.
        ["Tell a colleague.", "Keep the evidence. Do not delete anything, and do not block yet.", "Block the account."],
        ["Do not delete anything or block anyone yet.", "Screenshot each post.", "Then block them."],
        ["Don't block them yet.", "Screenshot it."],
        ["Do not wait for the platform to take it down: call 999 if anyone is in immediate danger.", "Screenshot it."],
        # Preparation checklists' steps, with no evidence to keep: a person's access, a recovery
        # address, a title, a home address online, who moderates.
        ["Remove their access before their last day.", "Check recovery settings: remove their email address."],
        ['Remove "MP" from the handles, bios and profile names of every account.'],
        ["Search online for your candidate's home address and remove what you can."],
        ["Decide who hides, deletes, blocks and reports comments that break the rules."],
        ["Publish the ground rules. You can point to them when you remove a comment or block an account."],
        ["Take a deep breath and sit down.", "Screenshot it."],
        # A self-review (self16) found each of these stopping the build. Told not to, or not yet,
        # with several verbs: the "not" is read back across all of them.
        ["Don't block, mute or delete anything yet.", "Screenshot each post."],
        ["Tell the team not to delete, hide or block anything yet.", "Screenshot each post."],
        ["Wait before you block, mute or restrict anyone.", "Screenshot each post."],
        # Not an account blocked or restricted, nor a post removed, even before the evidence: time,
        # a setting, a photo's location data, who moderates.
        ["Stay calm. Block out time to deal with this.", "Screenshot each post."],
        ["Restrict who can reply to your posts.", "Screenshot each post."],
        ["Limit replies: restrict who can comment on new posts.", "Screenshot each post."],
        ["Remove location data from photos before you post them.", "Screenshot each post."],
        ["Decide who will block accounts and hide comments.", "Screenshot each post."],
        # Not reports to the platform: what it may do, and a question about what it did.
        ["The platform may take it down before you capture it, so act quickly.", "Screenshot it."],
        ["Ask the platform why they did not remove it.", "Screenshot it."],
        ["If you have taken the post down, tell the team.", "Screenshot it."],
        ["Ask a colleague to check if it has been taken down.", "Screenshot it."],
        # A preparation checklist, with no evidence step, has no evidence to lose by hiding.
        [
            "Restrict who can reply to your posts.",
            "Limit replies: restrict who can comment on new posts.",
            "Remove location data from photos before you post them.",
            "Decide who will block accounts and hide comments.",
            "Turn off comments, then remove the pinned post.",
        ],
        # The toolkit's community guidelines, as an office might type them into its protocol: what
        # the moderators will do is no instruction, and the list keeps no evidence.
        [
            "Comments expressing any of the following will be removed and reported by our moderators.",
            "Our moderators will decide which comments break these guidelines, and will hide and delete any "
            "comments that do, as well as block any users who do not follow the guidelines.",
            "To keep comment moderation manageable for our moderators, we will limit the public reply and comment "
            "functions on some posts.",
            "We may also report harassment and malicious communication to the police if needed.",
        ],
    ],
)
def test_no_false_alarm_for_a_removal_said_not_to_do_or_of_no_evidence(steps):
    assert order_problems(steps) == []


@pytest.fixture(scope="module")
def inputs():
    registry, _ = load_registry(ROOT / "data" / "links.yml", ROOT)
    template, _ = parse_template((ROOT / "data" / "protocol-template.yml").read_text(encoding="utf-8"))
    return registry, {f.id for f in template.fields}


def test_every_list_in_the_data_file_is_in_a_safe_order(inputs):
    _, problems = parse_first_hour((ROOT / "data" / "first-hour.yml").read_text(encoding="utf-8"), *inputs)
    assert problems == []


def test_the_build_stops_on_a_list_in_an_unsafe_order_naming_its_line(inputs):
    text = (ROOT / "data" / "first-hour.yml").read_text(encoding="utf-8")
    unsafe = text.replace(
        "  abuse:\n    sources:",
        "  unsafe:\n    sources: [report-fraud]\n    steps:\n"
        '      - step: "**Tell a colleague.**"\n'
        '      - step: "**Report each post to the platform.**"\n'
        '      - step: "**Screenshot each post.**"\n'
        "  abuse:\n    sources:",
    )
    line = unsafe.splitlines().index("  unsafe:") + 5  # the step to move, the second (a maintainer review)
    first_hour, problems = parse_first_hour(unsafe, *inputs)
    assert first_hour is None
    assert [(p.file, p.line) for p in problems] == [("data/first-hour.yml", line)]
    assert (
        "list `unsafe` is not in a safe order: step 2 reports to the platform before any step keeps the evidence"
        in problems[0].message
    )
    assert "Safe order" in problems[0].hint and "CONTRIBUTING.md" in problems[0].hint


def test_the_build_stops_on_a_checklist_in_an_unsafe_order_naming_its_line():
    # The order the "When abuse happens" checklist had: 101 before any screenshot.
    text = (ROOT / "data" / "checklists.yml").read_text(encoding="utf-8")
    unsafe = text.replace(
        "- id: when-abuse-happens\n",
        "- id: unsafe\n  title: Unsafe\n  items:\n"
        "    - id: call-101\n      text: If you feel threatened, call 101.\n"
        "    - id: screenshot\n      text: Take screenshots of each post.\n"
        "- id: when-abuse-happens\n",
    )
    line = unsafe.splitlines().index("    - id: call-101") + 1  # the item to move
    _, problems = parse_checklists(unsafe)
    assert [(p.file, p.line, p.message) for p in problems] == [
        (
            "data/checklists.yml",
            line,
            "checklist `unsafe` is not in a safe order: step 1 reports to the police on 101 before step 2 keeps "
            "the evidence",
        )
    ]
    assert "Safe order" in problems[0].hint


def test_every_checklist_and_every_list_in_the_protocol_template_is_in_a_safe_order():
    assert parse_checklists((ROOT / "data" / "checklists.yml").read_text(encoding="utf-8"))[1] == []
    assert parse_template((ROOT / "data" / "protocol-template.yml").read_text(encoding="utf-8"))[1] == []


def test_the_build_stops_on_a_protocol_list_in_an_unsafe_order_naming_its_first_line():
    # The order the template's "When abuse happens" had: the platform before the police decision.
    text = (ROOT / "data" / "protocol-template.yml").read_text(encoding="utf-8")
    unsafe = text.replace(
        "  ### Events and canvassing\n",
        "  ### Unsafe\n\n  1. Screenshot each post.\n  2. Report each post to the platform.\n"
        "  3. Decide whether to report to the police.\n\n  ### Events and canvassing\n",
    )
    line = unsafe.splitlines().index("  1. Screenshot each post.") + 1
    template, problems = parse_template(unsafe)
    assert template is None
    assert [(p.file, p.line, p.message) for p in problems] == [
        (
            "data/protocol-template.yml",
            line,
            "the template's list is not in a safe order: step 2 reports to the platform before step 3 names the police",
        )
    ]


@pytest.mark.parametrize(
    "steps",
    [
        # A review (self16b): a crisis list that removes first and keeps no evidence built.
        ["**Remove the post** and any replies from the account straight away.", "Tell your MP."],
        # Or keeps it in words the check does not read as evidence.
        ["Block the account straight away.", "Capture the post: save a copy and write down the handle."],
    ],
)
def test_a_crisis_list_that_blocks_with_no_evidence_step_before_it_is_caught(steps):
    assert [unsafe.step for unsafe in order_problems(steps, crisis=True)] == [1]
    assert order_problems(steps) == []  # a preparation checklist's reading


@pytest.mark.parametrize(
    "step, expected",
    [
        # A review (self16b): the old check caught each of these, and the wording that stopped the
        # false alarms above let them build. "If" or "whether" about what the platform will do is
        # still a request; "block out" or "block off" not before a time word, and "block who" not
        # before "can" or "may", are still blocks.
        ("Ask TikTok if they will remove it.", "reports to the platform"),
        ("Ask X if it can take the video down.", "reports to the platform"),
        ("Ask whether the platform can take it down.", "reports to the platform"),
        ("Block who sent it.", "removes, hides or blocks something"),
        ("Block off the account.", "removes, hides or blocks something"),
        ("Block out the abuser.", "removes, hides or blocks something"),
        ("Report it, then take it down.", "reports to the platform"),
    ],
)
def test_a_request_or_block_worded_like_a_false_alarm_is_still_caught(step, expected):
    assert order_problems([step, "Screenshot each post."], crisis=True) == [
        f"step 1 {expected} before any step keeps the evidence"
    ]


@pytest.mark.parametrize(
    "step",
    [
        # What they cannot be taken for: a question about what has happened, time in a diary, a setting.
        "Ask X why the post was removed.",
        "Ask the platform when it was taken down.",
        "Ask the platform whether it has been removed.",
        "Block off the afternoon to deal with this.",
        "Block out half an hour for a break.",
        "Restrict which accounts can reply.",
    ],
)
def test_a_question_about_what_happened_time_or_a_setting_is_no_request_or_block(step):
    assert order_problems([step, "Screenshot each post."], crisis=True) == []


def test_the_police_as_who_acts_is_no_report_to_them_after_the_platform():
    """implB18: "The police may ask for your notes" after a report to the platform failed the
    build as "step 1 reports to the platform before step 3 names the police"."""
    steps = [
        "Screenshot each post.",
        "Report each post to the platform.",
        "Write down who you told and when. The police may ask for your notes.",
        "Police advice is to keep a log.",
    ]
    assert order_problems(steps) == []


@pytest.mark.parametrize(
    "later",
    [
        "Tell the police.",
        "If it is a threat, call the police.",
        "Decide whether to report it to the police.",
        "Contact your police force's elected-official adviser.",
        "Write down who you told. The police may ask for your notes, so call 101.",
        "Report it on police.uk.",
    ],
)
def test_the_police_named_as_where_to_go_after_the_platform_is_still_unsafe(later):
    steps = ["Screenshot each post.", "Report each post to the platform.", later]
    assert order_problems(steps) == ["step 2 reports to the platform before step 3 names the police"]
