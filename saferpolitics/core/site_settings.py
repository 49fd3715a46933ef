"""mkdocs.yml's settings that reach every page, checked without MkDocs: each mistake on its line.

A setting puts something on every page (its header, menu, footer, stylesheets) that the page scans
allow because a template wrote it, so the build checks the settings themselves: text the theme
writes as HTML unescaped; anything that would make a reader's browser ask another website (a
stylesheet, a script, Google's fonts, the repository's API, analytics); a file, theme feature, logo,
favicon or social icon that is not there, which would build without a word or stop at the theme's
own line; a cookie banner on a site that sets no cookies; and redirects that lead outside the site
or to another website, or that leave a published page with no way to it.

The engine (saferpolitics/engine/plugin.py) reads MkDocs' resolved settings into `SiteSettings`
and calls `site_setting_problems`: nothing here imports MkDocs, so another engine can run the same
checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from saferpolitics.core import render_cache
from saferpolitics.core.content_policy import UNESCAPED_HINT, unescaped_text_mistake
from saferpolitics.core.datafile import Located, key_lines, line_given
from saferpolitics.core.html_tokens import other_origin, skipping, start_tags
from saferpolitics.core.nav_entries import nav_entry_problems
from saferpolitics.core.problems import Problem, display_path
from saferpolitics.core.published_pages import PUBLISHED_FILE, vanished_page_problems
from saferpolitics.core.stylesheet_requests import request_problems
from saferpolitics.core.suggest import did_you_mean
from saferpolitics.core.theme_settings import feature_problems, instant_navigation_problems, social_icon_problems

# Settings the theme writes into every page as HTML, unescaped.
TEXT_SETTINGS = ("site_name", "site_description", "site_author", "site_url", "repo_name")


class SiteSettings(NamedTuple):
    """The settings the checks read, as the engine resolved them (defaults filled in), with
    mkdocs.yml as read with lines (written) to name each mistake's line."""

    file: str  # mkdocs.yml, as messages name it
    written: Located | None
    project: Path  # the folder of mkdocs.yml
    docs: Path
    texts: Mapping[str, object]  # TEXT_SETTINGS -> value
    nav: list
    copyright: object
    extra_css: Sequence[str]
    extra_javascript: Sequence[str]
    repo_url: str | None
    theme_name: str | None
    theme_dirs: Sequence[Path]
    custom_dir: Path | None
    theme: Mapping[str, Any]  # features, logo, favicon, font
    extra: Mapping[str, Any]
    redirects: Mapping[str, str]  # mkdocs-redirects' old page -> where it went
    published: Callable[[str], bool]  # whether the engine publishes a file under docs/ (its path there)


def site_setting_problems(
    settings: SiteSettings,
    theme_features: set[str],
    pages_own_assets: bool,
    allows_data: Callable[[str], bool],
    clean_stylesheets: render_cache.KeptFiles | None = None,
) -> list[Problem]:
    """Every mistake above, each on the line of its entry in mkdocs.yml (or of its stylesheet).
    theme_features: the features the theme knows (empty: not checked); pages_own_assets: pages
    load scripts of their own (the plugin's page_assets), which Material's instant navigation
    would not run; allows_data: whether the page policy lets a page load a data: address under a
    directive (a stylesheet's data: font is refused); clean_stylesheets: as shipped_stylesheet_problems' clean."""
    top = settings.written.value if settings.written is not None and isinstance(settings.written.value, dict) else {}
    pages = {path.relative_to(settings.docs).as_posix() for path in settings.docs.rglob("*.md")}
    return [
        *_text_problems(settings, top),
        *nav_entry_problems(top.get("nav"), settings.file, pages),
        *_other_website_problems(settings, top),
        *_missing_file_problems(settings, top, theme_features, pages_own_assets),
        *shipped_stylesheet_problems(
            [settings.docs, *([settings.custom_dir] if settings.custom_dir else [])],
            settings.project,
            settings.published,
            allows_data,
            clean_stylesheets,
        ),
        *_redirect_problems(settings, top, {page for page in pages if settings.published(page)}),
    ]


