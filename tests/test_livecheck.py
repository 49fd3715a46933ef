"""The live link checker, proven against a local HTTP server on 127.0.0.1 (no test reaches the internet).

`127.0.0.1` stands for an ordinary website; `localhost` (the same server) stands for a host with
a per-host rule, the way linkedin.com or facebook.com has one in data/linkcheck-hosts.yml.
"""

from __future__ import annotations

import datetime
import http.server
import json
import threading
import time
from pathlib import Path

import pytest
import yaml

from saferpolitics.maintenance import livecheck
from saferpolitics.maintenance.livecheck import HostRule, Rules, Settings, check_url, parse_rules, write_checked
from saferpolitics.markdown_stage.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
SLOW_SECONDS = 1.5
SETTINGS = Settings(timeout=0.5, retries=1, backoff=0.01, workers=4)

# path -> (status, Location or None); HEAD gets the same answer unless listed in HEAD_ANSWERS.
ANSWERS = {
    "/ok": (200, None),
    "/moved": (301, "/ok"),
    "/moved-gone": (301, "/gone"),
    "/gone": (404, None),
    "/removed": (410, None),
    "/error": (500, None),
    "/blocked": (999, None),
    "/busy": (429, None),
    "/shared-doc": (302, "/ServiceLogin?continue=%2Fshared-doc"),
    "/ServiceLogin": (200, None),
    "/head-refused": (200, None),
    "/slow": (200, None),
    "/challenge": (403, None),
    "/loop": (302, "/loop"),  # back to itself
    "/loop-a": (301, "/loop-b"),  # round two addresses
    "/loop-b": (302, "/loop-a"),
}
HEAD_ANSWERS = {"/head-refused": (405, None)}


class _Site(http.server.BaseHTTPRequestHandler):
    requests: list[tuple[str, str]] = []

    def _answer(self, method: str) -> None:
        path = self.path.split("?")[0]
        type(self).requests.append((method, path))
        if path == "/slow" or path.startswith("/slow/"):
            time.sleep(SLOW_SECONDS)
        if path == "/to-other-host":  # like support.google.com bouncing through consent.google.com
            status, location = 302, f"http://127.0.0.1:{self.server.server_port}/ok"
        else:
            status, location = (HEAD_ANSWERS if method == "HEAD" else {}).get(path) or ANSWERS.get(path, (404, None))
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            if path == "/challenge":  # how Cloudflare marks a bot challenge
                self.send_header("cf-mitigated", "challenge")
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up on the slow answer, as it should

    def do_GET(self):
        self._answer("GET")

    def do_HEAD(self):
        self._answer("HEAD")

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@pytest.fixture(scope="module")
def port():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()


RULES = Rules(
    hosts=(HostRule(match=("localhost",), reason="Blocks robots.", human_only=True),),
    login_hosts=("accounts.google.com",),
    login_path_segments=("servicelogin", "login"),
)


def check(port: int, path: str, host: str = "127.0.0.1", rules: Rules = RULES):
    return check_url("example", f"http://{host}:{port}{path}", rules, SETTINGS)


@pytest.mark.parametrize(
    ("path", "outcome", "status"),
    [
        ("/ok", "ok", 200),
        ("/moved", "redirected", 200),
        ("/moved-gone", "broken", 404),
        ("/gone", "broken", 404),
        ("/removed", "broken", 410),
        ("/error", "unreachable", 500),
        ("/blocked", "needs-human-check", 999),
        ("/busy", "needs-human-check", 429),
        ("/shared-doc", "no-longer-public", 200),
        ("/slow", "unreachable", None),
        ("/head-refused", "ok", 200),
        ("/challenge", "needs-human-check", 403),
        ("/loop", "broken", 302),
        ("/loop-a", "broken", 301),
    ],
)
def test_each_answer_is_classified(port, path, outcome, status):
    result = check(port, path)
    assert (result.outcome, result.status) == (outcome, status), result


