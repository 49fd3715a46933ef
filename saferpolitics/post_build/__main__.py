"""Run the post-build pipeline on a site the engine has written: `python -m saferpolitics.post_build`.

For a build made with the plugin's `defer_post_build: true` (mkdocs.yml), which leaves the site as
the engine wrote it and saves what the pipeline needs to .cache/post-build.json; or for another
engine's output, given such a record. Problems are printed with file, line and hint, and the
exit status is 1 when there are any (as a strict build would fail).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from saferpolitics.core.datafile import read_and_parse
from saferpolitics.core.glossary_terms import GLOSSARY_FILE, parse_glossary
from saferpolitics.core.problems import BuildStopped
from saferpolitics.core.search_synonyms import SYNONYMS_FILE, parse_search_words
from saferpolitics.post_build import offline
from saferpolitics.post_build.pipeline import PostBuild, run

RECORD = ".cache/post-build.json"
# The only data files the steps read (the search index's tags and glossary entries): a mistake in
# any other file is the build's to report, and does not stop this command.
DATA_IT_READS = {"search_words": (SYNONYMS_FILE, parse_search_words), "glossary": (GLOSSARY_FILE, parse_glossary)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m saferpolitics.post_build", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site directory (default: site)")
    parser.add_argument("--record", type=Path, default=Path(RECORD), help=f"what the build saved (default: {RECORD})")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"error: {args.site} is not a directory\n    hint: give the built site's folder", file=sys.stderr)
        return 2
    if not args.record.is_file():
        print(
            f"error: {args.record} not found\n    hint: build with `defer_post_build: true` under the "
            "saferpolitics plugin in mkdocs.yml",
            file=sys.stderr,
        )
        return 2
    try:
        build = PostBuild.load(args.record)
        if problem := not_the_built_site(args.site, build):
            print(f"error: {problem}", file=sys.stderr)
            return 2
        data, problems = {}, []
        for key, (file, parse) in DATA_IT_READS.items():
            data[key], found = read_and_parse(Path(build.project_root), file, parse, build.cache_dir)
            problems += found
        if problems:
            raise BuildStopped("Data files:\n" + "\n".join(f"  {p}" for p in problems))
        report = run(args.site, build, data["search_words"], data["glossary"])
    except BuildStopped as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for line in report.info:
        print(line)
    for problem in [*map(str, report.problems), *report.warnings]:
        print(f"WARNING: {problem}", file=sys.stderr)
    return 1 if report.problems or report.warnings else 0


def not_the_built_site(site: Path, build: PostBuild) -> str | None:
    """Why `site` is not the folder the build wrote, as the build wrote it, or None. The steps
    rewrite and delete files (minify, bundle the stylesheets, drop unused ones): run on the wrong
    folder, such as docs/, or a second time, they would damage it. The record lists every page
    the build wrote; the service worker is the steps' last file."""
    missing = [page for page in build.page_sources if not (site / page).is_file()]
    if not missing:
        if (site / offline.WORKER_PATH).is_file():  # written last: the steps have run on this site
            return (
                f"{site} was finished already: the steps change files they read (the stylesheets become one, "
                "the pages are rewritten), so a second run would damage it; nothing was changed\n"
                "    hint: build again with `defer_post_build: true`, then run this once"
            )
        return None
    return (
        f"{site} is not the site this build wrote: {len(missing)} of its {len(build.page_sources)} pages "
        f"are not there ({', '.join(missing[:3])}); nothing was changed\n"
        "    hint: give the folder the build wrote (site_dir in mkdocs.yml; `site` by default)"
    )


if __name__ == "__main__":
    sys.exit(main())