def _text_problems(settings: SiteSettings, top: dict) -> list[Problem]:
    """Text settings and nav titles the theme would write as HTML."""
    lines = key_lines(settings.written)
    problems = [
        Problem(settings.file, lines.get(name), f"{name} {mistake}", UNESCAPED_HINT)
        for name in TEXT_SETTINGS
        if isinstance(value := settings.texts.get(name), str) and (mistake := unescaped_text_mistake(value))
    ]
    # The titles of the nav MkDocs loaded (one from an INHERIT-ed file too), each at its line in
    # this file where it is written here: two walks, as the two trees can differ.
    for title in _nav_titles(settings.nav or []):
        if mistake := unescaped_text_mistake(title):
            line = line_given(top.get("nav"), title) or lines.get("nav")
            problems.append(Problem(settings.file, line, f"nav title {title!r} {mistake}", UNESCAPED_HINT))
    return problems


def _nav_titles(nav: list) -> Iterator[str]:
    """Every title written in mkdocs.yml's nav (`- Title: page.md`, `- Title: [...]`)."""
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                yield str(title)
                if isinstance(value, list):
                    yield from _nav_titles(value)


# Settings under `extra:` that Material acts on and this site refuses: what each would do, and the fix.
_REFUSED_EXTRA = {
    "consent": (
        "extra.consent shows every reader a cookie consent banner, but this site sets no cookies and "
        "asks no other website for anything: there is nothing to consent to",
        "remove `consent:` from `extra:` (the site's pages say it sets no cookies)",
    ),
    "analytics": (
        "extra.analytics sends readers' visits to another website: this site has no analytics",
        "remove `analytics:` from `extra:`",
    ),
}


def _other_website_problems(settings: SiteSettings, top: dict) -> list[Problem]:
    """Settings that would make every page ask another website, or show an address no check
    covers: a link in the footer, stylesheets and scripts from elsewhere, the repository's API,
    Google's fonts, analytics; and a cookie banner on a site with no cookies."""
    file, lines = settings.file, key_lines(settings.written)
    theme_lines, extra_lines = key_lines(top.get("theme")), key_lines(top.get("extra"))
    problems = []
    if isinstance(settings.copyright, str) and _holds_link(settings.copyright):
        problems.append(
            Problem(
                file,
                lines.get("copyright"),
                "copyright holds a link, which every page's footer would show: an address the link registry does "
                "not check",
                "write the words without the link; link to another website from a page, through the link registry "
                "([words](link:<id>))",
            )
        )
    for name, entries, example in (
        ("extra_css", settings.extra_css, "assets/css/name.css"),
        ("extra_javascript", settings.extra_javascript, "assets/js/name.js"),
    ):
        problems += [
            Problem(
                file,
                line_given(top.get(name), entry) or lines.get(name),
                f"{name} lists {entry!r}, a file from another website: readers' browsers would ask it",
                f"save the file under docs/assets/ and list its path there (e.g. {example})",
            )
            for entry in entries
            if other_origin(entry)
        ]
    if settings.repo_url:
        problems.append(
            Problem(
                file,
                lines.get("repo_url"),
                "repo_url makes every page ask the repository's website (its API) for the repository's stars and "
                "forks, another website",
                "remove repo_url: the toolkit links to its repository from a page, through the link registry "
                '([text](link:id)); edit_uri alone gives the "Suggest a change" link',
            )
        )
    if settings.theme.get("font"):  # Material's default, when not set to false, is Google's Roboto
        problems.append(
            Problem(
                file,
                theme_lines.get("font") or lines.get("theme"),
                "theme.font makes every page ask Google Fonts for its fonts, another website",
                "write `font: false` under `theme:`: the toolkit uses the fonts on the reader's device",
            )
        )
    problems += [
        Problem(file, extra_lines.get(name) or lines.get("extra"), message, hint)
        for name, (message, hint) in _REFUSED_EXTRA.items()
        if settings.extra.get(name)
    ]
    return problems


def _holds_link(html: str) -> bool:
    """Whether html has a link (an `<a>` start tag), read by the one HTML tokenizer: not "<abbr>",
    nor "<a" inside a comment."""
    if "<a" not in html.lower():  # no start tag <a at all (the usual copyright): no tokenizer to build
        return False
    return any(tag.name == "a" for tag in start_tags(html, skipping(frozenset({"a"}))))


