"""The link registry (data/links.yml): load it, validate it, and look links up by id.

Every external address the toolkit shows a reader comes from here. Validation collects every
problem (file, line, entry, field, hint) so a maintainer fixes them all in one pass.

Other code uses it like this::

    registry, problems = load_registry(root / "data/links.yml", root)
    raise_problems(problems, "Link registry")      # or report them your own way
    link = registry.get("ncsc-setting-up-2sv")     # None when the id is unknown
    registry.unknown_id_hint("ncsc-2sv")           # "did you mean ..." text for an error
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import yaml

from saferpolitics.core.datafile import located, markup_problems
from saferpolitics.core.problems import Problem, display_path


@dataclass(frozen=True)
class Category:
    label: str  # the text label on a card: category is never shown by colour alone
    heading: str  # the section heading on the Resources page
    domains: tuple[str, ...] = ()  # an address must sit on one of these (or a subdomain); () = any


@dataclass(frozen=True)
class Platform:
    label: str
    domains: tuple[str, ...]


# Order here is the order of the Resources page.
CATEGORIES: dict[str, Category] = {
    "ncsc": Category("NCSC", "National Cyber Security Centre (NCSC)", ("ncsc.gov.uk",)),
    "police": Category("Police", "Police", ("police.uk",)),
    "government": Category("Government", "Government", ("gov.uk",)),
    # Independent regulators and public bodies with their own domains (several are not on gov.uk).
    # Each body is listed by its own domain, so a look-alike address still fails the check.
    "official": Category("Regulator or public body", "Regulators and public bodies", (
        "ofcom.org.uk",               # Ofcom, the online safety regulator
        "ico.org.uk",                 # Information Commissioner's Office
        "electoralcommission.org.uk",  # Electoral Commission
        "ipsaonline.org.uk",          # Independent Parliamentary Standards Authority
        "npsa.gov.uk",                # National Protective Security Authority
        "cps.gov.uk",                 # Crown Prosecution Service (England and Wales)
        "ppsni.gov.uk",               # Public Prosecution Service for Northern Ireland
        "protectuk.police.uk",        # ProtectUK (Counter Terrorism Policing)
    )),
    "platform": Category("Platform", "Social media platforms"),
    "charity": Category("Charity", "Charities and support organisations"),
    "tool": Category("Tool", "Tools"),
    # UK Parliament's own pages and contacts (www, committees, publications ... .parliament.uk).
    "parliament": Category("Parliament", "UK Parliament", ("parliament.uk",)),
}

PLATFORMS: dict[str, Platform] = {
    "meta": Platform("Facebook and Instagram (Meta)", ("meta.com", "facebook.com", "instagram.com")),
    "whatsapp": Platform("WhatsApp", ("whatsapp.com",)),
    "linkedin": Platform("LinkedIn", ("linkedin.com",)),
    "tiktok": Platform("TikTok", ("tiktok.com",)),
    "x": Platform("X (formerly Twitter)", ("x.com",)),
    "youtube": Platform("YouTube", ("youtube.com", "support.google.com")),
}

DESK_RESEARCH_OUTCOMES = ("ok", "moved", "likely-moved", "unverified", "at-risk")
# What the live checker (saferpolitics.maintenance.livecheck) can write into `checked.outcome`.
LIVE_OUTCOMES = ("ok", "redirected", "needs-human-check", "no-longer-public", "broken", "unreachable")
OUTCOMES = LIVE_OUTCOMES + tuple(f"desk-research: {o}" for o in DESK_RESEARCH_OUTCOMES)

# Query parameters that only track clicks or record how someone navigated: never publish them.
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "igsh", "si", "ref",
    "ref_src", "ref_url", "ref_topic", "helpref", "_ga", "_gl", "mkt_tok", "trk", "trackingid",
}
TRACKING_PREFIXES = ("utm_",)
# Fragments that editors add (Google Docs headings, text highlights, slides): not stable addresses.
EDITOR_FRAGMENT = re.compile(r"^(heading=h\.|:~:text=|gid=|slide=|bookmark=|section_\d)")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$")
DESCRIPTION_MAX = 160

REQUIRED_FIELDS = ("id", "title", "publisher", "category", "description", "checked")
OPTIONAL_FIELDS = ("url", "email", "platform", "at_risk")
KNOWN_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS
CHECKED_FIELDS = ("date", "outcome")


@dataclass(frozen=True)
class Link:
    id: str
    title: str
    publisher: str
    category: str
    description: str
    checked_date: datetime.date
    checked_outcome: str
    url: str | None = None
    email: str | None = None
    platform: str | None = None
    at_risk: str | None = None
    line: int | None = None  # where the entry starts in the registry file

    @property
    def is_contact(self) -> bool:
        """Email contacts are shown as mailto links and never checked on the web."""
        return self.email is not None

    @property
    def href(self) -> str:
        return f"mailto:{self.email}" if self.email else str(self.url)

    @property
    def address(self) -> str:
        """What a printed page shows: the full URL, or the email address."""
        return self.email or str(self.url)

    @property
    def domain(self) -> str:
        """The site a reader will land on, as they would say it (no www.)."""
        host = self.email.rsplit("@", 1)[1] if self.email else (urlsplit(str(self.url)).hostname or "")
        return host.lower().removeprefix("www.")

    @property
    def label(self) -> str:
        """The card's text label: the category, and the platform for platform links."""
        if self.platform:
            return f"{CATEGORIES[self.category].label}: {PLATFORMS[self.platform].label}"
        return CATEGORIES[self.category].label


