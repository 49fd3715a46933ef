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
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import parse_qsl, urlsplit

from saferpolitics.core.datafile import FirstLines, Located, entries, load_data_file, plain, read_data_file, schema_for
from saferpolitics.core.lazy_pattern import lazy_compile
from saferpolitics.core.problems import Problem, display_path
from saferpolitics.core.suggest import close_matches
from saferpolitics.markdown_stage.review_dates import today_in_uk


class Category(NamedTuple):
    label: str  # the text label on a card: category is never shown by colour alone
    heading: str  # the section heading on the Resources page
    domains: tuple[str, ...] = ()  # an address must sit on one of these (or a subdomain); () = any


class Platform(NamedTuple):
    label: str
    domains: tuple[str, ...]


def schema_choices(name: str) -> dict[str, dict]:
    """The allowed values of an entry's field, each with what the schema says of it, in its order:
    data/schema/links.schema.json is the one list of categories, platforms and check outcomes."""
    schema = json.loads(schema_for("links").read_text(encoding="utf-8"))
    return {choice["const"]: choice for choice in schema["$defs"][name]["oneOf"]}


# In the order of the Resources page.
CATEGORIES: dict[str, Category] = {
    name: Category(choice["title"], choice["x-heading"], tuple(choice.get("x-domains", ())))
    for name, choice in schema_choices("category").items()
}
PLATFORMS: dict[str, Platform] = {
    name: Platform(choice["title"], tuple(choice["x-domains"])) for name, choice in schema_choices("platform").items()
}

# Query parameters that only track clicks or record how someone navigated: never publish them.
TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "igsh",
    "si",
    "ref",
    "ref_src",
    "ref_url",
    "ref_topic",
    "helpref",
    "_ga",
    "_gl",
    "mkt_tok",
    "trk",
    "trackingid",
}
TRACKING_PREFIXES = ("utm_",)
# Fragments that editors add (Google Docs headings, text highlights, slides): not stable addresses.
EDITOR_FRAGMENT = lazy_compile(r"^(heading=h\.|:~:text=|gid=|slide=|bookmark=|section_\d)")

# The entries' fields, types, ids and allowed values are data/schema/links.schema.json's.


class Link(NamedTuple):
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
    def cited_publisher(self) -> str:
        """Who publishes it, as a list of sources names it after the title: a title such as
        "Search results" or "Online crime" means nothing alone. Without the note in brackets
        ("Aberdeen City Council (carrying the government's message ...)"), and empty where the title
        already names it ("Report Fraud", "Instagram's hacked account page")."""
        name = self.publisher.split(" (", 1)[0].strip()
        return "" if name.lower() in self.title.lower() else name

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
        """Ids close enough to be a slip of the typing: a removed entry's id is not offered the
        nearest other entry (a maintainer review removed 'x-report-abusive-behaviour', and its uses
        were offered 'ico-report-a-breach', a different page for a different harm)."""
        return close_matches(link_id, self.links, count)

    def unknown_id_hint(self, link_id: str) -> str:
        close = self.suggestions(link_id)
        if close:
            names = " or ".join(f"'{c}'" for c in close)
            return (
                f"did you mean {names}? Ids are listed in {self.file}; if the entry was removed, link to the "
                "one that replaces it, not to the nearest name"
            )
        return (
            f"no entry in {self.file} has this id (was it removed or renamed?): link to the entry that replaces "
            "it, or add an entry with this id"
        )

    def in_category(self, category: str, platform: str | None = None) -> list[Link]:
        return [link for link in self if link.category == category and (platform is None or link.platform == platform)]


