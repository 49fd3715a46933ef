"""Maintainers' mistakes in data files and settings, as a strict build reports them: the file to
edit and its line, a hint, every problem at once, never a traceback, never the wrong file."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.utils import DuplicateFilter

from conftest import ROOT, TINY_FIRST_HOUR, build_in_process, tiny_project

HELP_PAGE = "# Get help now\n\n/// first-steps | abuse\n///\n"


def _first_hour_output(tmp_path, first_hour: str) -> str:
    """The output of a tiny site's build showing the first steps of this data/first-hour.yml, which
    must fail without a traceback and without blaming the page."""
    config = tiny_project(
        tmp_path,
        {"index.md": HELP_PAGE},
        data={"first-hour.yml": first_hour},
        config="theme: {name: mkdocs, highlightjs: false}",
    )
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "docs/index.md" not in output, output
    return output


def test_an_unknown_link_id_in_a_crisis_card_step_blames_the_data_file_not_the_page(tmp_path):
    first_hour = TINY_FIRST_HOUR.replace(
        'call [999](tel:999)."', 'call [999](tel:999).\n        See [the police](link:police-uk-hom)."'
    )
    output = _first_hour_output(tmp_path, first_hour)
    assert re.search(
        r"data/first-hour\.yml:7: `step` links to unknown link id 'police-uk-hom'\n\s+hint: did you mean "
        r"'police-uk-home'",
        output,
    ), output


def test_a_step_over_several_lines_is_named_on_the_line_of_its_mistake_and_a_swallowed_step_is_found(tmp_path):
    """A maintainer review: a link id typo on a step's third line was reported at its first; a new
    step indented as far as the text above built cleanly, its words inside that step."""
    first_hour = TINY_FIRST_HOUR.replace(
        '      - step: "**Check everyone is safe.** If anyone is in danger, call [999](tel:999)."\n',
        "      - step: >-\n"  # line 6
        "          **Check everyone is safe.** If anyone is in danger,\n"
        "          call [999](tel:999). Then see\n"
        "          [the police](link:police-uk-hom).\n"  # line 9
        "          - step: >-\n"  # line 10
        "          Tell a colleague.\n",
    )
    output = _first_hour_output(tmp_path, first_hour)
    found = re.findall(r"^  (data/first-hour\.yml:\d+: .*)\n\s+hint: (.*)$", output, re.M)
    assert found == [
        (
            "data/first-hour.yml:9: `step` links to unknown link id 'police-uk-hom'",
            found[0][1],
        ),
        (
            "data/first-hour.yml:10: `- step:` is part of the text of `step` above: this new entry is indented as "
            "far as that text, so it became words of it, not an entry",
            "move `- step:` left, in line with the `-` of the entry above",
        ),
    ], output
    assert found[0][1].startswith("did you mean 'police-uk-home'")


def test_a_source_listed_twice_is_named(tmp_path):
    """A maintainer review: "Based on" named the same source twice, with no word."""
    first_hour = TINY_FIRST_HOUR.replace("sources: [police-uk-home]", "sources: [police-uk-home, police-uk-home]")
    output = _first_hour_output(tmp_path, first_hour)
    assert re.search(
        r"data/first-hour\.yml:\d+: source 'police-uk-home' is listed twice \(first on line \d+\)", output
    ), output


def test_a_step_that_starts_with_an_ampersand_is_named_not_cut_short(tmp_path):
    """YAML read `&Call` as an anchor and built the card with "999 now" and no error."""
    first_hour = TINY_FIRST_HOUR.replace(
        '- step: "**Check everyone is safe.** If anyone is in danger, call [999](tel:999)."',
        "- step: &Call 999 if anyone is in danger.",
    )
    output = _first_hour_output(tmp_path, first_hour)
    found = re.findall(r"^  (data/first-hour\.yml:\d+: .*)\n\s+hint: (.*)$", output, re.M)
    assert (
        "data/first-hour.yml:6: `&Call` at the start of a value is read by YAML as a name for it, and left out of "
        "the text",
        "put the whole value in double quotes, or on the next line after `>-`",
    ) in found, output


def test_a_step_that_starts_with_bold_unquoted_says_to_quote_it(tmp_path):
    """YAML's words were "did not find expected alphabetic or numeric character", with a hint about
    indentation."""
    first_hour = TINY_FIRST_HOUR.replace(
        '- step: "**Check everyone is safe.** If anyone is in danger, call [999](tel:999)."',
        "- step: **Check everyone is safe.** If anyone is in danger, call [999](tel:999).",
    )
    output = _first_hour_output(tmp_path, first_hour)
    found = re.findall(r"^  (data/first-hour\.yml:\d+: .*)\n\s+hint: (.*)$", output, re.M)
    assert found == [
        (
            "data/first-hour.yml:6: the file is not valid YAML (did not find expected alphabetic or numeric character)",
            "a value that starts with ** (bold) must be in double quotes, or go on the next line after `>-`",
        )
    ], output


def _failed_build(tmp_path, settings: str) -> str:
    """The output of a tiny site's build with this mkdocs.yml, which must fail without a traceback."""
    config = tiny_project(tmp_path, {"index.md": "# Tiny\n"})
    config.write_text(settings, encoding="utf-8")
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    return output


