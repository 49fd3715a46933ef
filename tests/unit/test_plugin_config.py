"""The plugin's settings are its config class: MkDocs checks their types, and each mistake is named
on its line of mkdocs.yml, all at once (saferpolitics/engine/config.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.base import ValidationError

from saferpolitics.engine.config import ToolkitConfig

ROOT = Path(__file__).resolve().parents[2]


def _config(tmp_path: Path, text: str) -> ToolkitConfig:
    (tmp_path / "mark.png").write_bytes(b"")  # app.mark must be a file; its pixels are checked later
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return ToolkitConfig(config_file_path=str(tmp_path / "mkdocs.yml"))


GOOD_APP = 'app: {short_name: Kit, theme_colour: "#3f51b5", background_colour: "#ffffff", mark: mark.png}'


def test_good_settings_are_typed_values_with_defaults(tmp_path):
    config = _config(tmp_path, "")
    config.load_dict(
        {"app": {"short_name": "Kit", "theme_colour": "#3f51b5", "background_colour": "#fff000", "mark": "mark.png"}}
    )
    assert config.validate() == ([], [])
    assert config.app.mark == str(tmp_path / "mark.png") and config.page_assets == {} and config.load_on_demand == []


def test_plugins_written_as_a_mapping_are_found_on_their_lines(tmp_path):
    text = f"site_name: x\nplugins:\n  saferpolitics:\n    {GOOD_APP}\n    load_on_demand: [a.js, 7]\n"
    config = _config(tmp_path, text)
    config.load_dict(
        {
            "app": {"short_name": "Kit", "theme_colour": "#3f51b5", "background_colour": "#ffffff", "mark": "mark.png"},
            "load_on_demand": ["a.js", 7],
        }
    )
    failed, _ = config.validate()
    assert [(name, str(error).split("\n")[0]) for name, error in failed] == [
        ("load_on_demand[1]", "mkdocs.yml:5: must be text, not 7")
    ]


def test_each_missing_setting_is_named_on_the_plugins_line(tmp_path):
    config = _config(tmp_path, "site_name: x\nplugins:\n  - search\n  - saferpolitics\n")
    config.load_dict({})
    failed, _ = config.validate()
    assert [(name, str(error).split("\n")[0]) for name, error in failed] == [
        (f"app.{key}", "mkdocs.yml:4: Required configuration not provided.")
        for key in ("short_name", "theme_colour", "background_colour", "mark")
    ]
    assert "hint: the name under the icon" in str(failed[0][1])


def test_settings_not_from_a_file_keep_mkdocs_own_message():
    config = ToolkitConfig()
    config.load_dict({"app": {"short_name": 3}})
    failed, _ = config.validate()
    assert failed == [
        ("app", ValidationError("Sub-option 'short_name': Expected type: <class 'str'> but received: <class 'int'>"))
    ]


def test_the_projects_settings_are_good():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    options = config.plugins["saferpolitics"].config
    assert options.app.theme_colour == "var(--sp-brand)" and Path(options.app.mark).is_file()
    assert all(markers for markers in options.page_assets.values()) and options.load_on_demand


def test_a_value_of_the_wrong_kind_is_named_in_plain_words(tmp_path):
    """MkDocs says "Expected type: <class 'bool'> but received: <class 'str'>": a maintainer reads YAML."""
    text = f'site_name: x\nplugins:\n  - saferpolitics:\n      {GOOD_APP}\n      review_dates: "yes"\n      page_assets: true\n'
    config = _config(tmp_path, text)
    config.load_dict(
        {
            "app": {"short_name": "Kit", "theme_colour": "#3f51b5", "background_colour": "#ffffff", "mark": "mark.png"},
            "review_dates": "yes",
            "page_assets": True,
        }
    )
    failed, _ = config.validate()
    assert [(name, str(error).split("\n")[0]) for name, error in failed] == [
        ("review_dates", "mkdocs.yml:5: must be true or false, not 'yes'"),
        ("page_assets", "mkdocs.yml:6: must be indented `name: value` lines, not true"),
    ]


def test_a_misspelt_top_level_setting_is_taken_out_of_mkdocs_checks_and_named_on_its_line(tmp_path):
    """A maintainer review: `site_ur:` gave only MkDocs' "Unrecognised configuration name: site_ur",
    with no line (and under -q only "Aborted with 1 configuration warnings")."""
    from mkdocs.config.defaults import MkDocsConfig

    from saferpolitics.core.datafile import key_lines, load_settings
    from saferpolitics.engine.config import take_unknown_settings, unrecognised_setting_problems

    text = "site_name: Kit\nsite_ur: https://example.org/\nthemes: mkdocs\n"
    settings = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    settings.load_dict({"site_name": "Kit", "site_ur": "https://example.org/", "themes": "mkdocs"})
    unknown = take_unknown_settings(settings)
    assert unknown == ["site_ur", "themes"]
    assert "site_ur" not in settings and settings["site_name"] == "Kit"  # MkDocs no longer sees it
    located, _ = load_settings(text, "mkdocs.yml")
    problems = unrecognised_setting_problems(unknown, settings._schema_keys, key_lines(located), "mkdocs.yml")
    assert [(p.line, p.message, p.hint.split("?")[0]) for p in problems] == [
        (2, "'site_ur' is not a setting of mkdocs.yml, so nothing reads it", "did you mean 'site_url'"),
        (3, "'themes' is not a setting of mkdocs.yml, so nothing reads it", "did you mean 'theme'"),
    ]
    # Nothing near: the hint still says where a theme's or plugin's setting goes.
    (nothing,) = unrecognised_setting_problems(["zzz"], settings._schema_keys, {}, "mkdocs.yml")
    assert nothing.hint.startswith("A theme's setting goes under `theme:`")
    assert take_unknown_settings(None) == []
