"""Live check of every web address in the link registry: `python -m saferpolitics.maintenance.livecheck`.

Checks each registry URL in parallel (HEAD, then GET where HEAD is refused), with timeouts,
retries with backoff and redirects followed, then sorts the results into outcomes:

    broken             404 or 410, directly or after a redirect, or redirects in a loop: fix now (exit status 1)
    no-longer-public   redirected to a sign-in page (an unshared Google Doc): fix now (exit status 1)
    needs-human-check  the host blocks robots or needs a person (rules in data/linkcheck-hosts.yml)
    unreachable        timed out, could not connect or server error after retries: try again later
    redirected         works, at a new address: update the registry to the final address
    ok                 answered 2xx at the registry address

Writes a Markdown report and a JSON report grouped by outcome; `--write-checked` records the
outcome and date in the registry's `checked` fields. Exit status: 0 when nothing is definitely
broken, 1 when something is, 2 when the check could not run (bad registry, or nothing reachable).
Email contacts are never requested.
Standard library only; per-host rules come from a data file so tests can pass their own.
"""

from __future__ import annotations

import argparse
import datetime
import json
import socket
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import yaml

from saferpolitics.core.datafile import Located, compose, entries, load_data_file, plain, read_data_file, schema_for
from saferpolitics.core.problems import Problem
from saferpolitics.markdown_stage.registry import (
    LOOK_ALIKE_HINT,
    Registry,
    host_matches,
    load_registry,
    look_alike_problems,
    schema_choices,
)

# The outcomes the checker writes, each with its report section's heading and meaning, in the
# report's order; the desk-research ones are written by hand (data/schema/links.schema.json).
REPORT_SECTIONS = {
    outcome: (choice["title"], choice["description"])
    for outcome, choice in schema_choices("outcome").items()
    if not outcome.startswith("desk-research: ")
}
FAILING = tuple(outcome for outcome, choice in schema_choices("outcome").items() if choice.get("x-failing"))
RETRY_STATUSES = {429, 500, 502, 503, 504}
USER_AGENT = "Mozilla/5.0 (compatible; SaferPoliticsLinkCheck/1.0; +toolkit link checker)"


class HostRule(NamedTuple):
    match: tuple[str, ...]
    reason: str
    human_only: bool = False
    human_statuses: frozenset[int] = frozenset()
    human_redirect_hosts: tuple[str, ...] = ()
    get_only: bool = False


class Rules(NamedTuple):
    hosts: tuple[HostRule, ...] = ()
    login_hosts: tuple[str, ...] = ()
    login_path_segments: tuple[str, ...] = ()

    def for_host(self, host: str) -> HostRule | None:
        return next((rule for rule in self.hosts if host_matches(host, rule.match)), None)

    def is_login_page(self, url: str) -> bool:
        parts = urlsplit(url)
        segments = {s.lower() for s in parts.path.split("/") if s}
        return host_matches(parts.hostname or "", self.login_hosts) or bool(segments & set(self.login_path_segments))


def parse_rules(text: str, file: str) -> tuple[Rules, list[Problem]]:
    """Rules from the host-rules YAML (its shape is data/schema/linkcheck-hosts.schema.json's),
    and every problem in it."""
    root, problems = load_data_file(text, file, schema_for("linkcheck-hosts"))
    if root is None or problems:
        return Rules(), problems
    problems = _rule_host_problems(root, file)
    if problems:
        return Rules(), problems
    data = plain(root)
    rules = tuple(
        HostRule(
            match=tuple(entry["match"]),
            reason=entry["reason"],
            human_only=entry.get("human_only", False),
            human_statuses=frozenset(entry.get("human_statuses", ())),
            human_redirect_hosts=tuple(entry.get("human_redirect_hosts", ())),
            get_only=entry.get("get_only", False),
        )
        for entry in data.get("hosts", [])
    )
    walls = data.get("login_walls", {})
    return Rules(rules, tuple(walls.get("hosts", ())), tuple(s.lower() for s in walls.get("path_segments", ()))), []


