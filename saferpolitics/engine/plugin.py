"""The one MkDocs adapter: runs the Markdown stage and the post-build pipeline inside `mkdocs build`.

Registered as the `saferpolitics` plugin (pyproject.toml's entry point). print-site must be listed
last, so the events that must follow the other plugins' say so with `event_priority`. The build,
in the order MkDocs calls us:

- on_config: every data file read and checked once (all problems at once), the Markdown
  extensions added (saferpolitics.markdown_stage.site_data), the theme's environments told to
  record the inline code their templates write and to keep what they compile, the PDF switch read.
- on_files: the generated downloads (the blank evidence log CSV; the crisis card PDFs, listed
  here and made by the pipeline); checklist links checked against the pages (held, see on_env).
- on_nav: what the print page, the PDF and the search index need to know about the navigation;
  every page under Guidance in the nav is in the home page's Guidance list; the search synonyms'
  pages exist (held, see on_env).
- on_page_markdown: tell the extensions which page they convert; check `reviewed:`, `pdf:` and
  that every name in the front matter is a setting.
- on_page_content (after print-site has taken the page for the print page): one scan of the
  page's content for every check that needs it (blocks left as text, addresses not in the
  registry, inline code), checklist mistakes, then the page's "On this page" list.
- on_page_context: answer pages get no Previous/Next.
- on_env, every page converted: checklists that no page places, guided-help answer pages no
  choice leads to, two pages with one title, and redirects to a section their page does not have
  (each page's ids as MkDocs noted them). Then the build stops if on_files or on_nav held a
  mistake (Build.held), listing them all, after every page's own warnings: a renamed page's
  links, in the data files and in the pages, are all reported by one build. A stop before then
  lists what was held with its own problems. Last, the log names the pages due for review.
- on_post_build, after every other plugin: registry entries no page uses, then the post-build
  pipeline (saferpolitics.post_build.pipeline), which finishes every page, the print page, the
  404 page and the redirect stubs alike.

All per-build state is one `Build`, made afresh in on_config (MkDocs may load this module more
than once, and `mkdocs serve` rebuilds with the same plugin object).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import jinja2.bccache
import markdown
import mkdocs
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, set_exclusions
from mkdocs.utils import DuplicateFilter

from saferpolitics.core import installed, render_cache
from saferpolitics.core.datafile import Located, key_lines, line_given, load_settings
from saferpolitics.core.front_matter import setting_as_written, setting_value_problems, unknown_setting_problems
from saferpolitics.core.home_guidance import HOME_PAGE, SECTION, unlisted_guidance_problems
from saferpolitics.core.nav_entries import same_title_problems
from saferpolitics.core.problems import (
    BuildStopped,
    HeldProblems,
    Problem,
    decode_source,
    display_path,
    raise_problems,
    warn_problems,
)
from saferpolitics.core.published_pages import missing_section_problems
from saferpolitics.core.search_synonyms import SYNONYMS_FILE, check_pages
from saferpolitics.core.served_files import served_file_problems
from saferpolitics.core.site_settings import TEXT_SETTINGS, SiteSettings, listed_file_problems, site_setting_problems
from saferpolitics.core.template_errors import failing_line, template_problem
from saferpolitics.core.theme_settings import LANGUAGES, known_features, language_problem
from saferpolitics.engine.config import (
    ToolkitConfig,
    plugin_options,
    settings_being_read,
    take_unknown_settings,
    unrecognised_setting_problems,
)
from saferpolitics.engine.link_messages import ProjectLinkMessages, count_every_page_warning, install_link_messages
from saferpolitics.markdown_stage import review_dates
from saferpolitics.markdown_stage.blocksyntax import block_specs
from saferpolitics.markdown_stage.checklists import CHECKLISTS_FILE, links_checked
from saferpolitics.markdown_stage.evidence_log import CSV_PATH, csv_text
from saferpolitics.markdown_stage.first_hour import card_for_print
from saferpolitics.markdown_stage.guided_help import (
    HELP_FOLDER,
    home_situation_problems,
    kept_off_paper_problem,
    missing_checklist_problems,
    unreached_page_problems,
)
from saferpolitics.markdown_stage.links import unused_entry_problems
from saferpolitics.markdown_stage.on_this_page import sections, with_on_this_page
from saferpolitics.markdown_stage.site_data import MarkdownStage, SiteData, load_site_data
from saferpolitics.post_build import (
    crisis_cards,
    csp,
    offline,
    page_assets,
    pdf,
    pdf_system,
    pipeline,
    unrequested_files,
)

log = get_plugin_logger("saferpolitics")

# Where `defer_post_build` leaves what the pipeline needs, for `python -m saferpolitics.post_build`.
POST_BUILD_RECORD = ".cache/post-build.json"


def _forget_earlier_builds_messages() -> None:
    """MkDocs' command line drops every message its build logger has logged before in the process
    (DuplicateFilter, meant for one build's repeats). Under `mkdocs serve` a mistake that stops the
    build was named once, and each later build said only "Aborted with a BuildError!", even after
    the maintainer fixed it and made it again: each build now starts with none seen."""
    for kept in logging.getLogger("mkdocs.commands.build").filters:
        if isinstance(kept, DuplicateFilter):
            kept.msgs.clear()


def stops_cleanly(method):
    """A maintainer's mistake that stops the build reads as MkDocs' own error: no traceback. The
    problems held so far (HeldProblems) are listed with it: one build shows them all."""

    @functools.wraps(method)
    def wrapper(plugin, *args, **kwargs):
        try:
            return method(plugin, *args, **kwargs)
        except BuildStopped as error:
            held = plugin.build.held if plugin.build is not None else HeldProblems()
            raise PluginError(held.with_them(str(error))) from None

    return wrapper


class WrittenByThePipeline(File):
    """A file the post-build pipeline writes into the site (a crisis card, our stylesheets and
    scripts minified): MkDocs knows it is there, so links to it are checked as links to any file,
    and copies nothing."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


@dataclass
class Build:
    """Everything one build knows beyond MkDocs' own config, pages and files."""

    root: Path
    data: SiteData
    stage: MarkdownStage
    post: pipeline.PostBuild
    link_messages: ProjectLinkMessages
    allowlist: csp.Allowlist
    settings: Located | None  # mkdocs.yml as read with lines (on_config), for the lines of later messages
    block_specs: dict = field(default_factory=dict)
    used_link_ids: set[str] = field(default_factory=set)
    # Mistakes found before the pages (links in the data files to pages that are not there) that
    # nothing before the pages needs fixed: held, so the page checks report theirs in the same
    # build, then the build stops with them all at the end of the page events (on_env).
    held: HeldProblems = field(default_factory=HeldProblems)
    # Each page's review date as read (on_page_markdown), for the log's pages due for review (on_env).
    reviewed: dict[str, review_dates.Reviewed] = field(default_factory=dict)
    # What the machine offers the PDFs, as this build's preflight found it: their keys use it again.
    system: pdf_system.Snapshot = field(default_factory=pdf_system.Snapshot)
    # The site path of every page (on_nav), and of those this build converts (on_page_content):
    # a `--dirty` build leaves the others as an earlier build finished them.
    page_paths: list[str] = field(default_factory=list)
    converted: set[str] = field(default_factory=set)


class ToolkitPlugin(BasePlugin[ToolkitConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.command, self.dirty = "build", False
        self.build: Build | None = None
        # The render cache (PDFs, icons, schema passes, templates) and the templates' inline code,
        # set up by on_config's first part, before any other plugin renders a template.
        self.cache: Path | None = None
        self.allowlist = csp.Allowlist()
        # Settings that would stop another plugin with a traceback, found before it runs and
        # reported with the rest of the settings' problems (_theme_first, _the_build).
        self.early_problems: list[Problem] = []
        # mkdocs.yml's top-level names that are no setting of the engine (load_config).
        self.unknown_settings: list[str] = []
        self.known_settings: set[str] = set()
        # mkdocs.yml as read with lines, once per build (on_config's first part), and its keys given twice.
        self.written: tuple[Located | None, list[Problem]] = (None, [])
        # The page on_page_markdown read, its Markdown file as written and its path for messages:
        # on_page_content, which follows for the same page, reads them here, not from the disk.
        self.page_read: tuple[object, str, str] | None = None

    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty

    def load_config(self, options, config_file_path=None):
        """Our options, and mkdocs.yml's misspelt top-level names (`site_ur:`), taken out while the
        engine is still checking its settings so that on_config names each on its line."""
        result = super().load_config(options, config_file_path)
        settings = settings_being_read(config_file_path)
        self.unknown_settings = take_unknown_settings(settings)
        self.known_settings = set(getattr(settings, "_schema_keys", ()))
        return result

    @event_priority(100)  # before Material's search, which renders its translations with the theme
    def _theme_first(self, config):
        """The theme's environments, recording the inline code its templates write and keeping them
        compiled (_theme_environments), before any plugin renders a template with them. And the
        settings other plugins' on_config would stop at with a traceback (_crashing_settings)."""
        _forget_earlier_builds_messages()
        root = Path(config.config_file_path).resolve().parent
        self.build = None  # a previous build's (`mkdocs serve`), with what it held, until _the_build makes this one's
        self.cache = render_cache.cache_dir_for(root, os.environ)
        self.allowlist = csp.Allowlist()
        _theme_environments(config.theme, self.allowlist, self.cache, root)
        config_file = Path(config.config_file_path)
        self.written = load_settings(config_file.read_text(encoding="utf-8"), display_path(config_file, root))
        self.early_problems = _crashing_settings(
            config, root, self.written[0], self.unknown_settings, self.known_settings
        )
        return config

    @event_priority(-50)  # after print-site has added its stylesheet and script to the config
    @stops_cleanly
    def _the_build(self, config):
        root = Path(config.config_file_path).resolve().parent
        count_every_page_warning(config.strict)
        # Before any work: every build makes the crisis cards, so the PDF engine and fonts must be there.
        stylesheets = [pdf.PDF_STYLESHEET, Path(config.docs_dir) / crisis_cards.STYLESHEET]
        system = pdf_system.Snapshot(self.cache)  # this build's: never an earlier build's (`mkdocs serve`)
        raise_problems(
            pdf_system.preflight([css for css in stylesheets if css.is_file()], root, system),
            "Missing for the PDF and the crisis cards",
        )
        cache = self.cache
        if note := render_cache.switch_note(os.environ):
            log.info(note)
        data, problems = load_site_data(root, cache)
        # The installed app's settings as plain values, for the post-build stage and the templates.
        # Stylesheets an earlier build found asking for nothing (data.key holds our code).
        clean_css = render_cache.KeptFiles(cache if data else None, "clean-stylesheets", data.key if data else "")
        app, option_lines, settings_problems = _settings(config, self.config, root, self.cache, self.written, clean_css)
        clean_css.forget_unused()
        raise_problems(problems + self.early_problems + settings_problems, "Data files and settings")
        stage = MarkdownStage(data, root, cache, site_url=config.site_url or "")
        config.markdown_extensions.extend(stage.extensions)
        abbr = config.mdx_configs.setdefault("abbr", {})
        abbr["glossary"] = {**stage.abbreviations, **abbr.get("glossary", {})}

        config.extra["toolkit_app"] = app

        edition = _edition()  # read once: the PDF's cover and the crisis cards print the same
        skip_reason = pdf.pdf_skip_reason(self.command, self.dirty, os.environ)
        if skip_reason is not None:
            log.info(f"No PDF this time: {skip_reason}.")
        config.extra["toolkit_pdf"] = {
            "enabled": skip_reason is None,
            "href": pdf.PDF_PATH,
            "edition": edition,
            "built": _build_date(),
        }

        print_site = config.plugins["print-site"].config if "print-site" in config.plugins else {}
        post = pipeline.PostBuild(
            project_root=str(root),
            site_name=config.site_name,
            site_description=config.site_description or "",
            site_author=config.site_author or "",
            site_url=config.site_url or "",
            serve=self.command == "serve",
            extra_css=[str(css) for css in config.extra_css],
            scripts=[str(js) for js in (*config.extra_javascript, *self.config.load_on_demand)],
            page_assets=self.config.page_assets,
            palette_colours=sorted(
                {entry.get(key) for entry in config.theme.get("palette") or [] for key in ("primary", "accent")}
                - {None}
            ),
            theme_dirs=[str(d) for d in config.theme.dirs],
            app=app,
            pdf={
                "enabled": skip_reason is None,
                "title": print_site.get("print_page_title", config.site_name),
                "contents_title": print_site.get("toc_title", "Contents"),
            },
            render_cache=str(cache) if cache else None,
            config_file=display_path(config.config_file_path, root),
            on_demand=[str(js) for js in self.config.load_on_demand],
            option_lines=option_lines,
            crisis_card={
                **card_for_print(data.first_hour, data.registry, config.site_url or "", edition),
                "author": config.site_author or "",  # as the toolkit PDF has it
                "base_url": Path(config.docs_dir).as_uri() + "/",
            },
        )
        messages = install_link_messages(root, Path(config.docs_dir).resolve(), _redirect_maps(config))
        self.build = Build(root, data, stage, post, messages, self.allowlist, self.written[0], system=system)
        # Every block any extension registered, for the messages about blocks left as text.
        self.build.block_specs = block_specs(
            markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        )
        return config

    on_config = CombinedEvent(_theme_first, _the_build)

    @stops_cleanly
    def on_files(self, files, config):
        build = self.build
        build.link_messages.files = files
        doc_pages = {file.src_uri for file in files.documentation_pages()}
        checked, problems = links_checked(
            build.data.checklists, set(build.data.registry.links), doc_pages, moved=_redirect_maps(config)
        )
        build.held.hold(problems, f"Checklist links ({CHECKLISTS_FILE})")
        # The pages show each item without the link just reported, so it is not reported again there.
        build.stage.checklists.checklists = {checklist.id: checklist for checklist in checked}
        # These stop the build at once (MkDocs cannot read the page; a file is not fit to serve),
        # listing the checklist links held above with them.
        raise_problems(_unreadable_pages(files, build.root), "Pages")
        folders = [config.docs_dir, *([config.theme.custom_dir] if config.theme.custom_dir else [])]
        raise_problems(
            _unsafe_served_files(files, build.root, [os.path.abspath(f) for f in folders], config.site_author or ""),
            "Files",
        )
        if (languages := _search_languages(config)) is not None:  # source maps, unused lunr packs: not copied
            unused = set(unrequested_files.unrequested_paths((file.dest_uri for file in files), languages))
            for file in [file for file in files if file.dest_uri in unused]:
                files.remove(file)
        # Our stylesheets and scripts: MkDocs copies none of them. Post-build step 2 writes each
        # minified from its source, and the stylesheets it bundles only as the bundle: a copy
        # overwritten or deleted at once cost 3.5 ms a build (29 files).
        minified = {*build.post.extra_css, *build.post.scripts}
        for file in [file for file in files if file.dest_uri in minified and file.generated_by is None]:
            build.post.asset_sources[file.dest_uri] = file.abs_src_path
            files.remove(file)
            files.append(
                WrittenByThePipeline(
                    file.src_uri,
                    file.src_dir,
                    file.dest_dir,
                    file.use_directory_urls,
                    dest_uri=file.dest_uri,
                    inclusion=file.inclusion,
                )
            )
        files.append(File.generated(config, CSV_PATH, content=csv_text(build.data.evidence_fields)))
        for path in crisis_cards.CARDS:  # listed now, for the pages' links to them; the pipeline writes them
            files.append(WrittenByThePipeline.generated(config, path, abs_src_path=str(Path(config.site_dir) / path)))
        return files

    @stops_cleanly
    def on_nav(self, nav, config, files):
        from mkdocs_print_site_plugin.urls import get_page_key  # print-site names its sections so

        post = self.build.post
        # As search and the theme address each page (Page.url): the home page is "", where its
        # File.url is "./", and a synonym for it was not found in the search index.
        urls = {file.src_uri: file.page.url if file.page else file.url for file in files.documentation_pages()}
        # Only the post-build search index needs them: held, stopping the build after the pages.
        self.build.held.hold(
            check_pages(self.build.data.search_words.synonyms, urls, moved=_redirect_maps(config)), SYNONYMS_FILE
        )
        in_nav = {page.file.src_uri for page in nav.pages}
        post.search_pages = urls
        post.hidden_urls = sorted(url for src, url in urls.items() if src not in in_nav)
        # `mkdocs build --dirty`: Material indexes only the pages it rebuilds (under `serve` it
        # adds them to the index it kept), so pages and phrases it lacks are no mistake.
        post.search_index_whole = not (self.dirty and self.command == "build")
        self.build.page_paths = [file.dest_uri for file in files.documentation_pages()]
        post.print_sections = {
            get_page_key(page.url): display_path(page.file.abs_src_path, self.build.root) for page in nav.pages
        }
        post.off_print_page = {
            get_page_key(file.url): file.url for file in files.documentation_pages() if file.src_uri not in in_nav
        }
        post.left_out = {}
        post.page_addresses = {
            get_page_key(page.url): urljoin(config.site_url, page.url) if config.site_url else None
            for page in nav.pages
        }
        home = files.get_file_from_path(HOME_PAGE)
        if home is not None:
            guidance = [
                page.file.src_uri for page in nav.pages if page.ancestors and page.ancestors[-1].title == SECTION
            ]
            home_label = _source_label(home, self.build.root, config)
            warn_problems(unlisted_guidance_problems(guidance, home.content_string, home_label), log)
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        build = self.build
        build.stage.start_page(page.file.src_uri)
        source = page.file.content_string
        label = _source_label(page.file, build.root, config)
        self.page_read = (page, source, label)
        problems = self._pdf_front_matter(page, label, source, config)
        if page.file.generated_by is None:
            problems += unknown_setting_problems(source, label)
            unusable = setting_value_problems(
                page.meta,
                source,
                label,
                lambda path: any((Path(folder) / path).is_file() for folder in config.theme.dirs),
            )
            for name in unusable:
                page.meta.pop(name)  # or the theme stops the build with a traceback before it reports
            problems += unusable.values()
        if not self.config.review_dates:
            warn_problems(problems, log)
            return markdown
        reviewed, date_problems = review_dates.check_page(
            source, label, review_dates.today_in_uk(), generated_by=page.file.generated_by
        )
        warn_problems(problems + date_problems, log)
        if date_problems:
            return markdown
        build.reviewed[label] = reviewed
        # In the Markdown, so the "Last reviewed" line reaches the print page, the PDF and search.
        return f"{markdown.rstrip()}\n\n{review_dates.reviewed_note_html(reviewed.date)}\n"

    def _pdf_front_matter(self, page, label: str, source: str, config) -> list[Problem]:
        """`pdf: false` keeps a page off paper: the print page keeps it, the PDF drops it, and links
        to it in the PDF go to the website. Not print-site's own `exclude`: that logs through the
        root logger, which then prints every WeasyPrint CSS warning as a build WARNING."""
        from mkdocs_print_site_plugin.urls import get_page_key

        in_pdf = page.meta.get("pdf", True)
        if in_pdf is True:
            return []
        if in_pdf is False:
            line, _ = setting_as_written(source, label, "pdf", in_pdf)
            if problem := kept_off_paper_problem(page.file.src_uri, label, line):
                return [problem]
            address = urljoin(config.site_url, page.url) if config.site_url else None
            self.build.post.left_out[get_page_key(page.url)] = address
            return []
        # As written: `pdf: "false"` (in quotes, text, not false) must not read as `pdf: false`.
        line, written = setting_as_written(source, label, "pdf", in_pdf)
        return [
            Problem(
                label,
                line,
                f"`{written}` is not true or false",
                "write `pdf: false`, without quotes, to keep this page out of the PDF (it stays on the website), "
                "or remove the line",
            )
        ]

    @event_priority(-50)  # after print-site has taken the page's HTML for the print page
    def on_page_content(self, html, page, config, files):
        build = self.build
        site_path = page.file.dest_uri
        build.converted.add(site_path)
        source, file = self._source_and_file(page)
        if file is not None:
            build.post.page_sources[site_path] = file
        if 'class="sp-glossary"' in html:
            build.post.glossary_url = page.url
        problems = self._content_problems(html, page, source, file)
        if problems:
            build.post.pages_with_problems.append(site_path)
        warn_problems(problems, log)
        if page.is_homepage:  # its first screen is for choosing a situation
            return html
        return with_on_this_page(html, sections(page.toc), build.stage.is_long)

    def _source_and_file(self, page) -> tuple[str | None, str | None]:
        """A page's Markdown file as written and its path for messages (None: no file of its own),
        as on_page_markdown read them for this page; a page it did not read is read now."""
        if not page.file.abs_src_path:
            return None, None
        if self.page_read is not None and self.page_read[0] is page and page.file.generated_by is None:
            return self.page_read[1], self.page_read[2]
        return None, display_path(page.file.abs_src_path, self.build.root)

    def _content_problems(self, html: str, page, source: str | None, file: str | None) -> list[Problem]:
        """Everything wrong in one page's rendered content, from one scan of it."""
        build = self.build
        findings, used = build.stage.links.take_page_results()
        build.used_link_ids |= used
        if page.file.generated_by is not None or file is None:
            return []  # generated pages (the print page) repeat the others: their parts are checked
        if source is None:
            source = page.file.content_string
        return build.stage.page_problems(html, findings, source, file, build.block_specs)

    def on_page_context(self, context, page, config, nav):
        if page.file.src_uri.startswith(HELP_FOLDER):  # each answer ends with its own next step, not Previous/Next
            page.previous_page = page.next_page = None
        return context

    @stops_cleanly
    def on_env(self, env, config, files):  # every page converted, none written yet
        build = self.build
        checklists = build.stage.checklists
        # Each page's source read once (MkDocs reads the file again each time it is asked).
        ours = [file for file in files.documentation_pages() if file.generated_by is None and file.abs_src_path]
        pages = {file.src_uri: (display_path(file.abs_src_path, build.root), file.content_string) for file in ours}
        titled = []  # (file, title, source)
        for file in ours:
            if file.page is not None and file.page.title:
                label, source = pages[file.src_uri]
                titled.append((label, file.page.title, source))

        def sections(page: str) -> set[str] | None:  # MkDocs 1.6 notes each page's ids as it converts it
            found = files.get_file_from_path(page)
            return None if found is None or found.page is None else set(found.page.present_anchor_ids or ())

        settings_file = display_path(config.config_file_path, build.root)
        warn_problems(
            unreached_page_problems(build.stage.answers.choices, pages)
            + home_situation_problems(build.stage.answers.choices, pages)
            + missing_checklist_problems(pages)
            + same_title_problems(titled)
            + missing_section_problems(_redirect_maps(config), sections, settings_file, build.settings)
            + [
                Problem(
                    CHECKLISTS_FILE,
                    checklist.line,
                    f"checklist `{checklist.id}` is not placed on any page",
                    f"add `/// checklist | {checklist.id}` and a line `///` to the page where it belongs, or "
                    "delete the checklist",
                )
                for checklist in checklists.checklists.values()
                if checklist.id not in checklists.placements
            ],
            log,
        )
        # After every page's warnings: one build lists every mistake. A checklist's link to a page
        # that a page's link warning already named (they are searched for in the data files) is not repeated.
        build.held.stop(said=build.link_messages.reported)
        # Information, not a warning: a strict build must not start failing only because time has passed.
        due = review_dates.due_for_review(build.reviewed.values(), review_dates.today_in_uk())
        if due:
            log.info(review_dates.due_summary(due))
        return env

    @event_priority(-100)  # after search, redirects and print-site have written their files
    @stops_cleanly
    def on_post_build(self, config):
        build = self.build
        if self.config.report_unused_links:
            warn_problems(unused_entry_problems(build.data.registry, build.used_link_ids), log)
        build.stage.end_build()
        build.post.redirect_strips = _redirect_strips(config)
        build.post.allowlist = sorted(build.allowlist.hashes)
        if self.dirty:
            build.post.finished_earlier = sorted(set(build.page_paths) - build.converted)
        if self.config.defer_post_build:
            build.post.save(build.root / POST_BUILD_RECORD)
            log.info(f"Post-build steps left for `python -m saferpolitics.post_build`: {POST_BUILD_RECORD}")
            return
        report = pipeline.run(
            Path(config.site_dir), build.post, build.data.search_words, build.data.glossary, build.system
        )
        warn_problems(report.problems, log)
        for warning in report.warnings:
            log.warning(warning)
        for line in report.info:
            log.info(line)


def _unreadable_pages(files, root: Path) -> list[Problem]:
    """Every page MkDocs could not read as UTF-8, each on its line, before MkDocs stops at the
    first with a traceback."""
    problems = []
    for file in files.documentation_pages():
        if file.generated_by is None and file.abs_src_path:
            _, problem = decode_source(Path(file.abs_src_path).read_bytes(), display_path(file.abs_src_path, root))
            problems += [problem] if problem else []
    return problems


def _unsafe_served_files(files, root: Path, folders: list[str], organisation: str = "") -> list[Problem]:
    """Files the site serves as they are, from docs/ or the theme's overrides/ (folders), that a
    browser could open as a document and run code in (saferpolitics.core.served_files). By each
    file's own path: a link to a file elsewhere is served from here. The installed theme's own
    files are its authors'."""
    problems = []
    prefixes = tuple(os.path.join(folder, "") for folder in folders)  # strings: Path is slow on every theme file
    for file in files:
        ours = file.generated_by is None and (file.abs_src_path or "").startswith(prefixes)
        if ours and not file.is_documentation_page():
            source = Path(file.abs_src_path)
            problems += served_file_problems(display_path(source, root), source.read_bytes, organisation)
    return problems


def _settings(
    config,
    options: ToolkitConfig,
    root: Path,
    cache: Path | None,
    written: tuple[Located | None, list[Problem]],
    clean_stylesheets: render_cache.KeptFiles | None = None,
) -> tuple[dict[str, str], dict[str, dict[str, int]], list[Problem]]:
    """The installed app's settings as plain values (the mark relative to the project, a colour
    written as var(--name) read from the stylesheets), and what MkDocs cannot check in the
    plugin's settings, each mistake on its line of mkdocs.yml: the app's mark and colours, the page
    assets (each listed in extra_css or extra_javascript, with markers), the scripts loaded on
    demand (files in docs/); and any key given twice in the file (MkDocs silently keeps the last).
    written: mkdocs.yml as read with lines, and its keys given twice (datafile.load_settings). And
    the lines of the options the post-build steps name (app, page_assets, load_on_demand: "" -> the
    option's line, or the plugin's when it is not written; each entry -> its own). clean_stylesheets:
    the stylesheets found clean before (site_setting_problems)."""
    label = display_path(config.config_file_path, root)
    settings, problems = written[0], list(written[1])
    line, written = plugin_options(settings) or (None, None)
    lines = {
        key: key_lines(written.value.get(key) if written is not None else None) or {"": line}
        for key in ("app", "page_assets", "load_on_demand")
    }
    mark = Path(options.app.mark)
    app = {**options.app, "mark": display_path(mark, root)}
    problems += offline.mark_problems(mark, app["mark"], label, lines["app"].get("mark", line))
    stylesheets = [Path(config.docs_dir) / str(css) for css in config.extra_css]
    colours = {
        name: value
        for css in stylesheets
        if css.is_file()
        for name, value in offline.root_colours(css.read_text(encoding="utf-8")).items()
    }
    for key in ("theme_colour", "background_colour"):
        if app[key].startswith("var("):
            name = app[key][len("var(") : -1]
            app[key] = colours.get(name, app[key])
            if name not in colours:
                problems.append(
                    Problem(
                        label,
                        lines["app"].get(key, line),
                        f"app.{key} is {name}, which no stylesheet in extra_css sets to a colour in its :root",
                        f"set it in the :root of the identity stylesheet (e.g. {name}: #0f4c5c;), "
                        'or write "#rrggbb" here',
                    )
                )
    listed = [str(path) for path in (*config.extra_css, *config.extra_javascript)]
    features = known_features(config.theme.dirs, cache)
    problems += site_setting_problems(
        _site_settings(config, settings, label),
        features,
        bool(options.page_assets),
        csp.allows_data,
        clean_stylesheets,
    )
    problems += page_assets.asset_problems(options.page_assets, listed, label, lines["page_assets"])
    problems += page_assets.on_demand_problems(
        options.load_on_demand, Path(config.docs_dir), label, lines["load_on_demand"]
    )
    return app, lines, sorted(problems, key=lambda p: p.line or 0)


def _site_settings(config, settings: Located | None, label: str) -> SiteSettings:
    """MkDocs' resolved settings, as the settings checks read them (saferpolitics.core.site_settings)."""
    theme = config.theme
    return SiteSettings(
        file=label,
        written=settings,
        project=Path(config.config_file_path).parent,
        docs=Path(config.docs_dir),
        texts={name: config[name] for name in TEXT_SETTINGS},
        nav=config.nav or [],
        copyright=config["copyright"],
        extra_css=[str(css) for css in config.extra_css],
        extra_javascript=[str(js) for js in config.extra_javascript],
        repo_url=config.repo_url,
        theme_name=theme.name,
        theme_dirs=[Path(d) for d in theme.dirs],
        custom_dir=Path(theme.custom_dir) if theme.custom_dir else None,
        theme={name: theme.get(name) for name in ("features", "logo", "favicon", "font")},
        extra=config.extra or {},
        redirects=_redirect_maps(config),
        published=_published(config),
    )


def _published(config) -> Callable[[str], bool]:
    """Whether MkDocs publishes a file under docs/ (its path there), by its own rules: not in a dot
    folder or docs/templates/, nor left out by exclude_docs, nor a draft (draft_docs: only
    `mkdocs serve` shows drafts, on the maintainer's own computer)."""

    def published(path: str) -> bool:
        file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
        set_exclusions([file], config)
        return file.inclusion.is_included()

    return published


def _crashing_settings(
    config, root: Path, settings: Located | None, unknown: list[str], known: set[str]
) -> list[Problem]:
    """Settings another plugin's on_config would stop at with a traceback, each on its line of
    mkdocs.yml: a theme language with no words in any theme folder (Material's search renders
    them) and a print-site template that is not there. Each is then set to its default here, so
    that the build goes on to report every other problem of the settings and data at once. And
    the top-level names that are no setting (unknown, taken out in load_config; known: the
    engine's settings), which the engine would stop at with no line. settings: mkdocs.yml as read
    with lines (its YAML MkDocs has read)."""
    label = display_path(config.config_file_path, root)
    top = settings.value if settings is not None and isinstance(settings.value, dict) else {}
    problems = unrecognised_setting_problems(unknown, known, key_lines(settings), label)
    language = config.theme.get("language")
    if isinstance(language, str):
        available = [page.stem for folder in config.theme.dirs for page in (Path(folder) / LANGUAGES).glob("*.html")]
        line = key_lines(top.get("theme")).get("language") or key_lines(settings).get("theme")
        if problem := language_problem(language, available, label, line):
            problems.append(problem)
            config.theme["language"] = "en"  # Material's own, always there
    if "print-site" in config.plugins:
        options = config.plugins["print-site"].config
        for switch, setting in (
            ("add_cover_page", "cover_page_template"),
            ("add_print_site_banner", "print_site_banner_template"),
        ):
            path = options.get(setting) if options.get(switch) else ""
            if not path:
                continue
            line = line_given(top.get("plugins"), str(path)) or key_lines(settings).get("plugins")
            found = listed_file_problems(
                setting, [(str(path), line)], root, label, base_label="the folder of mkdocs.yml"
            )
            if found:
                problems += found
                options[setting] = ""  # print-site's own template
    return problems


def _search_languages(config) -> list[str] | None:
    """The languages the search index will name (its config's lang), which decide the lunr files
    the search loads: as Material's search plugin set them in its on_config. None when unknown (no
    such plugin: post-build step 2 reads them from the index); [] when it is switched off (no index)."""
    search = config.plugins.get("material/search")
    if search is None:
        return None
    return list(search.config.lang or []) if search.config.enabled else []


def _redirect_maps(config) -> dict[str, str]:
    """mkdocs-redirects' old page -> where it went (a page, or an address elsewhere)."""
    return config.plugins["redirects"].config.get("redirect_maps", {}) if "redirects" in config.plugins else {}


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates, kept so later builds load them instead of compiling them again:
    the theme's own by name and file, as Jinja keeps them (they change with its version); any
    other (ours in overrides/) by its name and source, so a test site's copy in a temporary
    folder shares the project's file instead of adding one, and an edit makes a new one. Jinja
    checks each against its template's source; the folder's key holds the rest (our marking of
    inline code, Jinja's and the engine's versions)."""

    def __init__(self, directory: Path, folders: list[Path]):
        super().__init__(str(directory))
        self.folders = [folder.resolve() for folder in folders]
        # Template file -> in the theme's folders, asked once a build: one of these serves every
        # environment of the build (five), and resolving a file's path asks the system for each part.
        self.theirs: dict[str, bool] = {}
        self.resolved_folders: dict[str, Path] = {}  # a templates' folder -> resolved (_resolved)
        self.loaded: dict[str, tuple[str, object]] = {}  # key -> (source checksum, code): load_bytecode

    def get_bucket(self, environment, name, filename, source):
        if filename is not None and filename not in self.theirs:
            resolved = self._resolved(filename)
            self.theirs[filename] = any(resolved.is_relative_to(f) for f in self.folders)
        if filename is not None and self.theirs[filename]:
            return super().get_bucket(environment, name, filename, source)
        key = hashlib.sha1(f"{name}|{source}".encode(), usedforsecurity=False).hexdigest()
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def _resolved(self, filename: str) -> Path:
        """Path(filename).resolve(), from its folder's, resolved once a build: the templates share
        a few folders, and resolving asks the system about each part of a path (a dozen under a
        virtual environment). A file that is itself a link is resolved as it is."""
        folder, name = os.path.split(filename)
        if name in ("", ".", "..") or os.path.islink(filename):
            return Path(filename).resolve()
        if folder not in self.resolved_folders:
            self.resolved_folders[folder] = Path(folder).resolve()
        return self.resolved_folders[folder] / name

    def load_bytecode(self, bucket) -> None:
        """A template's code as loaded for an earlier environment of the build, or from its file:
        each environment loads the templates it renders, and several load the same ones. By its
        key and its source's checksum, as the file is (Jinja checks the file's against the source)."""
        loaded = self.loaded.get(bucket.key)
        if loaded is not None and loaded[0] == bucket.checksum:
            bucket.code = loaded[1]
            return
        super().load_bytecode(bucket)
        if bucket.code is not None:
            self.loaded[bucket.key] = (bucket.checksum, bucket.code)


class ReportedTemplate(jinja2.Template):
    """A theme template whose mistakes stop the build as MkDocs' own error, at the template's
    line and naming the page it was making (saferpolitics.core.template_errors), not as a
    traceback. Only a render that MkDocs (or a plugin) asks for is watched: a template that
    extends or includes another runs inside it."""

    def render(self, *args, **kwargs):
        try:
            return super().render(*args, **kwargs)
        except jinja2.TemplateError as error:
            root = getattr(self.environment, "project_root", Path.cwd())
            page = dict(*args, **kwargs).get("page")
            file = getattr(page, "file", None)
            if file is not None:
                rendering = f"the page {display_path(file.abs_src_path, root) if file.abs_src_path else file.src_uri}"
            else:
                rendering = f"the theme's page {self.name}"
            if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
                at = (error.filename, error.lineno)
            else:
                at = failing_line(
                    [(frame.filename, frame.lineno) for frame in traceback.extract_tb(error.__traceback__)]
                )
            shown = (display_path(at[0], root), at[1]) if at else None
            problem = template_problem(type(error).__name__, error.message or str(error), shown, rendering)
            try:
                raise_problems([problem], "Templates")
            except BuildStopped as stopped:  # in MkDocs' words, as stops_cleanly does
                raise PluginError(str(stopped)) from None


def _theme_environments(theme, allowlist: csp.Allowlist, cache_dir: Path | None, root: Path) -> None:
    """Every theme environment (the pages', print-site's, the redirect strips') records the inline
    code its templates write; third-party templates (Material's) are marked to do so. Every
    template is kept compiled in the render cache (CompiledTemplates), and a mistake met while
    rendering one is reported at its line (ReportedTemplate)."""
    custom_dir = Path(theme.custom_dir).resolve() if theme.custom_dir else None
    # Resolved once a build, for all five of its environments (resolving asks the system for each part).
    third_party = [folder for folder in (Path(d).resolve() for d in theme.dirs) if folder != custom_dir]
    key = render_cache.key_for(
        Path(csp.__file__).read_bytes(), jinja2.__version__, mkdocs.__version__, *map(str, third_party)
    )
    compiled = render_cache.open_folder(cache_dir, "templates", key)
    bytecode_cache = CompiledTemplates(compiled, third_party) if compiled is not None else None
    make_env = theme.get_env

    def get_env():
        env = csp.install(make_env(), allowlist, third_party)
        env.template_class = ReportedTemplate
        env.project_root = root
        if bytecode_cache is not None:
            env.bytecode_cache = bytecode_cache
        return env

    theme.get_env = get_env


def _redirect_strips(config) -> dict[str, str]:
    """Site path -> emergency strip of every redirect stub mkdocs-redirects wrote, from the
    theme's own partial, so it never drifts from the one on every other page."""
    moved = _redirect_maps(config)
    if not moved:
        return {}
    from mkdocs_redirects.plugin import get_html_path

    from saferpolitics.post_build.redirects import site_root_from

    try:
        template = config.theme.get_env().get_template("partials/emergency.html")
    except jinja2.TemplateNotFound:  # a theme without the toolkit's overrides: its pages have no strip either
        return {}
    strips = {}
    # The strip depends only on the way back to the site root: stubs at one depth share a render.
    by_root: dict[str, str] = {}
    for old_page in moved:
        path = get_html_path(old_page, config.use_directory_urls)
        # A stub is missing only when its target does not exist: the plugin has warned already.
        if (Path(config.site_dir) / path).exists():
            root = site_root_from(path)
            if root not in by_root:
                by_root[root] = template.render(config=config, page=None, base_url=root)
            strips[path] = by_root[root]
    return strips


def _source_label(file, root: Path, config) -> str:
    if file.generated_by is None:
        return display_path(file.abs_src_path, root)
    return f"{Path(config.docs_dir).name}/{file.src_uri}"


def _edition() -> str:
    # The project's version in pyproject.toml (make site reinstalls the package when it changes).
    return installed.version("safer-politics-toolkit")


def _build_date() -> str:
    # SOURCE_DATE_EPOCH makes the cover date reproducible when a release needs it.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date() if epoch else datetime.date.today()
    return f"{day.day} {day:%B %Y}"