def test_redirects_report_their_final_address(port):
    assert check(port, "/moved").final_url == f"http://127.0.0.1:{port}/ok"
    gone = check(port, "/moved-gone")
    assert gone.final_url == f"http://127.0.0.1:{port}/gone" and "Final address" in gone.detail
    assert "sign-in page" in check(port, "/shared-doc").detail
    assert check(port, "/ok").final_url is None


def test_a_redirect_loop_is_broken_and_says_so(port):
    """A reader's browser stops with "too many redirects": the link is broken, not one to check by hand."""
    for path in ("/loop", "/loop-a"):
        result = check(port, path)
        assert "redirects in a loop" in result.detail, result


def test_slow_answers_time_out_and_are_retried(port):
    _Site.requests.clear()
    result = check(port, "/slow")
    assert "Timed out after 0.5 s" in result.detail
    assert _Site.requests.count(("HEAD", "/slow")) == SETTINGS.retries + 1


def test_get_is_used_where_head_is_refused(port):
    _Site.requests.clear()
    check(port, "/head-refused")
    assert _Site.requests == [("HEAD", "/head-refused"), ("GET", "/head-refused")]


def test_server_errors_and_rate_limits_are_retried(port):
    _Site.requests.clear()
    check(port, "/error")
    assert _Site.requests.count(("GET", "/error")) == SETTINGS.retries + 1


@pytest.mark.parametrize("path", ["/ok", "/gone", "/blocked", "/busy", "/shared-doc", "/moved"])
def test_hosts_with_a_rule_always_need_a_human_never_ok_or_broken(port, path):
    result = check(port, path, host="localhost")
    assert result.outcome == "needs-human-check" and "Blocks robots." in result.detail


def test_rules_by_status_and_by_redirect_host(port):
    rules = Rules(
        hosts=(
            HostRule(
                match=("localhost",),
                reason="Consent page.",
                human_redirect_hosts=("127.0.0.1",),
                human_statuses=frozenset({999}),
            ),
        )
    )
    assert check(port, "/to-other-host", host="localhost", rules=rules).outcome == "needs-human-check"
    assert check(port, "/blocked", host="localhost", rules=rules).outcome == "needs-human-check"
    assert check(port, "/gone", host="localhost", rules=rules).outcome == "broken"
    assert check(port, "/ok", host="localhost", rules=rules).outcome == "ok"


def test_get_only_hosts_skip_head(port):
    _Site.requests.clear()
    rules = Rules(hosts=(HostRule(match=("localhost",), reason="No HEAD.", get_only=True),))
    assert check(port, "/ok", host="localhost", rules=rules).outcome == "ok"
    assert _Site.requests == [("GET", "/ok")]


def test_the_real_host_rules_file_is_valid_and_covers_the_known_blockers():
    rules, problems = parse_rules(
        (ROOT / "data/linkcheck-hosts.yml").read_text(encoding="utf-8"), "data/linkcheck-hosts.yml"
    )
    assert problems == []
    for host in ("www.linkedin.com", "www.facebook.com", "faq.whatsapp.com", "help.x.com", "www.tiktok.com"):
        assert rules.for_host(host).human_only, host
    assert rules.for_host("report.ncsc.gov.uk").get_only
    assert rules.for_host("www.ncsc.gov.uk") is None
    assert rules.is_login_page("https://accounts.google.com/v3/signin/identifier")
    _, problems = parse_rules("hosts:\n  - match: [a.example]\n    colour: red\n", "rules.yml")
    assert sorted((p.file, p.line, p.message) for p in problems) == [
        ("rules.yml", 2, "hosts > item 1: field 'reason' is missing"),
        (
            "rules.yml",
            2,
            "hosts > item 1: this rule changes nothing: it needs human_only, human_statuses, "
            "human_redirect_hosts or get_only",
        ),
        ("rules.yml", 3, "hosts > item 1: unknown field 'colour'"),
    ]
    assert all(p.hint for p in problems)