# The start of both test sites' mkdocs.yml: lines 1 to 8.
HEAD = """\
site_name: Tiny
strict: true
theme: {name: mkdocs, highlightjs: false}
extra_css: [assets/css/first-hour.css]
plugins:
  - saferpolitics:
      app:
        short_name: Tiny
"""
SETTINGS = (
    HEAD
    + """\
        theme_colour: teal
        background_colour: #ffffff
        mark: data/app-mark.png
        colour: "#000000"
      page_assets:
        assets/css/first-hour.css: sp-first-hour
        assets/css/cards.css: [sp-card, 3]
      load_on_demand:
        - assets/js/one.js
        - {assets/js/two.js: true}
      page_asset: {}
      review_dates: false
extra:
  load_on_demand: []
"""
)


def test_every_mistake_in_the_plugins_settings_is_named_on_its_own_line_at_once(tmp_path):
    # MkDocs checks the types; each mistake is then found again on its line, all at once.
    output = _failed_build(tmp_path, SETTINGS)
    found = re.findall(r"option '([^\n]*)': (mkdocs\.yml:\d+): (.*)\n\s+hint: (.*)$", output, re.M)
    assert [(option, where, message) for option, where, message, _ in found] == [
        ("app.theme_colour", "mkdocs.yml:9", "'teal' is not a colour like \"#3f51b5\" or var(--sp-brand)"),
        (  # unquoted, the rest of the line is a comment: MkDocs said "Required configuration not provided"
            "app.background_colour",
            "mkdocs.yml:10",
            "is empty (a colour written as #0f4c5c without quotes is a comment to YAML)",
        ),
        ("app.colour", "mkdocs.yml:12", "not a setting of this plugin"),
        (
            "page_assets['assets/css/first-hour.css']",
            "mkdocs.yml:14",
            "must be a list, not 'sp-first-hour'",
        ),
        (
            "page_assets['assets/css/cards.css'][1]",
            "mkdocs.yml:15",
            "must be text, not 3",
        ),
        ("load_on_demand[1]", "mkdocs.yml:18", "must be text, not indented `name: value` lines"),
        ("page_asset", "mkdocs.yml:19", "not a setting of this plugin"),
        ("extra.load_on_demand", "mkdocs.yml:22", "now a setting of this plugin, no longer under the theme's extra"),
    ], output
    hints = {option: hint for option, _, _, hint in found}
    assert hints["app.colour"].startswith("did you mean 'theme_colour'?")
    assert hints["page_asset"].startswith("did you mean 'page_assets'?")
    assert hints["page_assets['assets/css/first-hour.css']"].endswith("e.g. assets/css/cards.css: [sp-card]")


MEANING = (
    HEAD
    + """\
        theme_colour: "#0f4c5c"
        background_colour: var(--sp-backgrund)
        mark: docs/index.md
      page_assets:
        assets/css/first-hour.css: []
        assets/css/frist-hour.css: [sp-first-hour]
      load_on_demand:
        - assets/js/missing.js
      review_dates: false
strict: false
"""
)


