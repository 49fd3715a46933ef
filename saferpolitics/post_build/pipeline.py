"""Stage 2: everything done to the site after the engine has written it, in order, in one place.

    1. search index   synonyms as tags, phrases for the worker, one result per glossary term, no pages outside the nav
    2. assets         our CSS and JS minified from their sources (the stylesheets every page
                      loads, as one file), unused palette colours, source maps and lunr language
                      packs deleted (the engine leaves Material's uncopied),
                      Material's main stylesheet purged to what is used; the hashes of the
                      scripts fetched on demand written into shared.js, whose load() checks them
    3. PDFs           the crisis cards (every build: pages link them); the toolkit PDF, rendered
                      from the print page as printed (as_printed; both cached)
    4. pages          each page's finishing steps (the print page's as printed first), the page
                      policy (CSP) last (kept in the render cache: a page with the same HTML is
                      finished the same way)
    5. offline        app icons and manifest, the stored size, then the service worker's list of
                      every file with its hash: nothing may change the site after this

Every HTML page is read once at the start and written once at the end of step 5; the steps in
between change it in memory. Pages the engine writes without a page event (the print page, the
404 page, the redirect stubs) are finished here like every other page.

`PostBuild` holds what the build learned that the site directory does not show (the allowlist of
inline code the templates wrote, each page's source file...). The MkDocs plugin makes one per
build; `python -m saferpolitics.post_build` runs the same steps on a built site directory from one
saved to a file. Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import resource
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from saferpolitics.core import content_policy, render_cache
from saferpolitics.core.glossary_terms import Term
from saferpolitics.core.htmlscan import Code
from saferpolitics.core.problems import BuildStopped, Problem, display_path, raise_problems
from saferpolitics.core.search_synonyms import SYNONYMS_FILE, SearchWords
from saferpolitics.post_build import (
    crisis_cards,
    csp,
    offline,
    page_assets,
    pdf,
    pdf_system,
    printpage,
    redirects,
    search_index,
    theme_fixes,
    unrequested_files,
)
from saferpolitics.post_build.external_links import with_safe_external_links

PRINT_PAGE_FILE = "print_page/index.html"  # the print page print-site writes (core.nav_entries.PRINT_PAGE_IN_NAV)
SEARCH_INDEX = "search/search_index.json"
# Written in docs/about.md where the stored size goes; replaced in the pages and the search index.
SIZE_PLACEHOLDER = b"SP-OFFLINE-SIZE"


@dataclass
class PostBuild:
    """What the post-build steps need from the build, as plain values (saved as JSON for the CLI)."""

    project_root: str
    site_name: str
    site_description: str
    site_author: str
    site_url: str
    serve: bool  # `mkdocs serve`: a worker that stores nothing (the preview changes on every save)
    extra_css: list[str]
    scripts: list[str]  # extra_javascript and the scripts loaded on demand, to minify
    page_assets: dict[str, list[str]]  # asset -> markers: dropped from pages without a marker
    palette_colours: list[str]
    theme_dirs: list[str]  # where the theme's unpurged files are
    app: dict[str, str]  # the plugin's app settings in mkdocs.yml (mark: relative to the project)
    pdf: dict  # enabled, print-page title and contents title; see `print_page_and_pdf`
    crisis_card: dict = field(
        default_factory=dict
    )  # title, subject, author, html, source, line, lists, base_url; empty: none
    print_sections: dict[str, str] = field(default_factory=dict)  # print-site section -> source file
    left_out: dict[str, str | None] = field(default_factory=dict)  # section -> web address (pdf: false)
    page_addresses: dict[str, str | None] = field(default_factory=dict)  # section -> web address (every page)
    off_print_page: dict[str, str] = field(default_factory=dict)  # section -> URL of pages not printed
    search_pages: dict[str, str] = field(default_factory=dict)  # src_uri -> URL of every page
    hidden_urls: list[str] = field(default_factory=list)  # pages outside the nav
    # False in a `--dirty` build: Material's search index then holds only the pages it rebuilt.
    search_index_whole: bool = True
    # Pages a `--dirty` build did not write: the site holds them as an earlier build finished them
    # (with their page policy), so step 4 leaves them as they are.
    finished_earlier: list[str] = field(default_factory=list)
    glossary_url: str | None = None
    redirect_strips: dict[str, str] = field(default_factory=dict)  # stub path -> emergency strip HTML
    allowlist: list[str] = field(default_factory=list)  # hashes of inline code the templates wrote
    page_sources: dict[str, str] = field(default_factory=dict)  # site path -> source file, for messages
    pages_with_problems: list[str] = field(default_factory=list)  # already reported in their content
    render_cache: str | None = None  # the render cache's folder (core/render_cache.py); None: make everything
    config_file: str = "mkdocs.yml"  # relative to project_root: where the plugin's settings are, for messages
    on_demand: list[str] = field(default_factory=list)  # the plugin's load_on_demand: their hashes go into load()
    # Site path -> source file of each of extra_css and scripts that MkDocs did not copy: step 2
    # writes it minified from its source (read when the steps run). Others are read from the site.
    asset_sources: dict[str, str] = field(default_factory=dict)
    # The lines in config_file of the plugin's options, as the engine read them: option -> {"": its
    # line, entry -> the entry's line} (page_assets, load_on_demand); none known: messages have no line.
    option_lines: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def cache_dir(self) -> Path | None:
        """The render cache (PDFs, app icons, the purged stylesheet, schema passes), or None."""
        return Path(self.render_cache) if self.render_cache else None

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=1, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> PostBuild:
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{f.name: values[f.name] for f in fields(cls) if f.name in values})
        except (ValueError, TypeError) as error:  # not JSON, or a record from another version
            raise BuildStopped(
                f"{path} is not a post-build record this version can read ({error})\n"
                "    hint: build again with `defer_post_build: true`, which writes a new one"
            ) from None


@dataclass
class Report:
    """What the steps found: problems (a strict build fails on them) and figures for the log."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)