def _missing_file_problems(
    settings: SiteSettings, top: dict, theme_features: set[str], pages_own_assets: bool
) -> list[Problem]:
    """Files the settings name that are not there (stylesheets and scripts, the logo and favicon,
    social icons), and theme features the theme does not know or that break the pages' own scripts."""
    file, lines, theme_lines = settings.file, key_lines(settings.written), key_lines(top.get("theme"))
    folders = [settings.custom_dir] if settings.custom_dir else []
    problems = []
    for name in ("extra_css", "extra_javascript"):
        # As written in mkdocs.yml: the other plugins add their own files, which are not in docs/.
        written = top.get(name).value if top.get(name) is not None and isinstance(top.get(name).value, list) else []
        entries = [(path, item.line) for item in written if (path := _served_path(item.value)) is not None]
        problems += listed_file_problems(
            name, entries, settings.docs, file, folders, ": every page would ask for it and go without it"
        )
    features = settings.theme.get("features") or []
    if settings.theme_name == "material" and features:
        theme = top.get("theme")
        feature_lines = key_lines(
            theme.value.get("features") if theme is not None and isinstance(theme.value, dict) else None
        )
        features_line = theme_lines.get("features") or lines.get("theme")
        problems += feature_problems(features, theme_features, file, feature_lines, features_line)
        if pages_own_assets:
            problems += instant_navigation_problems(features, file, feature_lines, features_line)
    for name, why in (
        ("logo", ": every page would show a broken picture in its header"),
        ("favicon", ": browsers would show no icon"),
    ):
        path = settings.theme.get(name)
        if isinstance(path, str) and path and not other_origin(path):
            line = theme_lines.get(name) or lines.get("theme")
            problems += listed_file_problems(
                f"theme.{name}", [(path, line)], settings.docs, file, settings.theme_dirs, why
            )
    if settings.theme_name == "material":
        extra, extra_lines = top.get("extra"), key_lines(top.get("extra"))
        problems += social_icon_problems(
            settings.extra.get("social"),
            [Path(d) / ".icons" for d in settings.theme_dirs],
            file,
            lambda icon: line_given(extra, icon) or extra_lines.get("social") or lines.get("extra"),
        )
    return problems


def _served_path(entry) -> str | None:
    """The file an extra_css or extra_javascript entry (a path, or MkDocs' `path:` and `type:`, as
    read with lines) names; None for a file from another website (_other_website_problems)."""
    if isinstance(entry, dict):
        path = entry.get("path")
        entry = path.value if isinstance(path, Located) else path
    entry = str(entry or "")
    return None if other_origin(entry) else entry


def _redirect_problems(settings: SiteSettings, top: dict, published_pages: set[str]) -> list[Problem]:
    """mkdocs-redirects' stub sends a reader on at once, with no page between: only within the site,
    only from a page that has gone, and only to a page there is. And every page ever published
    (PUBLISHED_FILE) is still a page or redirected (published_pages: the pages under docs/ the
    engine publishes)."""
    file, lines = settings.file, key_lines(settings.written)

    def redirect_line(address: str) -> int | None:
        """The line of mkdocs.yml where the redirects name address (else the plugins' line)."""
        return line_given(top.get("plugins"), address) or lines.get("plugins")

    problems = []
    published = settings.project / PUBLISHED_FILE
    if published.is_file():  # a site that has published nothing yet has no list
        text = published.read_text(encoding="utf-8")
        problems += vanished_page_problems(text, published_pages, map(str, settings.redirects))
    for old, new in settings.redirects.items():
        # mkdocs-redirects writes the old address's stub at site_dir / old: an absolute path or `..`
        # wrote it outside the site (at the machine's root), and the site had no redirect.
        outside = [
            address
            for address in (str(old), str(new))
            if not other_origin(address) and (address.startswith("/") or "\\" in address or ".." in address.split("/"))
        ]
        problems += [
            Problem(
                file,
                redirect_line(address),
                f"redirect_maps names {address!r}, which is not a page inside docs/: the redirect would be "
                "written outside the site, or send readers to a missing page",
                "write it relative to docs/, like the other lines (`old-page.md: new-page.md`), with / "
                "between folders and no .. or leading /",
            )
            for address in outside
        ]
        if outside:
            continue
        if (settings.docs / str(old)).is_file():
            problems.append(
                Problem(
                    file,
                    redirect_line(str(old)),
                    f"redirect_maps sends {old!r}, a page that still exists, to {new!r}: readers would never see it",
                    f"a redirect is for a page you moved or removed: remove the redirect, or move or delete "
                    f"{settings.docs.name}/{old} first",
                )
            )
        page = str(new).partition("#")[0]  # a section is checked once the pages are converted
        if not other_origin(str(new)) and page not in published_pages:
            # mkdocs-redirects says only "Redirect target ... does not exist!", with no line.
            problems.append(
                Problem(
                    file,
                    redirect_line(str(new)),
                    f"redirect_maps sends {old!r} to {new!r}, which is not a page of the site: readers would "
                    "land on a missing page",
                    f"{did_you_mean(page, published_pages)}write the path of the page that replaced it, relative "
                    "to docs/ (`old-page.md: new-page.md`)",
                )
            )
        if other_origin(str(new)):
            problems.append(
                Problem(
                    file,
                    redirect_line(str(new)),
                    f"redirect_maps sends {old!r} to {new!r}, another website, with no page between",
                    "redirect a moved page to a page of this site; link to another website from a page, "
                    "through the link registry ([text](link:id))",
                )
            )
    return problems