def test_settings_of_the_right_types_that_name_the_wrong_files_are_named_on_their_lines_at_once(tmp_path):
    output = _failed_build(tmp_path, MEANING)
    found = re.findall(r"^  (mkdocs\.yml:\d+: .*)\n\s+hint: (.*)$", output, re.M)
    assert [message for message, _ in found] == [
        "mkdocs.yml:10: app.background_colour is --sp-backgrund, which no stylesheet in extra_css sets to a colour "
        "in its :root",
        "mkdocs.yml:11: app.mark docs/index.md is not an image Pillow can read",
        "mkdocs.yml:13: page_assets: 'assets/css/first-hour.css' needs a list of markers, none of them empty",
        "mkdocs.yml:14: page_assets names 'assets/css/frist-hour.css', which is not in extra_css, extra_javascript or a plugin's files",
        "mkdocs.yml:16: load_on_demand names 'assets/js/missing.js', which is not a file in docs/",
        "mkdocs.yml:18: field 'strict': given twice",
    ], output
    hints = dict(found)
    assert hints[
        "mkdocs.yml:14: page_assets names 'assets/css/frist-hour.css', which is not in extra_css, extra_javascript or a plugin's files"
    ].startswith("did you mean 'assets/css/first-hour.css'?")
    assert hints["mkdocs.yml:18: field 'strict': given twice"] == "keep one; YAML silently uses the last."


SITE_SETTINGS = """\
site_name: Tiny
site_description: 'Help "now"'
strict: true
theme: {name: mkdocs, highlightjs: false}
extra_css: [assets/css/first-hour.css, "https://cdn.example/a.css"]
extra_javascript:
  - "/\\\\cdn.example/a.js"
site_url: 'https://x.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/'
nav:
  - 'Help <meta http-equiv="refresh" content="0;url=https://evil.example/">': index.md
extra:
  analytics: {provider: google, property: G-XXXXXXX}
plugins:
  - saferpolitics:
      app:
        short_name: Tiny
        theme_colour: "#0f4c5c"
        background_colour: "#ffffff"
        mark: data/app-mark.png
  - redirects:
      redirect_maps:
        old-partner.md: https://evil.example/
"""


def test_site_settings_that_would_reach_every_page_unchecked_are_named_on_their_lines(tmp_path):
    """A maintainer review: a `"` in site_description added attributes to every page's <meta>,
    and a script from another website or Material's analytics built without a word (the page
    policy blocked them in the browser, but the build is where a maintainer hears of it)."""
    output = _failed_build(tmp_path, SITE_SETTINGS)
    found = re.findall(r"^  (mkdocs\.yml:\d+: .*)\n\s+hint: (.*)$", output, re.M)
    assert [message for message, _ in found] == [
        "mkdocs.yml:2: site_description has '\"', which the theme writes into the page's HTML as it is",
        "mkdocs.yml:5: extra_css lists 'https://cdn.example/a.css', a file from another website: readers' browsers "
        "would ask it",
        "mkdocs.yml:7: extra_javascript lists '/\\\\cdn.example/a.js', a file from another website: readers' browsers "
        "would ask it",
        "mkdocs.yml:8: site_url has '\"' and '<' and '>', which the theme writes into the page's HTML as it is",
        'mkdocs.yml:10: nav title \'Help <meta http-equiv="refresh" content="0;url=https://evil.example/">\' has \'"\' and '
        "'<' and '>', which the theme writes into the page's HTML as it is",
        "mkdocs.yml:12: extra.analytics sends readers' visits to another website: this site has no analytics",
        "mkdocs.yml:22: redirect_maps sends 'old-partner.md' to 'https://evil.example/', another website, with no "
        "page between",
    ], output
    assert dict(found)[found[0][0]].startswith("write quotation marks as curly quotes")


def test_a_web_address_in_a_data_files_text_is_named_in_the_data_file_not_the_page(tmp_path):
    """A maintainer review: it was reported against the page that shows the data, with no line and
    a hint about pages."""
    evidence_log = (ROOT / "data" / "evidence-log.yml").read_text(encoding="utf-8")
    line = evidence_log.splitlines().index("    example: Instagram, comment on a post") + 1
    data = {
        "evidence-log.yml": evidence_log.replace(
            "example: Instagram, comment on a post", "example: https://www.instagram.com/p/abc123"
        )
    }
    config = tiny_project(tmp_path, {"index.md": "# Log\n\n/// evidence-log\n///\n"}, data)
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert (
        f"data/evidence-log.yml:{line}: external address 'https://www.instagram.com/p/abc123' is written directly in the data file"
        in output
    ), output
    assert "docs/index.md" not in output, output


