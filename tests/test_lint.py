"""Lint in the test command: Python (ruff), our scripts (ESLint), Markdown style, UK spelling, data schemas,
review dates, pre-commit config.

Each failure says what to run or change; CONTRIBUTING.md ("What each build error means") has more.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT
from saferpolitics.core import data_schemas
from saferpolitics.markdown_stage import review_dates

BIN = Path(sys.executable).parent
PROSE = ["docs", "README.md", "CONTRIBUTING.md"]
SPELLING_TARGETS = ["docs", "data", "README.md", "CONTRIBUTING.md", ".github"]


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd)


def scan_markdown() -> subprocess.CompletedProcess:
    """pymarkdown's scan of the prose: run as a background job (conftest.py), read by the test below."""
    return run(str(BIN / "pymarkdown"), "--config", ".pymarkdown.json", "scan", "--recurse", *PROSE)


@pytest.fixture(scope="session")
def markdown_lint(background) -> subprocess.CompletedProcess:
    """scan_markdown's result, from the background job of the same name."""
    return background.result_of("markdown_lint")


def test_markdown_follows_the_house_style(markdown_lint):
    result = markdown_lint
    assert result.returncode == 0, (
        "Markdown style problems (file:line:column: rule). Fix each one; "
        "`.venv/bin/pymarkdown plugins info MD022` explains a rule, and .pymarkdown.json holds our settings.\n"
        + result.stdout
        + result.stderr
    )


def test_spelling_is_uk_english_without_typos():
    result = run(str(BIN / "codespell"), *SPELLING_TARGETS)
    assert result.returncode == 0, (
        "Spelling (file:line: found ==> suggested). Fix the word. If it is right (a proper name such as "
        "Meta's 'Safety Center'), add it to ignore-regex in .codespellrc; a project word goes in "
        ".codespell/project-words.txt.\n" + result.stdout + result.stderr
    )


ESLINT = ROOT / ".venv" / "node" / "node_modules" / ".bin" / "eslint"
# The site's scripts, the search worker and the offline worker: every script of ours (the test below checks).
SCRIPTS = ["docs/assets/js", "docs/assets/javascripts", "saferpolitics/post_build"]
PYTHON = ["saferpolitics", "tests", "scripts"]
SOURCES = ["docs", "overrides", "saferpolitics", "scripts"]  # where a script of ours could be


def test_the_sites_scripts_pass_eslint():
    assert ESLINT.is_file(), "ESLint is missing: run `make env-test` (scripts/setup-env test installs it with npm)"
    result = run(str(ESLINT), "--max-warnings", "0", *SCRIPTS)
    assert result.returncode == 0, (
        "ESLint (file, then line:column  error  message  rule). Fix the code; eslint.config.cjs holds our "
        "settings, and https://eslint.org/docs/latest/rules/ explains each rule.\n" + result.stdout + result.stderr
    )


def test_the_python_passes_ruff_check():
    result = run(str(BIN / "ruff"), "check", "--no-cache", *PYTHON)
    assert result.returncode == 0, (
        "ruff check (file:line:column: rule message). Fix the code: `.venv/bin/ruff check --fix` fixes many, "
        "and `.venv/bin/ruff rule E501` explains a rule; [tool.ruff] in pyproject.toml holds our settings.\n"
        + result.stdout
        + result.stderr
    )


def test_the_python_is_laid_out_as_ruff_formats_it():
    result = run(str(BIN / "ruff"), "format", "--no-cache", "--check", *PYTHON)
    assert result.returncode == 0, (
        "Not laid out as `ruff format` writes it. Run `.venv/bin/ruff format saferpolitics tests scripts` "
        "(or install the pre-commit hooks, which do it on every commit).\n" + result.stdout + result.stderr
    )


def test_the_python_checker_flags_a_mistake(tmp_path):
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "mistake.py").write_text("import os\n\n\ndef f():\n    return undefined_name\n", encoding="utf-8")
    result = run(str(BIN / "ruff"), "check", "--no-cache", "--output-format", "concise", "mistake.py", cwd=tmp_path)
    assert result.returncode == 1
    assert "mistake.py:1:8: F401" in result.stdout and "mistake.py:5:12: F821" in result.stdout, result.stdout


