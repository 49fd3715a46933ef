"""The scripts' tags every page writes, each written once a build (saferpolitics.engine.plugin)."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import markupsafe
import pytest
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.utils import templates

from saferpolitics.engine.plugin import _remembered_script_tags


def _script(path: str, **options) -> ExtraScriptValue:
    script = ExtraScriptValue(path)
    for name, value in options.items():
        setattr(script, name, value)
    return script


SCRIPTS = [
    "assets/js/shared.js",
    _script("assets/js/shared.js", defer=True),
    _script("assets/js/shared.js", async_=True),
    _script("assets/js/tool.mjs", type="module"),
    _script("assets/js/tool.mjs", type='module" onload="x'),  # escaped as MkDocs escapes it
    "https://example.org/a.js",
]
PAGES = [SimpleNamespace(url=url) for url in ("", "help/", "help/threats/", "guidance/other/", "404.html")] + [None]


def _render(env: jinja2.Environment, page, script) -> str:
    return env.from_string("{{ script | script_tag }}").render(page=page, base_url="..", script=script)


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_tag_is_the_one_mkdocs_writes_on_every_page(script):
    mkdocs_env, ours = jinja2.Environment(), jinja2.Environment()
    mkdocs_env.filters.update(url=templates.url_filter, script_tag=templates.script_tag_filter)
    ours.filters.update(url=templates.url_filter, script_tag=_remembered_script_tags())
    for _ in range(2):  # written, then remembered
        assert [_render(ours, page, script) for page in PAGES] == [_render(mkdocs_env, page, script) for page in PAGES]


def test_a_tag_is_written_once_for_the_pages_that_share_its_address(monkeypatch):
    written = []
    format_tag = markupsafe.Markup.format
    monkeypatch.setattr(
        markupsafe.Markup, "format", lambda self, *a, **k: written.append(a) or format_tag(self, *a, **k)
    )
    env = jinja2.Environment()
    env.filters.update(url=templates.url_filter, script_tag=_remembered_script_tags())
    pages = [SimpleNamespace(url=url) for url in ("help/", "about/", "checklists/")]
    tags = {_render(env, page, SCRIPTS[1]) for page in pages}
    assert tags == {'<script src="../assets/js/shared.js" defer></script>'}
    assert len(written) == 1