MISSING_FILES = (
    HEAD.replace(
        "theme: {name: mkdocs, highlightjs: false}", "theme: {name: mkdocs, highlightjs: false, font: {text: Roboto}}"
    ).replace(
        "extra_css: [assets/css/first-hour.css]", "extra_css: [assets/css/first-hour.css, assets/css/frist-hour.css]"
    )
    + """\
        theme_colour: "#0f4c5c"
        background_colour: "#ffffff"
        mark: data/app-mark.png
  - redirects:
      redirect_maps:
        index.md: about.md
"""
)


def test_settings_that_silently_break_every_page_or_hide_a_live_one_are_named_on_their_lines(tmp_path):
    """A maintainer review: a misspelt stylesheet left every page without it, theme fonts from
    Google were asked for on every page, and a redirect from a page that still exists replaced it
    (even a crisis answer) with a stub, each in a build that passed."""
    output = _failed_build(tmp_path, MISSING_FILES)
    found = dict(re.findall(r"^  (mkdocs\.yml:\d+: .*)\n\s+hint: (.*)$", output, re.M))
    assert list(found) == [
        "mkdocs.yml:3: theme.font makes every page ask Google Fonts for its fonts, another website",
        "mkdocs.yml:4: extra_css names 'assets/css/frist-hour.css', which is not a file in docs/: every page would "
        "ask for it and go without it",
        "mkdocs.yml:14: redirect_maps sends 'index.md', a page that still exists, to 'about.md': readers would "
        "never see it",
        # The tiny site has no about.md either.
        "mkdocs.yml:14: redirect_maps sends 'index.md' to 'about.md', which is not a page of the site: readers "
        "would land on a missing page",
    ], output
    assert found[list(found)[1]].startswith("did you mean 'assets/css/first-hour.css'? check the path")
    assert "`font: false`" in found[list(found)[0]]


def test_a_redirect_outside_docs_is_named_and_nothing_is_written_outside_the_site(tmp_path):
    """A maintainer review: `/old-page.md: harassment.md` built cleanly and wrote old-page/index.html at
    the machine's root (the build ran as root); `../x.md` wrote beside the site; neither was redirected."""
    config = MISSING_FILES.replace(
        "        index.md: about.md\n", "        /old-page.md: about.md\n        ../outside.md: about.md\n"
    )
    output = _failed_build(tmp_path, config)
    found = re.findall(r"^  (mkdocs\.yml:\d+: redirect_maps names .*)\n\s+hint: (.*)$", output, re.M)
    assert [message for message, _ in found] == [
        f"mkdocs.yml:{line}: redirect_maps names {name!r}, which is not a page inside docs/: the redirect would be "
        "written outside the site, or send readers to a missing page"
        for line, name in ((14, "/old-page.md"), (15, "../outside.md"))
    ], output
    assert found[0][1].startswith("write it relative to docs/")
    assert not (tmp_path / "outside").exists() and not Path("/old-page").exists()


def test_a_menu_entry_to_another_website_and_a_link_in_the_footer_are_named(tmp_path):
    """A maintainer review: `- Police: http://evil.example/` in nav and a link in `copyright` each
    built cleanly and were on every page, unchecked by the link registry."""
    config = (
        HEAD.replace("site_name: Tiny\n", 'site_name: Tiny\ncopyright: <a href="http://evil.example/">Us</a>\n')
        + '        theme_colour: "#0f4c5c"\n        background_colour: "#ffffff"\n        mark: data/app-mark.png\n'
        + "nav:\n  - Home: index.md\n  - Police: http://evil.example/\n"
    )
    output = _failed_build(tmp_path, config)
    found = re.findall(r"^  (mkdocs\.yml:\d+): (.*)$", output, re.M)
    assert (
        "mkdocs.yml:2",
        "copyright holds a link, which every page's footer would show: an address the link registry does not check",
    ) in found, output
    assert (
        "mkdocs.yml:15",
        "nav puts 'http://evil.example/' in every page's menu: an address the link registry does not check",
    ) in found, output


def test_a_published_page_gone_without_a_redirect_stops_the_build(tmp_path):
    config = tiny_project(tmp_path, {"index.md": "# Tiny\n"})
    (config.parent / "published-pages.txt").write_text("# Published\nindex.md\nglossary.md\n", encoding="utf-8")
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "published-pages.txt:3: 'glossary.md' was published, and is no longer a page" in output, output