def _rule_host_problems(root: Located, file: str) -> list[Problem]:
    """What the schema cannot see in the host names: a look-alike (an xn-- label) and a host an
    earlier rule already matches, so that its own rule never applies (the first match wins)."""
    problems = []
    rules = entries(root, "hosts")
    hosts = [host for rule in rules for key in ("match", "human_redirect_hosts") for host in entries(rule, key)]
    hosts += entries(root, "login_walls", "hosts")
    for host in hosts:
        problems += [Problem(file, host.line, message, LOOK_ALIKE_HINT) for message in look_alike_problems(host.value)]
    for index, rule in enumerate(rules):
        for host in entries(rule, "match"):
            earlier = next(
                (other for other in rules[:index] if host_matches(host.value, tuple(plain(other)["match"]))), None
            )
            if earlier is not None:
                problems.append(
                    Problem(
                        file,
                        host.line,
                        f"host '{host.value}' is already matched by the rule on line {earlier.line}, so this "
                        "rule never applies to it",
                        "the first rule that matches a host is the only one used: merge the two rules, or "
                        "remove the host from one",
                    )
                )
    return sorted(problems, key=lambda p: p.line or 0)


@dataclass(frozen=True)
class Settings:
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    workers: int = 8


@dataclass(frozen=True)
class Result:
    id: str
    url: str
    outcome: str
    status: int | None = None
    final_url: str | None = None  # set when the address redirected somewhere else
    detail: str = ""


@dataclass
class _Answer:
    status: int | None = None
    final_url: str = ""
    error: str = ""
    headers: dict = field(default_factory=dict)
    redirect_loop: bool = False  # the redirects came back to an address already visited (or never ended)


# How urllib's redirect handler says it gave up: an address visited again, or too many redirects.
_LOOP_MESSAGE = urllib.request.HTTPRedirectHandler.inf_msg


def _request(url: str, method: str, timeout: float) -> _Answer:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if method == "GET":
                response.read(65536)  # enough to finish the exchange; never the whole PDF
            return _Answer(response.status, response.geturl(), headers=dict(response.headers))
    except urllib.error.HTTPError as error:
        loop = 300 <= error.code < 400 and str(error.msg).startswith(_LOOP_MESSAGE)
        return _Answer(error.code, error.geturl() or url, headers=dict(error.headers or {}), redirect_loop=loop)
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
            return _Answer(final_url=url, error=f"timed out after {timeout:g} s")
        return _Answer(final_url=url, error=f"could not connect: {reason}")


def _ask(url: str, method: str, settings: Settings) -> _Answer:
    """One method, retried with backoff while the answer looks temporary."""
    answer = _Answer()
    for attempt in range(settings.retries + 1):
        answer = _request(url, method, settings.timeout)
        if not (answer.error or answer.status in RETRY_STATUSES) or attempt == settings.retries:
            break
        time.sleep(settings.backoff * 2**attempt)
    return answer


def fetch(url: str, rule: HostRule | None, settings: Settings) -> _Answer:
    """HEAD first (cheap); GET when the host refuses HEAD or answers it with an error."""
    if not (rule and rule.get_only):
        answer = _ask(url, "HEAD", settings)
        if answer.error or (answer.status and answer.status < 400):
            return answer
    return _ask(url, "GET", settings)


