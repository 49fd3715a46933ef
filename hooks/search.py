"""Reader search hook: synonyms, one glossary term per result, no maintainer pages.

on_config validates data/search-synonyms.yml; on_nav checks each synonym's page exists and notes
the pages outside the navigation; on_page_content notes the page holding the glossary; on_post_build
rewrites Material's search index (it runs after the search plugin writes it). The logic lives in
saferpolitics/post_build/search_index.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from saferpolitics.markdown_stage.glossary import GLOSSARY_FILE, parse_glossary
from saferpolitics.core.problems import Problem, raise_problems
from saferpolitics.post_build.search_index import SYNONYMS_FILE, check_pages, parse_synonyms, rewrite_index

_build: dict = {}


def on_config(config):
    _build.clear()
    root = Path(config.config_file_path).parent
    path = root / SYNONYMS_FILE
    if not path.is_file():
        raise_problems([Problem(SYNONYMS_FILE, None, "file not found", "restore it from git")], SYNONYMS_FILE)
    synonyms, problems = parse_synonyms(path.read_text(encoding="utf-8"))
    raise_problems(problems, SYNONYMS_FILE)
    _build["synonyms"] = synonyms
    _build["terms"] = parse_glossary((root / GLOSSARY_FILE).read_text(encoding="utf-8"))[0]
    return config


def on_nav(nav, config, files):
    urls = {file.src_uri: file.url for file in files.documentation_pages()}
    raise_problems(check_pages(_build["synonyms"], urls), SYNONYMS_FILE)
    in_nav = {page.file.src_uri for page in nav.pages}
    _build["urls"] = urls
    _build["hidden"] = {url for src, url in urls.items() if src not in in_nav}
    return nav


def on_page_content(html, page, config, files):
    if 'class="sp-glossary"' in html:
        _build["glossary_url"] = page.url
    return html


def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    glossary = (_build["glossary_url"], _build["terms"]) if "glossary_url" in _build else None
    index, problems = rewrite_index(index, _build["synonyms"], _build["urls"], glossary, _build["hidden"])
    raise_problems(problems, SYNONYMS_FILE)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