def our_scripts() -> list[str]:
    """Every script of ours, vendored ones left out: in the site's sources, the build's code and the templates."""
    found = (path.relative_to(ROOT).as_posix() for base in SOURCES for path in (ROOT / base).rglob("*.js"))
    return sorted(name for name in found if not name.startswith("docs/assets/js/vendor/"))


def test_every_script_of_ours_is_linted_by_the_test_and_before_each_commit():
    scripts = our_scripts()
    assert "docs/assets/javascripts/workers/search-worker.js" in scripts
    hook = next(
        h
        for h in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
        if h["id"] == "script-lint"
    )
    for name in scripts:
        assert any(name.startswith(folder + "/") for folder in SCRIPTS), f"{name}: add its folder to SCRIPTS"
        assert re.search(hook["files"], name) and not re.search(hook["exclude"], name), (
            f"{name}: the script-lint hook's files: in .pre-commit-config.yaml does not match it"
        )


@pytest.mark.parametrize("folder", ["docs/assets/js", "docs/assets/javascripts/workers", "saferpolitics/post_build"])
def test_the_script_linter_flags_a_mistake(tmp_path, folder):
    # Each folder's block in eslint.config.cjs applies rules, not only globals: an undefined name
    # and a loose comparison are errors everywhere.
    script = tmp_path / folder / "typo.js"
    script.parent.mkdir(parents=True)
    script.write_text(
        '(function () {\n  "use strict";\n  documnet.title = "x";\n  if (self == 1) { self.x = 1; }\n})();\n',
        encoding="utf-8",
    )
    result = run(
        str(ESLINT), "--config", str(ROOT / "eslint.config.cjs"), str(script.relative_to(tmp_path)), cwd=tmp_path
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'documnet' is not defined" in result.stdout and "eqeqeq" in result.stdout, result.stdout


def test_the_spelling_check_flags_us_spellings_and_typos(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("The organization changed the color of its center. Teh Meta Safety Center.\n", encoding="utf-8")
    result = run(str(BIN / "codespell"), str(page))
    found = result.stdout
    assert "organization ==> organisation" in found and "color ==> colour" in found
    assert "center ==> centre" in found and "Teh ==> The" in found
    assert "Center ==> Centre" not in found, "proper names such as Meta's Safety Center keep their spelling"


def test_the_spelling_check_wants_adviser_but_keeps_the_page_address(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Call your force elected-official advisor: see [advisers](police-advisors.md).\n", encoding="utf-8")
    found = run(str(BIN / "codespell"), str(page)).stdout
    assert "advisor ==> adviser" in found and "advisors ==> advisers" not in found


def test_every_data_file_matches_its_schema():
    problems = data_schemas.check_all(ROOT)
    assert not problems, "Data files do not match their schema:\n" + "\n".join(map(str, problems))


def test_every_schema_is_a_valid_json_schema():
    schemas = sorted((ROOT / data_schemas.SCHEMA_FOLDER).glob("*.schema.json"))
    assert schemas
    for schema in schemas:
        jsonschema.Draft202012Validator.check_schema(json.loads(schema.read_text(encoding="utf-8")))
        data_file = ROOT / data_schemas.DATA_DIR / schema.name.replace(".schema.json", ".yml")
        assert data_file.exists(), f"{schema.relative_to(ROOT)} describes a data file that does not exist"


def test_every_page_source_has_a_valid_review_date():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    result = run(
        str(BIN / "python"),
        "-m",
        "saferpolitics.markdown_stage.review_dates",
        *(str(p.relative_to(ROOT)) for p in pages),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_runs_the_fast_checks_locally_without_downloads():
    config_file = ROOT / ".pre-commit-config.yaml"
    result = run(str(BIN / "pre-commit"), "validate-config", str(config_file))
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "hooks must be local: no downloads"
    hooks = config["repos"][0]["hooks"]
    assert {hook["id"] for hook in hooks} >= {
        "review-dates",
        "markdown-style",
        "spelling",
        "data-schemas",
        "workflows",
        "python-lint",
        "python-format",
        "script-lint",
    }
    for hook in hooks:
        assert hook["language"] == "system" and hook["entry"].startswith(".venv/"), hook["id"]
        assert (ROOT / hook["entry"].split()[0]).exists(), f"{hook['id']}: {hook['entry']} is not installed"
    assert review_dates.main([]) == 0