def classify(link_id: str, url: str, answer: _Answer, rules: Rules) -> Result:
    rule = rules.for_host(urlsplit(url).hostname or "")
    final = answer.final_url or url
    moved = final if final != url else None
    status = answer.status
    where = f" Final address: {final}." if moved else ""

    def result(outcome: str, detail: str) -> Result:
        return Result(link_id, url, outcome, status, moved, detail)

    if answer.error:
        return result("unreachable", f"{answer.error[0].upper()}{answer.error[1:]}.")
    final_host = urlsplit(final).hostname or ""
    if rule and host_matches(final_host, rule.human_redirect_hosts):
        return result("needs-human-check", f"Redirected to {final_host}. {rule.reason}")
    if rules.is_login_page(final) and not rules.is_login_page(url):
        if rule:
            return result("needs-human-check", f"Redirected to a sign-in page ({final}). {rule.reason}")
        return result("no-longer-public", f"Redirected to a sign-in page: {final}")
    if any(k.lower() == "cf-mitigated" and v.lower() == "challenge" for k, v in answer.headers.items()):
        return result("needs-human-check", f"HTTP {status}: the site answered with a bot challenge.{where}")
    if rule and (rule.human_only or status in rule.human_statuses):
        return result("needs-human-check", f"HTTP {status}. {rule.reason}{where}")
    if answer.redirect_loop:  # a reader's browser gives up too ("too many redirects")
        return result("broken", f"HTTP {status}: redirects in a loop, so the page never arrives.{where}")
    if status and 200 <= status < 300:
        return (
            result("redirected", f"HTTP {status} at the final address.{where}")
            if moved
            else result("ok", f"HTTP {status}.")
        )
    if status in (404, 410):
        return result("broken", f"HTTP {status}.{where}")
    if status and 500 <= status < 600:
        return result(
            "unreachable", f"HTTP {status} after {'retries' if status in RETRY_STATUSES else 'one try'}.{where}"
        )
    if status == 429:
        return result("needs-human-check", f"HTTP 429: the site limited our requests.{where}")
    return result("needs-human-check", f"HTTP {status}: the site refused a robot; open it in a browser.{where}")


def check_url(link_id: str, url: str, rules: Rules, settings: Settings) -> Result:
    rule = rules.for_host(urlsplit(url).hostname or "")
    return classify(link_id, url, fetch(url, rule, settings), rules)


def check_registry(registry: Registry, rules: Rules, settings: Settings) -> list[Result]:
    """Every web link in the registry, checked in parallel, in registry order."""
    links = [link for link in registry if not link.is_contact]
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        return list(pool.map(lambda link: check_url(link.id, link.url, rules, settings), links))


def grouped(results: list[Result]) -> dict[str, list[Result]]:
    return {outcome: [r for r in results if r.outcome == outcome] for outcome in REPORT_SECTIONS}


def markdown_report(results: list[Result], registry: Registry, date: datetime.date) -> str:
    groups = grouped(results)
    contacts = [link for link in registry if link.is_contact]
    broken = sum(len(groups[o]) for o in FAILING)
    lines = [
        f"# Link check, {date.isoformat()}",
        "",
        f"Registry: `{registry.file}`. {len(results)} web addresses checked; {len(contacts)} email contacts "
        "not checked.",
        "",
        f"**{broken} link(s) to fix now.**" if broken else "**Nothing is definitely broken.**",
        "",
        "| Outcome | Links | What to do |",
        "| --- | --- | --- |",
        *[f"| {REPORT_SECTIONS[o][0]} | {len(groups[o])} | {REPORT_SECTIONS[o][1]} |" for o in REPORT_SECTIONS],
    ]
    for outcome, (heading, meaning) in REPORT_SECTIONS.items():
        if not groups[outcome]:
            continue
        lines += [
            "",
            f"## {heading} ({len(groups[outcome])})",
            "",
            meaning,
            "",
            "| Id | Address | Result |",
            "| --- | --- | --- |",
        ]
        lines += [f"| `{r.id}` | <{r.url}> | {r.detail.replace('|', '/')} |" for r in groups[outcome]]
    if contacts:
        lines += ["", f"## Contacts, not checked ({len(contacts)})", "", "Email addresses are never requested.", ""]
        lines += [f"- `{link.id}`: {link.email}" for link in contacts]
    return "\n".join(lines) + "\n"