def test_a_published_page_that_exclude_docs_leaves_out_stops_the_build(tmp_path):
    """self17: a page still in docs/ but left out by exclude_docs counted as published."""
    config = tiny_project(
        tmp_path, {"index.md": "# Tiny\n", "glossary.md": "# Glossary\n"}, config="exclude_docs: glossary.md"
    )
    (config.parent / "published-pages.txt").write_text("# Published\nindex.md\nglossary.md\n", encoding="utf-8")
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert "published-pages.txt:3: 'glossary.md' was published, and is no longer a page" in output, output


def _redirect_messages(tmp_path, redirect_maps: str, pages: dict[str, str]) -> tuple[Path, str, list[tuple[str, str]]]:
    """A tiny site with these redirect_maps (YAML flow mapping) whose build must fail without a
    traceback: its mkdocs.yml, what the build printed, and each "redirect_maps sends" (message, hint)."""
    config = tiny_project(
        tmp_path,
        {"index.md": "# Tiny\n", **pages},
        config=f"markdown_extensions: [toc]\nplugins: [{{redirects: {{redirect_maps: {redirect_maps}}}}}]\n",
    )
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    return config, output, re.findall(r"^.*(mkdocs\.yml:\d+: redirect_maps sends .*)\n\s+hint: (.*)$", output, re.M)


def _line_naming(config: Path, words: str) -> int:
    return next(n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if words in text)


def test_a_redirect_to_a_section_the_page_does_not_have_is_named_and_one_it_has_builds_again(tmp_path):
    """A maintainer review: `old.md: guide.md#evidense` built; readers landed at the top of the page."""
    config, output, found = _redirect_messages(
        tmp_path,
        '{old.md: "guide.md#evidense", older.md: "guide.md#evidence"}',
        {"guide.md": "# Guide\n\n## Evidence\n"},
    )
    line = _line_naming(config, "old.md")
    assert [message for message, _ in found] == [
        f"mkdocs.yml:{line}: redirect_maps sends 'old.md' to the section '#evidense', which guide.md does not have: "
        "readers would land at the top of the page"
    ], output
    assert found[0][1].startswith("did you mean 'evidence'?")
    # Mended, it builds, and again from the render cache (which must not forget the page's sections).
    config.write_text(config.read_text(encoding="utf-8").replace("#evidense", "#evidence"), encoding="utf-8")
    for again in ("site2", "site3"):
        result = build_in_process(config, tmp_path / again)
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_redirect_to_a_page_that_is_not_there_is_named_on_its_line_with_the_page_meant(tmp_path):
    """implB18: `feoa.md: foea.md` gave only mkdocs-redirects' "Redirect target 'foea.md' does not
    exist!", with no line; a target with a section is checked by its page."""
    config, output, found = _redirect_messages(
        tmp_path,
        '{feoa.md: foea.md, old.md: "guide.md#evidence", gone.md: "giude.md#evidence"}',
        {"guide.md": "# Guide\n\n## Evidence\n", "fea.md": "# FEOA\n"},
    )
    line = _line_naming(config, "feoa.md")
    assert [message for message, _ in found] == [
        f"mkdocs.yml:{line}: redirect_maps sends 'feoa.md' to 'foea.md', which is not a page of the site: readers "
        "would land on a missing page",
        f"mkdocs.yml:{line}: redirect_maps sends 'gone.md' to 'giude.md#evidence', which is not a page of the site: "
        "readers would land on a missing page",
    ], output
    assert found[0][1].startswith("did you mean 'fea.md'?") and found[1][1].startswith("did you mean 'guide.md'?")


def test_a_crisis_step_that_blocks_or_takes_down_before_the_evidence_stops_the_build_on_its_line(tmp_path):
    """A maintainer review: "Block the account straight away." and "Ask X to take the post down
    straight away." before "Keep the evidence" built, and readers would lose the evidence."""
    first_hour = TINY_FIRST_HOUR.replace(
        'call [999](tel:999)."',
        'call [999](tel:999)."\n'
        '      - step: "**Block the account straight away.**"\n'
        '      - step: "**Ask X to take the post down straight away.**"\n'
        '      - step: "**Keep the evidence.** Screenshot each post. Do not delete anything."',
    )
    output = _first_hour_output(tmp_path, first_hour)
    found = re.findall(r"data/first-hour\.yml:(\d+): list `abuse` is not in a safe order: (.*)\n\s+hint: (.*)", output)
    assert [(line, message) for line, message, _ in found] == [
        ("7", "step 2 removes, hides or blocks something before any step keeps the evidence"),
        ("8", "step 3 reports to the platform before any step keeps the evidence"),
    ], output
    assert all("Safe order" in hint for _, _, hint in found)