def host_matches(host: str, domains: tuple[str, ...]) -> bool:
    """True when host is one of the domains or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


LOOK_ALIKE_HINT = (
    "type the address by hand from the organisation's own website: a letter from another alphabet, "
    "or an xn-- name, can make a different website look like the real one."
)


def look_alike_problems(host: str) -> list[str]:
    """What makes a host name read as another one: letters outside a-z (Cyrillic 'о' for 'o', 'ı'
    for 'i', mixed alphabets) or an xn-- label, which a browser may show in other letters. Every
    website the toolkit links to spells its name in a-z, 0-9, '-' and '.'."""
    found = []
    odd = sorted({char for char in host if not (char.isascii() and (char.isalnum() or char in "-."))})
    if odd:
        names = ", ".join(f"'{char}' ({unicodedata.name(char, f'U+{ord(char):04X}')})" for char in odd)
        found.append(f"host '{host}' has characters outside a-z, 0-9, '-' and '.': {names}")
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                shown = label.encode("ascii").decode("idna")
            except UnicodeError:
                shown = "no readable name"
            found.append(f"host '{host}' has the encoded label '{label}', which a browser may show as '{shown}'")
    return found


def url_problems(url: str, allow_http: bool = False) -> list[tuple[str, str]]:
    """(message, hint) for each way a URL is unfit to publish, regardless of its category.

    allow_http (http:// and a port) is for testing the live checker against a local server only.
    """
    if not isinstance(url, str) or not url.strip():
        return [("is empty", "write the full https:// address.")]
    if url != url.strip() or any(c.isspace() for c in url):
        return [("contains spaces", "copy the address again from the browser's address bar.")]
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError as error:  # such as a full-width '／' that reads as a slash
        return [
            (
                f"'{url}' is not an address a browser can follow ({error})",
                "copy the address again from the browser's address bar.",
            )
        ]
    problems = [(message, LOOK_ALIKE_HINT) for message in look_alike_problems(parts.hostname or "")]
    if parts.scheme != "https" and not (allow_http and parts.scheme == "http"):
        problems.append(
            (
                f"'{url}' does not start with https://",
                "use the https:// address; the site must not send readers over plain http.",
            )
        )
    if url[-1] in ".,;:'\"":  # not ")": some addresses end with one
        problems.append(
            (
                f"'{url}' ends with {url[-1]!r}, which is likely the end of a sentence copied with it",
                "copy the address again from the browser's address bar, without the punctuation after it.",
            )
        )
    if not parts.hostname or ("." not in parts.hostname and parts.hostname != "localhost"):
        problems.append((f"'{url}' has no valid host name", "write the full address, e.g. https://www.ncsc.gov.uk/..."))
    if parts.username or parts.password or (parts.port and not allow_http):
        problems.append((f"'{url}' contains a user name, password or port", "use the plain public address."))
    tracking = [
        key
        for key, _ in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() in TRACKING_PARAMS or key.lower().startswith(TRACKING_PREFIXES)
    ]
    if tracking:
        problems.append(
            (
                f"'{url}' has tracking or navigation parameters: {', '.join(tracking)}",
                "remove them; keep only parameters the page needs (such as a language).",
            )
        )
    if parts.fragment and EDITOR_FRAGMENT.match(parts.fragment):
        problems.append(
            (f"'{url}' ends with an editor fragment '#{parts.fragment}'", "remove everything from the # onwards.")
        )
    return problems


def allowed_domains(category: str, platform: str | None) -> tuple[str, ...]:
    if category == "platform" and platform in PLATFORMS:
        return PLATFORMS[platform].domains
    return CATEGORIES[category].domains if category in CATEGORIES else ()


def _valid(values: dict[str, Located], key: str):
    """A field's value when present and as the schema allows, else None (the schema has said why)."""
    item = values.get(key)
    return item.value if item is not None and item.valid else None


def _check_entry(
    entry: Located, file: str, seen_ids: FirstLines, seen_addresses: FirstLines, allow_http: bool
) -> tuple[Link | None, list[Problem]]:
    """What the schema cannot say about one entry: unique id and address, an address fit to
    publish and on its category's domains, a date YAML reads as a date. A Link when all is well."""
    values: dict[str, Located] = entry.value
    link_id = _valid(values, "id")
    name = link_id or f"at line {entry.line}"
    problems: list[Problem] = []

    def report(field: str, message: str, hint: str) -> None:
        problems.append(Problem(file, values[field].line, f"entry '{name}', field '{field}': {message}", hint))

    if link_id and (
        twice := seen_ids.again(link_id, values["id"].line, f"id '{link_id}'", "ids must be unique: rename one.")
    ):
        problems.append(twice)

    category, platform = _valid(values, "category"), _valid(values, "platform")
    domains = allowed_domains(category, platform) if category else ()
    url, email = _valid(values, "url"), _valid(values, "email")
    address = None
    if url is not None:
        found = url_problems(url, allow_http)
        for message, hint in found:
            report("url", message, hint)
        host = urlsplit(url).hostname if not found else None  # a look-alike is reported as that alone
        if host and domains and not host_matches(host, domains):
            owner = f"platform '{platform}'" if category == "platform" else f"category '{category}'"
            report(
                "url",
                f"host '{host}' does not belong to {owner}",
                f"{owner} links must be on {' or '.join(domains)} (or a subdomain); check the address or the category.",
            )
        address = url.rstrip("/").lower()
    if email is not None:
        if domains and not host_matches(email.rsplit("@", 1)[1], domains):
            report("email", f"'{email}' is not on {' or '.join(domains)}", "check the address or the category.")
        address = email.lower()
    field = "url" if url is not None else "email"
    if address and (
        twice := seen_addresses.again(
            address,
            values[field].line,
            f"entry '{name}', field '{field}': {values[field].value!r}",
            "each resource is listed once: remove this entry and use the first one's id where this one's is used.",
            str(values[field].value),
        )
    ):
        problems.append(twice)

    checked = _valid(values, "checked")
    if checked is not None and not isinstance(checked["date"].value, datetime.date):
        report(
            "checked",
            f"date '{checked['date'].value}' is in quotes, so YAML reads it as text",
            "write it as YYYY-MM-DD, without quotes.",
        )
    elif checked is not None and checked["date"].value > today_in_uk():
        report(
            "checked",
            f"date {checked['date'].value} is in the future",
            "give the day the link was last checked: today or earlier.",
        )

    if problems or not entry.valid:
        return None, problems
    plain_values = plain(entry)
    return Link(
        id=link_id,
        title=plain_values["title"].strip(),
        publisher=plain_values["publisher"].strip(),
        category=category,
        description=plain_values["description"].strip(),
        checked_date=checked["date"].value,
        checked_outcome=checked["outcome"].value,
        url=url,
        email=email,
        platform=platform,
        at_risk=plain_values.get("at_risk"),
        line=entry.line,
    ), []


def parse_registry(
    text: str, file: str, allow_http: bool = False, cache_dir: Path | None = None
) -> tuple[Registry, list[Problem]]:
    """The registry from YAML text, and every problem found in it (an empty list when all is well)."""
    root, problems = load_data_file(text, file, schema_for("links"), cache_dir=cache_dir)
    links: dict[str, Link] = {}
    seen_ids = FirstLines(file)
    seen_addresses = FirstLines(file)
    for entry in entries(root):
        if not isinstance(entry.value, dict):
            continue  # the schema has said so
        link, entry_problems = _check_entry(entry, file, seen_ids, seen_addresses, allow_http)
        problems.extend(entry_problems)
        if link:
            links[link.id] = link
    return Registry(file, links), sorted(problems, key=lambda p: p.line or 0)


def load_registry(
    path: str | Path, root: str | Path | None = None, allow_http: bool = False
) -> tuple[Registry, list[Problem]]:
    """Read and validate a registry file; messages name it relative to root (the project)."""
    path = Path(path)
    file = display_path(path, root) if root else str(path)
    text, problems = read_data_file(path, file)
    if text is None:
        return Registry(file, {}), problems
    return parse_registry(text, file, allow_http)
