"""The theme's compiled templates, kept in the render cache and loaded once a build for all its
environments (saferpolitics.engine.plugin.CompiledTemplates)."""

from __future__ import annotations

import jinja2
import jinja2.bccache

from saferpolitics.engine.plugin import CompiledTemplates


def _environment(folder, cache):
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)


def test_each_kept_template_is_read_once_a_build_for_every_environment(tmp_path, monkeypatch):
    theme, kept = tmp_path / "theme", tmp_path / "kept"
    theme.mkdir()
    kept.mkdir()
    (theme / "page.html").write_text('{% include "strip.html" %}<p>{{ words }}</p>', encoding="utf-8")
    (theme / "strip.html").write_text("<nav>999</nav>", encoding="utf-8")
    _environment(theme, CompiledTemplates(kept, [theme])).get_template("page.html")  # an earlier build keeps them

    read = []
    load = jinja2.bccache.Bucket.load_bytecode
    monkeypatch.setattr(
        jinja2.bccache.Bucket, "load_bytecode", lambda bucket, f: read.append(bucket.key) or load(bucket, f)
    )
    build = CompiledTemplates(kept, [theme])  # one a build, as _theme_environments makes it
    pages = [_environment(theme, build).get_template("page.html").render(words=n) for n in ("one", "two", "three")]
    assert pages == ["<nav>999</nav><p>one</p>", "<nav>999</nav><p>two</p>", "<nav>999</nav><p>three</p>"]
    assert len(read) == len(set(read)) == 2


def test_a_template_edited_during_a_build_is_not_served_as_it_was(tmp_path):
    theme, kept = tmp_path / "theme", tmp_path / "kept"
    theme.mkdir()
    kept.mkdir()
    (theme / "page.html").write_text("<p>Before</p>", encoding="utf-8")
    _environment(theme, CompiledTemplates(kept, [theme])).get_template("page.html")
    build = CompiledTemplates(kept, [theme])
    assert _environment(theme, build).get_template("page.html").render() == "<p>Before</p>"
    (theme / "page.html").write_text("<p>After</p>", encoding="utf-8")
    assert _environment(theme, build).get_template("page.html").render() == "<p>After</p>"


def test_a_templates_path_is_resolved_as_path_resolves_it_through_linked_folders_and_files(tmp_path):
    theme = tmp_path / "theme"
    (theme / "partials").mkdir(parents=True)
    (theme / "partials" / "strip.html").write_text("<nav>999</nav>", encoding="utf-8")
    (tmp_path / "linked").symlink_to(theme, target_is_directory=True)
    (theme / "partials" / "alias.html").symlink_to(theme / "partials" / "strip.html")
    cache = CompiledTemplates(tmp_path / "kept", [theme])
    for path in (
        tmp_path / "linked" / "partials" / "strip.html",
        tmp_path / "linked" / "partials" / "alias.html",
        theme / "partials" / "missing.html",
        tmp_path / "linked" / "partials" / "strip.html",  # its folder resolved once already
    ):
        assert cache._resolved(str(path)) == path.resolve()