def listed_file_problems(
    setting: str,
    entries: Iterable[tuple[str, int | None]],
    docs_dir: Path,
    config_file: str,
    folders: Sequence[Path] = (),
    why: str = "",
    base_label: str = "docs/",
) -> list[Problem]:
    """A problem for each (path, its line) a setting lists that is not a file in docs/ (nor in the
    other folders the site serves files from: the theme's overrides), with the nearest file in its
    folder as the hint. A path may start with / or end with ?query or #part, as a browser reads it.
    base_label: how the messages name docs_dir, for a setting whose paths start elsewhere (a
    plugin's template, relative to mkdocs.yml)."""
    problems = []
    for entry, line in entries:
        path = entry.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        if any((folder / path).is_file() for folder in (docs_dir, *folders)):
            continue
        parent = docs_dir / Path(path).parent
        nearby = [
            p.relative_to(docs_dir).as_posix() for p in (parent.iterdir() if parent.is_dir() else ()) if p.is_file()
        ]
        problems.append(
            Problem(
                config_file,
                line,
                f"{setting} names {path!r}, which is not a file in {base_label}{why}",
                f"{did_you_mean(path, sorted(nearby))}check the path, relative to {base_label}",
            )
        )
    return problems


def shipped_stylesheet_problems(
    folders: Sequence[Path],
    project: Path,
    published: Callable[[str], bool],
    allows_data: Callable[[str], bool],
    clean: render_cache.KeptFiles | None = None,
) -> list[Problem]:
    """What every stylesheet the site ships would fetch from another website, or as data: the page
    policy refuses, each at its line: each .css file under docs/ and the theme's overrides/
    (folders, docs/ first), listed in extra_css or not, as a page or template may load any of them
    by its path, and one may @import another (a browser applies only a file served as CSS).
    published: whether the engine publishes a file under docs/ (its path there), by the engine's
    own rules; no reader gets one it leaves out. A theme folder's files in a dot folder are never
    served either. allows_data: as for request_problems. clean: the stylesheets an earlier build
    found asking for nothing, each kept under a key of its name and text (the folder's key holds
    the code, allows_data's too): reading one for what it asks is most of this check's time."""
    problems = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.[cC][sS][sS]")):  # only stylesheets: the suffix in any case
            inside = path.relative_to(folder).as_posix()
            if path.suffix.lower() != ".css" or not path.is_file():
                continue
            if published(inside) if folder is folders[0] else not any(p.startswith(".") for p in inside.split("/")):
                text = path.read_text(encoding="utf-8", errors="replace")
                label = display_path(path, project)
                key = render_cache.key_for(label, text)
                if clean is not None and clean.has(key):
                    continue
                found = request_problems(text, label, allows_data)
                if clean is not None and not found:
                    clean.put(key, b"")
                problems += found
    return problems