RULE = "  - match: [{host}]\n    reason: Blocks robots.\n    human_only: true\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A host an earlier rule matches (itself or a parent domain): the first match wins, so its own
        # rule never applies.
        (
            "hosts:\n" + RULE.format(host="google.com") + RULE.format(host="example.org, support.google.com"),
            (
                5,
                "host 'support.google.com' is already matched by the rule on line 2, so this rule never applies to it",
                "merge the two rules",
            ),
        ),
        # A look-alike host written as a browser encodes it (the schema's pattern refuses other letters).
        (
            "hosts:\n" + RULE.format(host="xn--lnkedin-1ng.com"),
            (2, "host 'xn--lnkedin-1ng.com' has the encoded label 'xn--lnkedin-1ng'", "type the address by hand"),
        ),
        (
            "hosts:\n" + RULE.format(host="l\u0456nkedin.com"),
            (2, "hosts > item 1 > match > item 1: 'l\u0456nkedin.com' is not a host name", "in lower case"),
        ),
        (
            "login_walls: {hosts: [accounts.google.com], path_segments: [/signin/]}\n",
            (1, "login_walls > path_segments > item 1: '/signin/' is not one part of a path", "no slashes"),
        ),
        (
            "hosts:\n  - match: [a.example]\n    reason: Slow.\n",
            (2, "hosts > item 1: this rule changes nothing", "say how the checker should treat these hosts"),
        ),
        (
            "hosts:\n  - match: [a.example]\n    reason: Slow.\n    human_statuses: [403, 4030]\n",
            (4, "hosts > item 1 > human_statuses > item 2: 4030 is greater than the maximum of 999", ""),
        ),
    ],
)
def test_host_rule_mistakes_name_their_line_and_a_fix(text, expected):
    _, problems = parse_rules(text, "data/linkcheck-hosts.yml")
    line, message, hint = expected
    [problem] = problems
    assert (problem.file, problem.line) == ("data/linkcheck-hosts.yml", line) and problem.message.startswith(message), (
        problem
    )
    assert hint in problem.hint and problem.hint, problem


REGISTRY = """\
# Test registry: comments and layout must survive --write-checked.
- id: works
  url: http://127.0.0.1:{port}/ok
  title: Works
  publisher: Test
  category: charity
  description: A page that works.
  checked: {{date: 2026-01-01, outcome: "desk-research: ok"}}  # keep this comment

- id: gone
  url: http://127.0.0.1:{port}/moved-gone
  title: Gone
  publisher: Test
  category: charity
  description: A page that moved and then vanished.
  checked:
    date: 2026-01-01
    outcome: "desk-research: unverified"

- id: blocked
  url: http://localhost:{port}/blocked
  title: Blocked
  publisher: Test
  category: tool
  description: A site that blocks robots.
  checked: {{date: 2026-01-01, outcome: "desk-research: ok"}}

- id: email-someone
  email: someone.mp@parliament.uk
  title: Someone MP
  publisher: UK Parliament
  category: parliament
  description: A contact, never requested.
  checked: {{date: 2026-01-01, outcome: "desk-research: unverified"}}
"""

HOST_RULES = """\
login_walls: {hosts: [accounts.google.com], path_segments: [servicelogin]}
hosts:
  - match: [localhost]
    reason: Blocks robots.
    human_only: true
"""


@pytest.fixture
def run_cli(port, tmp_path):
    registry = tmp_path / "links.yml"
    registry.write_text(REGISTRY.format(port=port), encoding="utf-8")
    rules = tmp_path / "hosts.yml"
    rules.write_text(HOST_RULES, encoding="utf-8")

    def run(*extra: str) -> int:
        return livecheck.main(
            [
                "--registry",
                str(registry),
                "--host-rules",
                str(rules),
                "--report-dir",
                str(tmp_path / "reports"),
                "--timeout",
                "0.5",
                "--retries",
                "1",
                "--backoff",
                "0.01",
                "--allow-http",
                *extra,
            ]
        )

    return run, registry, tmp_path / "reports"