def test_a_crisis_step_whose_bold_is_not_closed_stops_the_build_at_the_step(tmp_path):
    """A maintainer review (audit16): "**Ask your party's press office for help with" (its closing
    `**` missing) was published as typed on the pages and both crisis cards."""
    first_hour = TINY_FIRST_HOUR.replace(
        'call [999](tel:999)."',
        "call [999](tel:999).\"\n      - step: >-\n          **Ask your party's press office for help with\n"
        "          what to say.",
    )
    output = _first_hour_output(tmp_path, first_hour)
    assert re.search(
        r"data/first-hour\.yml:8: `step`: readers see '\*\*' as typed: '\*\*Ask your party's press office.*\n"
        r"\s+hint: put the same marks after the words they are for",
        output,
    ), output


def test_bold_inside_a_crisis_steps_link_words_is_named_with_the_way_to_write_it(tmp_path):
    """A maintainer review (self16): the message quoted "Tell **your colleagues**, and..." and said to
    put the same marks after the words, which looked done already."""
    first_hour = TINY_FIRST_HOUR.replace(
        'call [999](tel:999)."',
        'call [999](tel:999)."\n      - step: "Tell [**your colleagues**](link:police-uk-home), and warn them."',
    )
    output = _first_hour_output(tmp_path, first_hour)
    assert re.search(
        r"data/first-hour\.yml:7: `step`: readers see '\*\*' as typed in a link's words: "
        r"'\[\*\*your colleagues\*\*\]\(link:police-uk-home\)'\n"
        r"\s+hint: a step's link words cannot be bold: write \*\*\[words\]\(link\)\*\*",
        output,
    ), output
    assert "put the same marks" not in output, output


def test_a_guidance_page_the_home_page_does_not_list_is_named_at_its_guidance_heading(tmp_path):
    """A first-time review: the home page's Guidance list is written by hand, so a page added under
    Guidance in the nav was in the menu but never on the home page, where readers start."""
    home = "# Home\n\nWelcome.\n\n## Guidance {#guidance}\n\n- [Listed](listed.md): what it is for.\n"
    config = tiny_project(
        tmp_path,
        {"index.md": home, "listed.md": "# Listed\n", "new-page.md": "# New page\n"},
        config=(
            "theme: {name: mkdocs, highlightjs: false}\n"
            "nav:\n  - index.md\n  - Guidance:\n      - listed.md\n      - new-page.md\n"
        ),
    )
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert re.search(
        r"docs/index\.md:5: the home page's Guidance list does not link to new-page\.md, which is under Guidance "
        r"in mkdocs\.yml's nav: readers who start on the home page would never find it\n\s+hint: add "
        r"'- \[Its title\]\(new-page\.md\): what it helps with\.'",
        output,
    ), output
    assert "listed.md," not in output


def test_under_mkdocs_serve_every_build_that_stops_names_its_mistake(tmp_path):
    """A review: MkDocs' command line drops a message its build logger logged before in the same
    process, so under `mkdocs serve` a data mistake was named once and each later build said only
    "Aborted with a BuildError!", even after the maintainer fixed it and made it again."""
    build_logger = logging.getLogger("mkdocs.commands.build")
    seen = DuplicateFilter()  # as `mkdocs serve` has it, for the whole process
    build_logger.addFilter(seen)
    first_hour = TINY_FIRST_HOUR.replace('call [999](tel:999)."', 'call [999](tel:999). See [it](link:police-uk-hom)."')
    config = tiny_project(tmp_path, {"index.md": HELP_PAGE}, data={"first-hour.yml": first_hour})
    try:
        builds = [build_in_process(config, tmp_path / "site") for _ in range(2)]
    finally:
        build_logger.removeFilter(seen)
    for result in builds:
        assert result.returncode != 0
        assert "links to unknown link id 'police-uk-hom'" in result.stderr, result.stderr