def run(
    site: Path,
    build: PostBuild,
    search_words: SearchWords,
    glossary: list[Term],
    system: pdf_system.Snapshot | None = None,
) -> Report:
    """The five steps on a written site. search_words and glossary: the data files' content.
    system: the build's, which its preflight asked (the PDFs' keys use its answers); a new one if
    not given."""
    report = Report()
    system = system or pdf_system.Snapshot(build.cache_dir)
    # Pages stay bytes, as the site holds them, and are read as text only by a step that must: a
    # later build finds most of them finished in the render cache.
    pages = {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*.html")}
    # Each page as the engine wrote it, for the render cache's keys: hashed once.
    digests = {path: hashlib.sha256(data).digest() for path, data in pages.items()}
    if unloaded := page_assets.loaded_on_no_page(pages.values(), build.page_assets):
        report.problems += page_assets.no_page_problems(
            unloaded, build.page_assets, build.config_file, build.option_lines.get("page_assets", {})
        )
    index = rewrite_search_index(site, build, search_words, glossary, report)
    finish_assets(site, build, pages, digests, index)
    report.problems += write_on_demand_hashes(site, build)
    if build.crisis_card:
        crisis_cards.write_cards(site, build.crisis_card, build.cache_dir, system)
    figures = print_page_and_pdf(site, build, pages, report, system)
    system.forget_unused()  # the PDFs are made: what they did not use goes
    finished_digests = finish_pages(pages, digests, build, figures, report)
    write_offline_copy(site, build, pages, finished_digests, index, report)
    return report


def rewrite_search_index(
    site: Path, build: PostBuild, search_words: SearchWords, glossary: list[Term], report: Report
) -> str | None:
    """Step 1: the search index as readers search it (search_index.rewrite_index). It is a function
    of the index the engine wrote, the data files' words and terms, the pages' addresses and our
    code alone: an index rewritten without a problem is kept in the render cache under them, and
    a later build with the same inputs reads it (parsing, checking and writing it cost 4 ms)."""
    path = site / SEARCH_INDEX
    if not path.is_file():
        return None
    written = path.read_text(encoding="utf-8")
    terms = (build.glossary_url, glossary) if build.glossary_url else None

    def rewrite() -> dict[str, bytes]:
        index, problems = search_index.rewrite_index(
            json.loads(written),
            search_words,
            build.search_pages,
            terms,
            set(build.hidden_urls),
            whole=build.search_index_whole,
        )
        if problems:  # stops the build: nothing is kept
            raise BuildStopped(f"{SYNONYMS_FILE}: {len(problems)} problem(s)\n" + "\n".join(f"  {p}" for p in problems))
        return {"index.json": json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")}

    # Every input of rewrite_index, as JSON (the words and terms are tuples of text and numbers).
    inputs = json.dumps([search_words, build.search_pages, terms, sorted(build.hidden_urls), build.search_index_whole])
    key = render_cache.key_for(render_cache.package_source(), written, inputs)
    kept = render_cache.kept_or_made(build.cache_dir, "search-index", key, {"index.json"}, rewrite)
    return kept["index.json"].decode("utf-8")


def finish_assets(
    site: Path, build: PostBuild, pages: dict[str, bytes], digests: dict[str, bytes], index: str | None
) -> None:
    """Step 2: smaller CSS and JS. The purge starts from the theme's own copy each time, so a
    --dirty build never purges twice, and it reads the class names of the pages in memory.
    Minifying and trimming a file are functions of its text and page_assets.py: each result is
    kept in the render cache under that text. Our stylesheets and scripts are read from their
    sources where MkDocs left them for this step (asset_sources), and the stylesheets bundled
    into one are never written on their own."""
    made = render_cache.KeptFiles(
        build.cache_dir, "smaller-assets", render_cache.key_for(Path(page_assets.__file__).read_bytes())
    )

    def smaller(path: Path, step: str, make: Callable[[str], str]) -> bytes:
        """The file's text through make, kept under that text and step (what make does)."""
        text = path.read_text(encoding="utf-8")
        return made.made(render_cache.key_for(step, text), lambda: make(text).encode("utf-8"))

    gone = [asset for asset, source in build.asset_sources.items() if not Path(source).is_file()]
    if gone:  # MkDocs copied nothing of these: without the source the site would go without them
        raise_problems(
            [
                Problem(
                    display_path(build.asset_sources[asset], Path(build.project_root)),
                    None,
                    f"{asset} is gone since the engine built the site, so the site would go without it",
                    "put it back, or build the site again (`mkdocs build`) if it was moved or removed on purpose",
                )
                for asset in gone
            ],
            "Assets",
        )
    shared = page_assets.shared_stylesheets(build.extra_css, build.page_assets)
    bundled: dict[str, bytes] = {}
    for minify, assets in ((page_assets.minify_css, build.extra_css), (page_assets.minify_js, build.scripts)):
        for asset in assets:
            source = Path(build.asset_sources[asset]) if asset in build.asset_sources else site / asset
            if not source.is_file():
                continue
            data = smaller(source, minify.__name__, minify)
            if asset in shared:
                bundled[asset] = data
            else:
                (site / asset).parent.mkdir(parents=True, exist_ok=True)
                (site / asset).write_bytes(data)
    if shared:
        bundle = "\n".join(bundled[css].decode("utf-8") for css in shared if css in bundled)
        (site / page_assets.SHARED_STYLESHEETS).write_text(bundle, encoding="utf-8")
        for css in shared:  # a copy MkDocs made (one not in asset_sources)
            (site / css).unlink(missing_ok=True)
    colours = set(build.palette_colours)
    for stylesheet in (site / "assets" / "stylesheets").glob("palette.*.css"):
        trimmed = smaller(
            stylesheet, f"trim_palette {sorted(colours)}", lambda css: page_assets.trim_palette(css, colours)
        )
        stylesheet.write_bytes(trimmed)
    made.forget_unused()
    files = _delete_unrequested_files(site, index)
    # In a fixed order, as they go into the cache key below.
    page_digests = [path.encode() + digests[path] for path in sorted(digests)]
    scripts = [p.read_text(encoding="utf-8") for p in files if p.name.endswith(".js")]
    for built in (site / "assets" / "stylesheets").glob("main.*.css"):
        original = _theme_copy(build.theme_dirs, built.relative_to(site)).read_text(encoding="utf-8")
        others = [p.read_text(encoding="utf-8") for p in files if p.name.endswith(".css") and p != built]
        # The purge is a function of these texts and its own code: the same inputs, the same result.
        key = render_cache.key_for(
            original, *others, *page_digests, index or "", *scripts, Path(page_assets.__file__).read_bytes()
        )

        def purge(original=original, others=others) -> dict[str, bytes]:
            texts = [*(page.decode("utf-8") for page in pages.values()), *([index] if index else [])]
            return {
                "main.css": page_assets.purge_unused(
                    original, page_assets.site_vocabulary(texts, scripts), others
                ).encode()
            }

        built.write_bytes(
            render_cache.kept_or_made(build.cache_dir, "purged-css", key, {"main.css"}, purge)["main.css"]
        )


def write_on_demand_hashes(site: Path, build: PostBuild) -> list[Problem]:
    """Step 2, once the scripts are as served: the hash of each script loaded on demand, into the
    one script (of extra_javascript) holding offline.ON_DEMAND_MARK, whose load() fetches them
    (offline.with_on_demand_hashes). Without it, a page open when a new edition takes over runs
    that edition's scripts: a problem, not a silent skip."""
    on_demand = {path: (site / path).read_bytes() for path in build.on_demand if (site / path).is_file()}
    if not on_demand:
        return []
    texts = {
        path: (site / path).read_text(encoding="utf-8")
        for path in build.scripts
        if path not in on_demand and (site / path).is_file()
    }
    marks = {path: count for path, text in texts.items() if (count := offline.on_demand_marks(text))}
    if list(marks.values()) == [1]:
        [path] = marks
        (site / path).write_text(offline.with_on_demand_hashes(path, texts[path], on_demand), encoding="utf-8")
        return []
    found = ", ".join(path + (f" ({count} times)" if count > 1 else "") for path, count in sorted(marks.items()))
    return [
        Problem(
            build.config_file,
            build.option_lines.get("load_on_demand", {}).get(""),
            f"load_on_demand: the hashes of these scripts go into {{{offline.ON_DEMAND_MARK}}} in the script of "
            f"extra_javascript whose load() fetches them, once: it is in {found or 'no script'}",
            f"keep `var OWN_FILES = {{{offline.ON_DEMAND_MARK}}};` once in docs/assets/js/shared.js (its load() "
            "checks each script against its hash, so an open page never runs a newer edition's)",
        )
    ]


def _delete_unrequested_files(site: Path, index: str | None) -> list[Path]:
    """Source maps and lunr language packs the search worker never loads: no reader can use them
    (and their words must not count as class names in the purge). The engine leaves Material's
    out before MkDocs copies them (unrequested_files.unrequested_paths): what is left here is any
    another plugin wrote, or all of them when the search's languages are known only from its
    index. Returns the files left in the site (offline.site_files), which the rest of step 2
    reads without adding or deleting any."""
    languages = json.loads(index)["config"]["lang"] if index else []
    files = offline.site_files(site)
    unused = set(unrequested_files.unrequested_in_site(site, languages, files))
    for path in unused:
        path.unlink()
    files = [path for path in files if path not in unused]
    for minified in (p for p in files if p.name.endswith((".min.js", ".min.css"))):
        text = minified.read_text(encoding="utf-8")
        trimmed = unrequested_files.without_source_map_comment(text)
        if trimmed != text:
            minified.write_text(trimmed, encoding="utf-8")
    lunr_root = site / unrequested_files.LUNR_DIR
    for folder in sorted((p for p in lunr_root.rglob("*") if p.is_dir()), reverse=True) + [lunr_root]:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return files


def _theme_copy(theme_dirs: list[str], relative: Path) -> Path:
    """The theme's unpurged file that the engine copied to `relative` in the site."""
    for theme_dir in theme_dirs:
        if (Path(theme_dir) / relative).is_file():
            return Path(theme_dir) / relative
    raise BuildStopped(f"{relative} is in the site but in no theme folder; is mkdocs-material installed as pinned?")


def print_page_and_pdf(
    site: Path, build: PostBuild, pages: dict[str, bytes], report: Report, system: pdf_system.Snapshot | None = None
) -> str | None:
    """Step 3: the PDF, from the print page as printed (TOOLKIT_PDF=0 skips it). Returns the PDF's
    figures for its download links, if it was made. system: the build's, for the PDF's key."""
    if PRINT_PAGE_FILE not in pages:
        return None
    target = site / pdf.PDF_PATH
    if not build.pdf["enabled"]:
        target.unlink(missing_ok=True)  # never leave a stale PDF from an earlier build
        return None
    document = printpage.build_print_document(
        as_printed(pages[PRINT_PAGE_FILE].decode("utf-8"), build),
        title=build.pdf["title"],
        author=build.site_author,
        description=build.site_description,
        contents_title=build.pdf["contents_title"],
        web_addresses=build.left_out,
        page_addresses=build.page_addresses,
        stylesheets=[(site / css).as_uri() for css in page_assets.page_stylesheets(build.extra_css, build.page_assets)]
        + [pdf.PDF_STYLESHEET.as_uri()],
    )
    pages = {section: build.print_sections.get(section) for section, _ in document.dead_links}
    sources = {section: (file, _source_text(build, file)) for section, file in pages.items() if file}
    report.problems += printpage.dead_link_problems(document.dead_links, sources)
    start, start_cpu = time.perf_counter(), time.process_time()
    figures = pdf.render_pdf(
        document.html,
        base_url=(site / PRINT_PAGE_FILE).as_uri(),
        target=target,
        min_pages=len(document.page_titles) + 2,
        cache_dir=build.cache_dir,
        conditions=system.conditions if system else None,
    )
    # scripts/benchmark.py reads this line: keep its wording.
    how = "reused unchanged from the cache" if figures.reused else "rendered"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.info.append(
        f"PDF written to {pdf.PDF_PATH} ({figures.text}, {pdf.headroom(figures.size_bytes)}); {how} in "
        f"{time.perf_counter() - start:.2f} s ({time.process_time() - start_cpu:.2f} s CPU); "
        f"build peak memory {peak_mb:.0f} MB."
    )
    return figures.text


def _source_text(build: PostBuild, file: str) -> str:
    """A page's Markdown (file as the maintainer sees it), for a message's line; "" if unreadable."""
    path = Path(build.project_root) / file
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""


def finish_pages(
    pages: dict[str, bytes], digests: dict[str, bytes], build: PostBuild, pdf_figures: str | None, report: Report
) -> dict[str, bytes]:
    """Step 4, every page. Finishing a page is a function of its path, its HTML as the engine wrote
    it (digests), this build's settings and our code alone: a page an earlier build finished from
    the same inputs, with nothing to report, is read from the render cache (the scans cost 14 ms a
    page on a copy whose menu lists 1,000 pages). A page with findings is finished and reported
    every time. The print page as printed (as_printed) is a function of off_print_page, in the key.
    The key holds our code (render_cache.package_source). Returns each finished page's SHA-256
    (kept with it: the offline list needs it)."""
    allowlist = csp.Allowlist(set(build.allowlist))
    settings = json.dumps(
        [
            build.site_name,
            build.app.get("short_name", ""),
            build.page_assets,
            build.redirect_strips,
            build.off_print_page,
            pdf_figures,
        ],
        sort_keys=True,
    )
    kept = render_cache.KeptFiles(
        build.cache_dir,
        "finished-pages",
        render_cache.key_for(render_cache.package_source(), settings, *sorted(build.allowlist)),
    )
    finished_digests = {}
    finished_earlier = set(build.finished_earlier)
    for path, page in pages.items():
        if path in finished_earlier:
            finished_digests[path] = digests[path]
            continue
        key = render_cache.key_for(path, digests[path])
        # A kept file is the finished page's SHA-256 (32 bytes), then the page.
        finished = kept.get(key)
        if finished is not None:
            finished_digests[path], finished = finished[:32], finished[32:]
        else:
            html, findings = finish_page(path, page.decode("utf-8"), build, allowlist, pdf_figures)
            finished = html.encode("utf-8")
            finished_digests[path] = hashlib.sha256(finished).digest()
            # A page whose content was reported already: these findings only echo it. Pages without
            # a source of their own (the print page repeats every page) stay quiet once any page was.
            source = build.page_sources.get(path)
            if findings and path not in build.pages_with_problems and (source or not build.pages_with_problems):
                report.problems += policy_problems(findings, path, source, build)
            if not findings:
                kept.put(key, finished_digests[path] + finished)
        pages[path] = finished
    kept.forget_unused()
    return finished_digests


def as_printed(print_page: str, build: PostBuild) -> str:
    """The print page with its links to pages it does not carry going to the website, and its text
    message links texting again: for the PDF (step 3) and as the site serves it (finish_page).
    Done in finish_page, not once in step 3 for both, so a build whose finished print page is
    kept and makes no PDF does not rewrite its megabyte (2 ms a build)."""
    linked = printpage.link_pages_off_the_print_page(print_page, build.off_print_page)
    return printpage.restore_text_message_links(linked)


def finish_page(
    path: str, html: str, build: PostBuild, allowlist: csp.Allowlist, pdf_figures: str | None
) -> tuple[str, list[Code]]:
    """One page, and the inline code in it that no template wrote: the print page as printed
    (as_printed), the emergency strip on a redirect stub, the PDF's figures in its download
    links, feature files the page does not use and the theme's hidden contents lists dropped
    (the print page holds every feature and keeps them, and its script reads the contents list),
    the shared stylesheets as one file, the theme's markup fixes, safe links to other sites,
    whitespace cut, then the policy, last: it hashes the final inline code."""
    if path == PRINT_PAGE_FILE:
        html = as_printed(html, build)
    if path in build.redirect_strips:
        html = redirects.with_emergency_strip(html, build.redirect_strips[path])
    if pdf_figures:
        html = html.replace(pdf.FIGURES_PLACEHOLDER, pdf_figures)
    if path != PRINT_PAGE_FILE:
        html = page_assets.without_assets(html, page_assets.unused_assets(html, build.page_assets))
        html = theme_fixes.without_contents_lists(html)
    html = page_assets.with_shared_stylesheets(html, page_assets.shared_stylesheets(build.extra_css, build.page_assets))
    html = with_safe_external_links(theme_fixes.apply(html, build.site_name, build.app.get("short_name", "")))
    html = page_assets.minify_html(html)
    allowed, findings = csp.page_findings(html, allowlist)
    return csp.with_policy(html, csp.page_policy(allowed)), findings


def policy_problems(findings: list[Code], path: str, source: str | None, build: PostBuild) -> list[Problem]:
    """Inline code no template wrote, outside the page's content (its content was checked at the
    Markdown stage): in the page's own file (front matter), a data file, mkdocs.yml or a template.
    A page with no source of its own (the 404 page) is named by its path in the site only when
    none of those holds it."""
    root = Path(build.project_root)
    page = root / source if source else None
    text = page.read_text(encoding="utf-8") if page and page.is_file() else ""
    return content_policy.located_problems(
        findings,
        (source or f"site/{path}", text),
        root,
        " (it is not in the page's content: check the front matter, the templates and the plugin)",
    )


def write_offline_copy(
    site: Path, build: PostBuild, pages: dict[str, bytes], digests: dict[str, bytes], index: str | None, report: Report
) -> None:
    """Step 5: the app icons and manifest, the stored size in the page that explains it, every
    page and the search index written, then the worker's list of every file with its hash.
    digests: the pages' SHA-256, known from step 4."""
    app = build.app
    mark = (Path(build.project_root) / app["mark"]).read_bytes()
    icon_dir = site / offline.ICON_DIR
    icon_dir.mkdir(parents=True, exist_ok=True)
    for name, data in offline.app_icons(mark, app["theme_colour"], build.cache_dir).items():
        (icon_dir / name).write_bytes(data)
    manifest = offline.web_manifest(
        name=build.site_name,
        short_name=app["short_name"],
        description=build.site_description,
        theme_colour=app["theme_colour"],
        background_colour=app["background_colour"],
    )
    (site / offline.MANIFEST_PATH).write_text(manifest, encoding="utf-8")

    written = dict(pages)
    if index is not None:
        written[SEARCH_INDEX] = index.encode("utf-8")
    # The figure replaces the placeholder, so the size it states counts its own length: near a
    # rounding boundary the placeholder's would tip it over ("3.0 MB" for 2.9 MB). Its length
    # settles in a step or two ("9.9 MB" to "10.0 MB" at most once).
    # One listing for both counts: writing the pages and the index below adds and deletes no file.
    to_store = offline.files_to_store(site)
    with_placeholders = offline.stored_bytes_once_written(site, written, to_store)
    places = {path: count for path, data in written.items() if (count := data.count(SIZE_PLACEHOLDER))}
    size = SIZE_PLACEHOLDER
    for _ in range(3):
        size = offline.megabytes(
            with_placeholders + sum(places.values()) * (len(size) - len(SIZE_PLACEHOLDER))
        ).encode()
    for path in places:
        written[path] = written[path].replace(SIZE_PLACEHOLDER, size)
        digests.pop(path, None)  # changed: hashed again
    for path, data in written.items():
        (site / path).write_bytes(data)

    if build.serve:
        (site / offline.WORKER_PATH).write_text(offline.PREVIEW_WORKER.read_text(encoding="utf-8"), encoding="utf-8")
        return
    entries = offline.precache_entries(site, written, digests, to_store)
    # Minified like the site's other scripts: readers' browsers fetch it on each visit.
    worker = offline.render_worker(page_assets.minify_js(offline.WORKER_TEMPLATE.read_text(encoding="utf-8")), entries)
    (site / offline.WORKER_PATH).write_text(worker, encoding="utf-8")
    report.info.append(
        f"Offline copy: {len(entries)} files, {offline.megabytes(offline.stored_bytes(entries))} stored on a "
        "reader's device after one visit."
    )
    over_budget = offline.budget_problem(entries)
    if over_budget:
        report.warnings.append(over_budget)