def test_cli_writes_grouped_reports_and_fails_only_for_broken_links(run_cli, capsys):
    run, _, reports = run_cli
    _Site.requests.clear()
    assert run() == 1
    data = json.loads((reports / "linkcheck.json").read_text())
    assert data["summary"]["ok"] == 1 and data["summary"]["broken"] == 1 and data["summary"]["needs-human-check"] == 1
    assert data["failing"] == 1 and data["not_checked"] == ["email-someone"]
    assert data["results"]["broken"][0]["final_url"].endswith("/gone")
    report = (reports / "linkcheck.md").read_text()
    assert report.index("## Broken (1)") < report.index("## Needs a human check (1)") < report.index("## OK (1)")
    assert "someone.mp@parliament.uk" in report and "1 link(s) to fix now" in report
    assert not any("parliament" in path for _, path in _Site.requests)
    assert "broken: 1" in capsys.readouterr().out


def test_cli_exit_status_is_zero_when_nothing_is_definitely_broken(run_cli):
    run, registry, _ = run_cli
    registry.write_text(registry.read_text().replace("/moved-gone", "/moved"), encoding="utf-8")
    assert run() == 0


def test_write_checked_updates_only_dates_and_outcomes(run_cli):
    run, registry, _ = run_cli
    before = registry.read_text()
    run("--write-checked")
    after = registry.read_text()
    today = datetime.date.today().isoformat()
    assert f'  checked: {{date: {today}, outcome: "ok"}}  # keep this comment' in after
    assert f'    date: {today}\n    outcome: "broken"' in after
    assert 'outcome: "needs-human-check"' in after
    assert 'checked: {date: 2026-01-01, outcome: "desk-research: unverified"}' in after  # contact untouched
    assert before.splitlines()[0] == after.splitlines()[0] and len(before.splitlines()) == len(after.splitlines())
    _, problems = load_registry(registry, allow_http=True)
    assert problems == []


def test_write_checked_is_a_pure_text_edit():
    text = REGISTRY.format(port=1)
    results = [livecheck.Result("works", "http://127.0.0.1:1/ok", "redirected")]
    edited = write_checked(text, results, datetime.date(2027, 1, 2))
    assert edited == text.replace(
        '{date: 2026-01-01, outcome: "desk-research: ok"}  # keep',
        '{date: 2027-01-02, outcome: "redirected"}  # keep',
        1,
    )


def test_an_invalid_registry_stops_the_check_before_any_request(run_cli, capsys):
    run, registry, _ = run_cli
    registry.write_text(registry.read_text().replace("category: tool", "category: tools"), encoding="utf-8")
    _Site.requests.clear()
    assert run() == 2
    assert "did you mean 'tool'" in capsys.readouterr().err and _Site.requests == []


def test_the_weekly_workflow_runs_the_documented_command_and_reports():
    workflow = yaml.safe_load((ROOT / ".github/workflows/linkcheck.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    steps = workflow["jobs"]["linkcheck"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "make site" in runs and "make linkcheck" in runs
    assert any("upload-artifact" in step.get("uses", "") and step["with"]["path"] == "reports/" for step in steps)
    issue_step = next(step for step in steps if "github-script" in step.get("uses", ""))
    assert "issues.create" in issue_step["with"]["script"] and "issues.update" in issue_step["with"]["script"]
    assert workflow["jobs"]["linkcheck"]["permissions"]["issues"] == "write"


def test_a_run_that_reaches_nothing_does_not_pass(run_cli, capsys):
    run, registry, _ = run_cli
    # The server answers /slow/... too late for every entry: as if this machine were offline.
    text = registry.read_text()
    registry.write_text(
        text.replace("/ok", "/slow/1").replace("/moved-gone", "/slow/2").replace("/blocked", "/slow/3"),
        encoding="utf-8",
    )
    assert run() == 2
    assert "is this machine online?" in capsys.readouterr().err
