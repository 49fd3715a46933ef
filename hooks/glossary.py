"""Glossary hook (on_config): one data file, data/glossary.yml, feeds the Glossary page and tooltips.

on_config validates the glossary (a broken file stops the build, listing every problem), gives
its words to the `abbr` extension as a site-wide glossary (so every page gets `<abbr title>`
without touching page files), and adds the `/// glossary` block and the first-use tab stops.
The logic lives in saferpolitics/markdown_stage/glossary.py.
"""

from __future__ import annotations

from pathlib import Path

from saferpolitics.markdown_stage.glossary import GLOSSARY_FILE, FirstUseExtension, GlossaryBlockExtension, abbreviations, parse_glossary
from saferpolitics.core.problems import Problem, raise_problems


def on_config(config):
    path = Path(config.config_file_path).parent / GLOSSARY_FILE
    if not path.is_file():
        raise_problems([Problem(GLOSSARY_FILE, None, "file not found", "restore it from git")], GLOSSARY_FILE)
    terms, problems = parse_glossary(path.read_text(encoding="utf-8"))
    raise_problems(problems, GLOSSARY_FILE)
    abbr_config = config.mdx_configs.setdefault("abbr", {})
    abbr_config["glossary"] = {**abbreviations(terms), **abbr_config.get("glossary", {})}
    config.markdown_extensions.append(GlossaryBlockExtension(terms=terms))
    config.markdown_extensions.append(FirstUseExtension())
    return config
