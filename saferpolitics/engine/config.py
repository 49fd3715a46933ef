"""The plugin's settings: `plugins: - saferpolitics:` in mkdocs.yml, typed options MkDocs checks, as
Material's plugins declare theirs (material/plugins/*/config.py).

MkDocs' own messages name no line and stop at an option's first mistake. So when MkDocs finds
any, ToolkitConfig.validate checks each option again on its own (each sub-option, each entry of a
list or mapping) and reports every mistake at once as a Problem on its line of mkdocs.yml, with
MkDocs' words and our hint. What MkDocs cannot check here (a page asset listed in extra_css, a
script's file, the mark's size) the plugin checks in on_config, on the lines `plugin_options` finds.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from saferpolitics.core.datafile import Located, load_settings, plain
from saferpolitics.core.problems import Problem
from saferpolitics.core.suggest import did_you_mean

PLUGIN = "saferpolitics"
# Settings that were under the theme's `extra:` before they were the plugin's.
MOVED_FROM_EXTRA = ("app", "page_assets", "load_on_demand")

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|var\(--[\w-]+\)")
_COLOUR_HINT = (
    'write the colour as # and six hexadecimal digits, in quotes, e.g. "#ffffff", or as the custom property '
    "that sets it in a stylesheet's :root, e.g. var(--sp-brand)"
)
# How to fix a mistake in each option (a list's or mapping's entries share their option's hint).
HINTS = {
    "app": "the installed app needs short_name, theme_colour, background_colour and mark (README.md, Offline)",
    "app.short_name": "the name under the icon on a phone's home screen, e.g. short_name: Safer Politics",
    "app.theme_colour": _COLOUR_HINT,
    "app.background_colour": _COLOUR_HINT,
    "app.mark": "give a square PNG (512 px or more, transparent background), its path relative to mkdocs.yml",
    "page_assets": "name a file from extra_css or extra_javascript and a list of the markers that show a page "
    "uses it, e.g. assets/css/cards.css: [sp-card]",
    "load_on_demand": "give a list of scripts, each relative to docs/, e.g. - assets/js/evidence-log/spreadsheet.js",
    "report_unused_links": "write true or false",
    "review_dates": "write true or false",
    "defer_post_build": "write true or false",
}


class Colour(c.Type):
    """A colour as "#rrggbb" (what the web app manifest, Pillow and every browser read alike), or
    var(--name): the colour a stylesheet in extra_css sets in its :root, read at build time, so the
    service's colours are written once, in its identity stylesheet."""

    def __init__(self, **kwargs):
        super().__init__(str, **kwargs)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not _COLOUR.fullmatch(value):
            raise base.ValidationError(f'{value!r} is not a colour like "#3f51b5" or var(--sp-brand)')
        return value


class AppConfig(base.Config):
    """The installed app ("Add to home screen") and its icons (saferpolitics/post_build/offline.py)."""

    short_name = c.Type(str)  # under the icon on a home screen
    theme_colour = Colour()  # the phone's title bar, and the square each icon draws the mark on
    background_colour = Colour()  # the screen shown while the app opens
    mark = c.File(exists=True)  # a square PNG, relative to mkdocs.yml


class ToolkitConfig(base.Config):
    app = c.SubConfig(AppConfig)
    # A feature's files load only on pages whose HTML holds one of its markers (asset path ->
    # markers; saferpolitics/post_build/page_assets.py).
    page_assets = c.DictOfItems(c.ListOfItems(c.Type(str)), default={})
    # Scripts another script fetches when a reader needs them, never named in a page: minified
    # like extra_javascript. Paths relative to docs/.
    load_on_demand = c.ListOfItems(c.Type(str), default=[])
    # Registry entries no page uses are reported: tiny test sites, which use a few, switch it off.
    report_unused_links = c.Type(bool, default=True)
    # Every page needs a `reviewed:` date, shown to readers ("Last reviewed ..."); tiny test sites
    # that test something else switch it off.
    review_dates = c.Type(bool, default=True)
    # Leave the site as the engine wrote it and save what the pipeline needs to POST_BUILD_RECORD,
    # to run it later with `python -m saferpolitics.post_build` (and to test that it runs there).
    defer_post_build = c.Type(bool, default=False)

    def validate(self):
        # The options are shared by every load of the config in a process (`mkdocs serve`, the
        # tests' builds), and MkDocs clears an option's warnings only when it passes: a sub-option
        # unknown in one load would be reported again in the next.
        for _, option in self._schema:
            option.reset_warnings()
        failed, warnings = super().validate()
        unknown = [warning for warning in warnings if "Unrecognised configuration name" in warning[1]]
        if not failed and not unknown:
            return failed, warnings
        located = located_option_problems(self)
        if not located:  # not from a file we can read (a test's dict): MkDocs' own words only
            return failed, warnings
        return [(name, base.ValidationError(str(problem))) for name, problem in located], [
            warning for warning in warnings if warning not in unknown
        ]