def json_report(results: list[Result], registry: Registry, date: datetime.date) -> str:
    groups = grouped(results)
    return (
        json.dumps(
            {
                "date": date.isoformat(),
                "registry": registry.file,
                "summary": {outcome: len(items) for outcome, items in groups.items()},
                "failing": sum(len(groups[o]) for o in FAILING),
                "results": {outcome: [asdict(r) for r in items] for outcome, items in groups.items()},
                "not_checked": [link.id for link in registry if link.is_contact],
            },
            indent=2,
        )
        + "\n"
    )


def write_checked(text: str, results: list[Result], date: datetime.date) -> str:
    """The registry text with each checked entry's `checked` date and outcome replaced.

    A targeted edit of the two values, so comments, order and layout stay as the maintainer wrote them.
    """
    outcomes = {r.id: r.outcome for r in results}
    edits = []
    # The registry was read without a problem before the check started: this text composes.
    root, _ = compose(text, "data/links.yml")
    for entry in root.value:
        fields = {key.value: value for key, value in entry.value}
        link_id = getattr(fields.get("id"), "value", None)
        checked = fields.get("checked")
        if link_id not in outcomes or not isinstance(checked, yaml.MappingNode):
            continue
        values = {key.value: value for key, value in checked.value}
        for key, new in (("date", date.isoformat()), ("outcome", json.dumps(outcomes[link_id]))):
            if key in values:
                edits.append((values[key].start_mark.index, values[key].end_mark.index, new))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m saferpolitics.maintenance.livecheck", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--registry", default="data/links.yml", help="registry file to check (default: %(default)s)")
    parser.add_argument(
        "--host-rules", default="data/linkcheck-hosts.yml", help="per-host rules (default: %(default)s)"
    )
    parser.add_argument(
        "--report-dir", default="reports", help="where linkcheck.md and linkcheck.json go (default: %(default)s)"
    )
    parser.add_argument(
        "--write-checked", action="store_true", help="record each outcome and today's date in the registry"
    )
    parser.add_argument(
        "--timeout", type=float, default=Settings.timeout, help="seconds per request (default: %(default)s)"
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=Settings.retries,
        help="retries after a timeout or 429/5xx (default: %(default)s)",
    )
    parser.add_argument(
        "--backoff",
        type=float,
        default=Settings.backoff,
        help="seconds before the first retry, doubling (default: %(default)s)",
    )
    parser.add_argument(
        "--workers", type=int, default=Settings.workers, help="requests in parallel (default: %(default)s)"
    )
    parser.add_argument(
        "--allow-http", action="store_true", help="accept http:// addresses (only for testing against a local server)"
    )
    args = parser.parse_args(argv)

    registry, problems = load_registry(args.registry, Path.cwd(), allow_http=args.allow_http)
    text, rule_problems = read_data_file(Path(args.host_rules), args.host_rules)
    rules, found = parse_rules(text, args.host_rules) if text is not None else (Rules(), [])
    rule_problems += found
    if problems or rule_problems:
        print("The link check did not start:", *map(str, problems + rule_problems), sep="\n  ", file=sys.stderr)
        return 2

    settings = Settings(args.timeout, args.retries, args.backoff, args.workers)
    today = datetime.date.today()
    results = check_registry(registry, rules, settings)
    report_dir = Path(args.report_dir)
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "linkcheck.md").write_text(markdown_report(results, registry, today), encoding="utf-8")
    (report_dir / "linkcheck.json").write_text(json_report(results, registry, today), encoding="utf-8")
    if args.write_checked:
        path = Path(args.registry)
        path.write_text(write_checked(path.read_text(encoding="utf-8"), results, today), encoding="utf-8")

    counts = {outcome: len(items) for outcome, items in grouped(results).items()}
    print(
        ", ".join(f"{REPORT_SECTIONS[o][0].lower()}: {n}" for o, n in counts.items()),
        f"-> {report_dir / 'linkcheck.md'}",
    )
    if results and counts["unreachable"] == len(results):
        print("No address could be reached: is this machine online?", file=sys.stderr)
        return 2
    return 1 if any(counts[o] for o in FAILING) else 0


if __name__ == "__main__":
    sys.exit(main())