@dataclass(frozen=True)
class Registry:
    file: str  # as the maintainer sees it, e.g. data/links.yml
    links: dict[str, Link]

    def get(self, link_id: str) -> Link | None:
        return self.links.get(link_id)

    def __iter__(self):
        return iter(self.links.values())

    def __len__(self) -> int:
        return len(self.links)

    def suggestions(self, link_id: str, count: int = 3) -> list[str]:
        return difflib.get_close_matches(link_id, list(self.links), n=count, cutoff=0.5)

    def unknown_id_hint(self, link_id: str) -> str:
        close = self.suggestions(link_id)
        if close:
            return "did you mean " + " or ".join(f"'{c}'" for c in close) + f"? Ids are listed in {self.file}."
        return f"add an entry with this id to {self.file}, or use an id that is listed there."

    def in_category(self, category: str, platform: str | None = None) -> list[Link]:
        return [
            link for link in self
            if link.category == category and (platform is None or link.platform == platform)
        ]


def host_matches(host: str, domains: tuple[str, ...]) -> bool:
    """True when host is one of the domains or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def url_problems(url: str, allow_http: bool = False) -> list[tuple[str, str]]:
    """(message, hint) for each way a URL is unfit to publish, regardless of its category.

    allow_http (http:// and a port) is for testing the live checker against a local server only.
    """
    if not isinstance(url, str) or not url.strip():
        return [("is empty", "write the full https:// address.")]
    if url != url.strip() or any(c.isspace() for c in url):
        return [("contains spaces", "copy the address again from the browser's address bar.")]
    parts = urlsplit(url)
    problems = []
    if parts.scheme != "https" and not (allow_http and parts.scheme == "http"):
        problems.append((f"'{url}' does not start with https://", "use the https:// address; the site must not send readers over plain http."))
    if not parts.hostname or ("." not in parts.hostname and parts.hostname != "localhost"):
        problems.append((f"'{url}' has no valid host name", "write the full address, e.g. https://www.ncsc.gov.uk/..."))
    if parts.username or parts.password or (parts.port and not allow_http):
        problems.append((f"'{url}' contains a user name, password or port", "use the plain public address."))
    tracking = [
        key for key, _ in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() in TRACKING_PARAMS or key.lower().startswith(TRACKING_PREFIXES)
    ]
    if tracking:
        problems.append((
            f"'{url}' has tracking or navigation parameters: {', '.join(tracking)}",
            "remove them; keep only parameters the page needs (such as a language).",
        ))
    if parts.fragment and EDITOR_FRAGMENT.match(parts.fragment):
        problems.append((f"'{url}' ends with an editor fragment '#{parts.fragment}'", "remove everything from the # onwards."))
    return problems


def allowed_domains(category: str, platform: str | None) -> tuple[str, ...]:
    if category == "platform" and platform in PLATFORMS:
        return PLATFORMS[platform].domains
    return CATEGORIES[category].domains if category in CATEGORIES else ()


def _did_you_mean(value: str, choices) -> str:
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.5)
    listing = ", ".join(choices)
    return f"did you mean '{close[0]}'? Allowed: {listing}." if close else f"use one of: {listing}."


def _lines(mapping_node) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """Line of each key in a YAML mapping node, and any key given twice (YAML keeps only the last)."""
    lines: dict[str, int] = {}
    duplicates = []
    for key_node, _ in mapping_node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in lines:
            duplicates.append((key, line))
        lines[key] = line
    return lines, duplicates


def _one_line_text(value) -> bool:
    return isinstance(value, str) and value.strip() != "" and "\n" not in value.strip()


def _check_entry(entry: dict, node, file: str, seen_ids: dict, seen_addresses: dict, allow_http: bool) -> tuple[Link | None, list[Problem]]:
    entry_line = node.start_mark.line + 1
    field_lines, duplicates = _lines(node)
    name = entry.get("id") if isinstance(entry.get("id"), str) else f"at line {entry_line}"
    problems: list[Problem] = []

    def report(field: str | None, message: str, hint: str) -> None:
        where = f"entry '{name}'" + (f", field '{field}'" if field else "")
        problems.append(Problem(file, field_lines.get(field, entry_line), f"{where}: {message}", hint))

    for key, line in duplicates:
        problems.append(Problem(file, line, f"entry '{name}', field '{key}': given twice", "keep one; YAML silently uses the last."))
    for key in entry:
        if key not in KNOWN_FIELDS:
            report(str(key), "is not a field of a link", _did_you_mean(key, KNOWN_FIELDS))
    for key in REQUIRED_FIELDS:
        if key not in entry:
            report(None, f"field '{key}' is missing", f"every entry needs: {', '.join(REQUIRED_FIELDS)}, and url or email.")

    link_id = entry.get("id")
    if "id" in entry:
        if not isinstance(link_id, str) or not ID_PATTERN.match(link_id):
            report("id", f"'{link_id}' is not a valid id", "use lower-case letters, digits and single hyphens, e.g. ncsc-setting-up-2sv.")
        elif link_id in seen_ids:
            report("id", f"is also used by the entry at line {seen_ids[link_id]}", "ids must be unique: rename one.")
        else:
            seen_ids[link_id] = entry_line

    for key in ("title", "publisher"):
        if key in entry and not _one_line_text(entry[key]):
            report(key, "must be one line of text", "write it on one line; quote it if it contains a colon.")
    description = entry.get("description")
    if "description" in entry:
        if not _one_line_text(description):
            report("description", "must be one line of text", "one sentence saying why a reader would go there.")
        elif not description.strip().endswith(".") or len(description) > DESCRIPTION_MAX:
            report(
                "description",
                f"must be one sentence ending with a full stop, at most {DESCRIPTION_MAX} characters",
                "say in one short sentence why a reader would go there.",
            )

    category = entry.get("category")
    if "category" in entry and category not in CATEGORIES:
        report("category", f"'{category}' is not a category", _did_you_mean(category, CATEGORIES))
    platform = entry.get("platform")
    if category == "platform":
        if platform is None:
            report(None, "field 'platform' is missing", f"platform links name their platform: {', '.join(PLATFORMS)}.")
        elif platform not in PLATFORMS:
            report("platform", f"'{platform}' is not a platform", _did_you_mean(platform, PLATFORMS))
    elif "platform" in entry:
        report("platform", "is only for entries with category 'platform'", "remove it, or set category: platform.")

    url, email = entry.get("url"), entry.get("email")
    if ("url" in entry) == ("email" in entry):
        report(None, "needs exactly one of 'url' or 'email'", "web pages have a url; contacts have an email (never both).")
    domains = allowed_domains(category, platform) if category in CATEGORIES else ()
    address = None
    if "url" in entry:
        for message, hint in url_problems(url, allow_http):
            report("url", message, hint)
        host = urlsplit(url).hostname if isinstance(url, str) else None
        if host and domains and not host_matches(host, domains):
            owner = f"platform '{platform}'" if category == "platform" else f"category '{category}'"
            report("url", f"host '{host}' does not belong to {owner}", f"{owner} links must be on {' or '.join(domains)} (or a subdomain); check the address or the category.")
        address = url.rstrip("/").lower() if isinstance(url, str) else None
    if "email" in entry:
        match = EMAIL_PATTERN.match(email) if isinstance(email, str) else None
        if not match:
            report("email", f"'{email}' is not an email address", "write it as name@example.org, without mailto:.")
        elif domains and not host_matches(match.group(1), domains):
            report("email", f"'{email}' is not on {' or '.join(domains)}", "check the address or the category.")
        address = email.lower() if isinstance(email, str) else None
    if address:
        if address in seen_addresses:
            field = "url" if "url" in entry else "email"
            report(field, f"same address as entry '{seen_addresses[address]}'", "each resource is listed once: link to the existing id instead.")
        else:
            seen_addresses[address] = link_id

    checked = entry.get("checked")
    checked_date = checked_outcome = None
    if "checked" in entry:
        if not isinstance(checked, dict):
            report("checked", "must be a mapping like {date: 2026-11-25, outcome: ok}", f"outcome is one of: {', '.join(OUTCOMES)}.")
        else:
            for key in checked:
                if key not in CHECKED_FIELDS:
                    report("checked", f"'{key}' is not part of checked", "checked has only date and outcome.")
            checked_date, checked_outcome = checked.get("date"), checked.get("outcome")
            if not isinstance(checked_date, datetime.date):
                report("checked", f"date '{checked_date}' is not a date", "write it as YYYY-MM-DD, without quotes.")
            if checked_outcome not in OUTCOMES:
                report("checked", f"outcome '{checked_outcome}' is not known", _did_you_mean(checked_outcome, OUTCOMES))

    if "at_risk" in entry and not _one_line_text(entry["at_risk"]):
        report("at_risk", "must be one line saying why the page may move or vanish", "or remove the field.")

    if problems:
        return None, problems
    return Link(
        id=link_id, title=entry["title"].strip(), publisher=entry["publisher"].strip(), category=category,
        description=description.strip(), checked_date=checked_date, checked_outcome=checked_outcome,
        url=url, email=email, platform=platform, at_risk=entry.get("at_risk"), line=entry_line,
    ), []


def parse_registry(text: str, file: str, allow_http: bool = False) -> tuple[Registry, list[Problem]]:
    """The registry from YAML text, and every problem found in it (an empty list when all is well)."""
    empty = Registry(file, {})
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return empty, [Problem(file, mark.line + 1 if mark else None, f"is not valid YAML: {getattr(error, 'problem', error)}",
                               "check the indentation and quote values that contain a colon.")]
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        return empty, [Problem(file, 1, "must be a list of entries, each starting with '- id:'", "see the comment at the top of the file.")]

    links: dict[str, Link] = {}
    problems: list[Problem] = markup_problems(located(root), file)
    seen_ids: dict[str, int] = {}
    seen_addresses: dict[str, str] = {}
    for entry, node in zip(data, root.value):
        if not isinstance(entry, dict):
            problems.append(Problem(file, node.start_mark.line + 1, "an entry must be a mapping of fields", "start each entry with '- id:'."))
            continue
        link, entry_problems = _check_entry(entry, node, file, seen_ids, seen_addresses, allow_http)
        problems.extend(entry_problems)
        if link:
            links[link.id] = link
    return Registry(file, links), problems


def load_registry(path: str | Path, root: str | Path | None = None, allow_http: bool = False) -> tuple[Registry, list[Problem]]:
    """Read and validate a registry file; messages name it relative to root (the project)."""
    path = Path(path)
    file = display_path(path, root) if root else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return Registry(file, {}), [Problem(file, None, f"cannot be read: {error.strerror}", "the link registry lives at data/links.yml.")]
    return parse_registry(text, file, allow_http)