def plugin_options(settings: Located | None) -> tuple[int, Located | None] | None:
    """The line of the plugin's entry in mkdocs.yml's `plugins:` (a list or a mapping) and its
    options as written (None when it has none), or None when the file does not list it."""
    plugins = settings.value.get("plugins") if settings is not None and isinstance(settings.value, dict) else None
    if plugins is None:
        return None
    if isinstance(plugins.value, dict) and PLUGIN in plugins.value:
        options = plugins.value[PLUGIN]
        return options.key_line or options.line, options if isinstance(options.value, dict) else None
    for item in plugins.value if isinstance(plugins.value, list) else []:
        if item.value == PLUGIN:
            return item.line, None
        if isinstance(item.value, dict) and PLUGIN in item.value:
            options = item.value[PLUGIN]
            return options.key_line or item.line, options if isinstance(options.value, dict) else None
    return None


def located_option_problems(config: ToolkitConfig) -> list[tuple[str, Problem]]:
    """(option, Problem on its line) for every mistake in the plugin's settings, and for each
    setting still under `extra:`; [] when the settings are not in a file that lists the plugin."""
    if not config.config_file_path or not Path(config.config_file_path).is_file():
        return []
    file = Path(config.config_file_path)
    settings, _ = load_settings(file.read_text(encoding="utf-8"), file.name)  # its YAML MkDocs has read
    entry = plugin_options(settings)
    if entry is None:
        return []
    line, options = entry
    mistakes = _config_mistakes(config, options, "", line) + _moved_from_extra(settings)
    return [
        (name, Problem(file.name, at, message, hint))
        for name, at, message, hint in sorted(mistakes, key=lambda mistake: mistake[1])
    ]


def _config_mistakes(config: base.Config, options: Located | None, prefix: str, line: int) -> list[tuple]:
    """(option, line, message, hint) for every option of config, and every name that is none."""
    values = options.value if options is not None and isinstance(options.value, dict) else {}
    mistakes = []
    for key, option in config._schema:
        option.pre_validation(config, key)  # as MkDocs does: a path option learns where mkdocs.yml is
        item = values.get(key)
        where = f"{prefix}{key}"
        at = (item.key_line or item.line) if item is not None else line
        if isinstance(option, c.SubConfig) and (item is None or isinstance(item.value, dict)):
            mistakes += _config_mistakes(option.config_class(config.config_file_path), item, f"{where}.", at)
        else:
            mistakes += _option_mistakes(option, item, where, at, option.validate)
    names = [key for key, _ in config._schema]
    mistakes += [
        (
            f"{prefix}{key}",
            item.key_line or item.line,
            "not a setting of this plugin",
            f"{did_you_mean(key, names)}the settings are {', '.join(names)}",
        )
        for key, item in values.items()
        if key not in names
    ]
    return mistakes


def _option_mistakes(option, item: Located | None, where: str, line: int, check) -> list[tuple]:
    """Each entry of a list or mapping checked on its own line, anything else as a whole."""
    entries = []
    if isinstance(option, c.DictOfItems) and item is not None and isinstance(item.value, dict):
        entries = [(f"{where}[{key!r}]", value) for key, value in item.value.items()]
    elif isinstance(option, c.ListOfItems) and item is not None and isinstance(item.value, list):
        entries = [(f"{where}[{index}]", value) for index, value in enumerate(item.value)]
    if entries:
        # An entry is checked as MkDocs checks it (run_validation: an empty one is a mistake).
        inner = option.option_type
        return [
            mistake
            for name, value in entries
            for mistake in _option_mistakes(inner, value, name, value.key_line or value.line, inner.run_validation)
        ]
    value = plain(item) if item is not None else option.default  # MkDocs too checks the default of a missing one
    try:
        check(value)
    except base.ValidationError as error:
        message = _in_words(option, value, error)
        if item is not None and value is None and isinstance(option, Colour):  # `theme_colour: #ffffff`
            message = "is empty (a colour written as #0f4c5c without quotes is a comment to YAML)"
        return [(where, line, message, HINTS.get(where.split("[")[0], ""))]
    return []


