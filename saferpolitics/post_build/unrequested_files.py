"""Which files Material copies into the site that no reader's browser can ever request.

Material ships source maps for its bundles and lunr language packs for about 30 languages. The
search worker loads language packs only for the languages in the search index's config (the rule
below mirrors Material's search worker), so for an English-only site every pack is dead weight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

LUNR_DIR = Path("assets/javascripts/lunr")
_SOURCE_MAP_COMMENT = re.compile(r"\n?(//# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)\s*$")


def lunr_files_needed(languages: list[str]) -> set[Path]:
    """The lunr files Material's search worker imports for these languages (relative to site)."""
    needed: set[Path] = set()
    for language in languages:
        if language == "ja":
            needed.add(LUNR_DIR / "tinyseg.js")
        elif language in ("hi", "th"):
            needed.add(LUNR_DIR / "wordcut.js")
        if language != "en":
            needed.add(LUNR_DIR / "min" / f"lunr.{language}.min.js")
    if len(languages) > 1:
        needed.add(LUNR_DIR / "min" / "lunr.multi.min.js")
    if needed:
        needed.add(LUNR_DIR / "min" / "lunr.stemmer.support.min.js")
    return needed


def unrequested_paths(paths: Iterable[str], search_languages: list[str]) -> list[str]:
    """Of these paths in the site ("assets/javascripts/lunr/tinyseg.js"), the source maps and lunr
    files the site never requests. The engine leaves them out before MkDocs copies them (copying
    them cost 13 ms a build); post-build step 2 deletes any another plugin adds (unrequested_in_site)."""
    needed = {path.as_posix() for path in lunr_files_needed(search_languages)}
    lunr = f"{LUNR_DIR.as_posix()}/"
    return [path for path in paths if path.endswith(".map") or (path.startswith(lunr) and path not in needed)]


def unrequested_in_site(site_dir: Path, search_languages: list[str], files: list[Path]) -> list[Path]:
    """unrequested_paths among files: every file in the site (offline.site_files), as paths inside site_dir."""
    in_site = {path.relative_to(site_dir).as_posix(): path for path in files}
    return [in_site[path] for path in unrequested_paths(in_site, search_languages)]


def without_source_map_comment(text: str) -> str:
    """Minified JS or CSS without the trailing comment pointing at a (removed) source map."""
    # The comment can only be the last one: the pattern runs from the line before it, not over a
    # whole bundle (a regular expression anchored at the end still tries every position).
    at = text.rfind("# sourceMappingURL=")
    if at == -1:
        return text
    start = max(text.rfind("\n", 0, at), 0)
    return text[:start] + _SOURCE_MAP_COMMENT.sub("\n", text[start:])