# What each kind of value is called in a message: as the YAML is written, not as Python's types
# (MkDocs' own words are "Expected type: <class 'bool'> but received: <class 'str'>").
_KINDS = {bool: "true or false", str: "text", int: "a whole number", float: "a number", list: "a list"}
_KINDS[dict] = "indented `name: value` lines"


def _in_words(option, value: object, error: base.ValidationError) -> str:
    """A value of the wrong kind said in plain words ("must be true or false, not 'yes'"); any
    other mistake in MkDocs' own words, which are plain already."""
    expected = (
        dict
        if isinstance(option, (c.DictOfItems, c.SubConfig))
        else list
        if isinstance(option, c.ListOfItems)
        else getattr(option, "_type", None)
    )
    if expected not in _KINDS or value is None or isinstance(value, expected):
        return str(error)
    if isinstance(value, bool):
        shown = str(value).lower()
    elif isinstance(value, (dict, list)):
        shown = "a list" if isinstance(value, list) else "indented `name: value` lines"
    else:
        shown = repr(value)
    return f"must be {_KINDS[expected]}, not {shown}"


def _moved_from_extra(settings: Located) -> list[tuple]:
    extra = settings.value.get("extra") if isinstance(settings.value, dict) else None
    values = extra.value if extra is not None and isinstance(extra.value, dict) else {}
    return [
        (
            f"extra.{key}",
            values[key].key_line or values[key].line,
            "now a setting of this plugin, no longer under the theme's extra",
            f"move it, indented, under `- {PLUGIN}:` in plugins (see the settings there)",
        )
        for key in MOVED_FROM_EXTRA
        if key in values
    ]


# The engines whose settings our plugin is loaded by: (module, class of mkdocs.yml's settings).
_ENGINE_SETTINGS = (("mkdocs.config.defaults", "MkDocsConfig"), ("properdocs.config.defaults", "ProperDocsConfig"))


def settings_being_read(config_file_path: str | None) -> base.Config | None:
    """mkdocs.yml's settings as the engine is checking them, while it loads our plugin (the
    engine's `plugins` setting keeps them while it loads each plugin); None if not found.
    `plugins._config` is not MkDocs' documented API: checked with MkDocs 1.6.1 and ProperDocs
    1.6.7. Should a release drop it, this is None and the engine's own message comes back."""

    for module_name, class_name in _ENGINE_SETTINGS:
        settings_class = getattr(sys.modules.get(module_name), class_name, None)
        settings = getattr(getattr(settings_class, "plugins", None), "_config", None)
        if (
            config_file_path
            and settings is not None
            and getattr(settings, "config_file_path", None) == config_file_path
        ):
            return settings
    return None


def take_unknown_settings(settings: base.Config | None) -> list[str]:
    """The top-level names in mkdocs.yml that are no setting of the engine, each taken out of the
    settings. The engine would only say "Unrecognised configuration name" with no line (and,
    under -q, only "Aborted with 1 configuration warnings"), before our on_config could name the
    line: on_config reports each (unrecognised_setting_problems) with the other settings' problems."""
    known = getattr(settings, "_schema_keys", None)
    if settings is None or known is None:
        return []
    unknown = sorted(name for name in settings if name not in known)
    for name in unknown:
        settings.pop(name)
    return unknown


def unrecognised_setting_problems(
    names: list[str], known: set[str], lines: dict[str, int], label: str
) -> list[Problem]:
    """A Problem on its line of mkdocs.yml (lines: key_lines of its settings) for each top-level
    name that is no setting of the engine, with the nearest name that is."""
    return [
        Problem(
            label,
            lines.get(name),
            f"'{name}' is not a setting of mkdocs.yml, so nothing reads it",
            f"{did_you_mean(name, known)}A theme's setting goes under `theme:`, a plugin's under its entry in "
            "`plugins:`, a value for the templates under `extra:`; otherwise remove the line",
        )
        for name in names
    ]
