"""The post-build pipeline runs from the command line on a site the engine wrote, with the same
result as inside the build: what a move to another engine (Zensical) would rely on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, bare_post_build, build_in_process, project_copy


def _deferred_project(tmp_path: Path) -> Path:
    config_file = project_copy(tmp_path)
    config = config_file.read_text(encoding="utf-8")
    plugin = "\n  - saferpolitics:\n"
    assert plugin in config
    config = config.replace(plugin, f"{plugin}      defer_post_build: true\n")
    config_file.write_text(config, encoding="utf-8")
    return config_file


def test_the_pipeline_run_from_the_command_line_finishes_the_site_as_the_build_does(tmp_path, site_without_pdf_build):
    config = _deferred_project(tmp_path / "project")
    site = tmp_path / "site"
    built = build_in_process(config, site, env={"TOOLKIT_PDF": "0"})
    assert built.returncode == 0, built.stderr
    assert "Post-build steps left for `python -m saferpolitics.post_build`" in built.stderr
    assert "Content-Security-Policy" not in (site / "index.html").read_text(encoding="utf-8"), (
        "the steps ran in the build"
    )
    # A mistake since, in a data file the steps never read, is the next build's to report.
    (tmp_path / "project" / "data" / "checklists.yml").write_text("checklists: [\n", encoding="utf-8")

    # The wrong folder (the pages' sources): refused before anything in it is changed.
    docs = tmp_path / "project" / "docs"
    sources = {path: path.read_bytes() for path in docs.rglob("*") if path.is_file()}
    wrong = subprocess.run(
        [sys.executable, "-m", "saferpolitics.post_build", "docs"],
        capture_output=True,
        text=True,
        cwd=tmp_path / "project",
    )
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert "docs is not the site this build wrote" in wrong.stderr and "nothing was changed" in wrong.stderr
    assert "hint: give the folder the build wrote" in wrong.stderr
    assert {path: path.read_bytes() for path in docs.rglob("*") if path.is_file()} == sources

    finished = subprocess.run(
        [sys.executable, "-m", "saferpolitics.post_build", str(site)],
        capture_output=True,
        text=True,
        cwd=tmp_path / "project",
    )
    assert finished.returncode == 0, finished.stderr
    assert "Offline copy:" in finished.stdout
    # A second run would bundle the one stylesheet into an empty one: refused, nothing changed.
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    again = subprocess.run(
        [sys.executable, "-m", "saferpolitics.post_build", str(site)],
        capture_output=True,
        text=True,
        cwd=tmp_path / "project",
    )
    assert again.returncode == 2 and "was finished already" in again.stderr and "Traceback" not in again.stderr
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before
    ours = site_without_pdf_build.site_dir
    files = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    differ = [name for name in files if (ours / name).read_bytes() != (site / name).read_bytes()]
    assert not differ, f"finished differently from the command line: {differ[:10]}"


def test_without_a_record_the_command_says_how_to_make_one(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "saferpolitics.post_build", str(tmp_path)], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 2
    assert ".cache/post-build.json not found" in result.stderr and "defer_post_build: true" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_site_folder_that_does_not_exist_is_named_with_a_hint(tmp_path):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "post-build.json").write_text("{}", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "saferpolitics.post_build", "no-such-site"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "no-such-site is not a directory" in result.stderr and "hint:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_record_this_version_cannot_read_says_to_build_again(tmp_path):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "post-build.json").write_text('{"site_name": "Old"}', encoding="utf-8")
    (tmp_path / "site").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "saferpolitics.post_build", "site"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 1
    assert "is not a post-build record this version can read" in result.stderr
    assert "defer_post_build: true" in result.stderr and "Traceback" not in result.stderr


def test_the_command_reads_only_the_data_files_the_steps_use(tmp_path):
    """The search index's two files, checked as the build checks them; the others (here: none
    at all) are never opened, so a mistake in one cannot stop the command."""
    bare_post_build(project_root=str(tmp_path)).save(tmp_path / ".cache" / "post-build.json")
    (tmp_path / "data").mkdir()
    synonyms = (ROOT / "data" / "search-synonyms.yml").read_text(encoding="utf-8")
    (tmp_path / "data" / "search-synonyms.yml").write_text(synonyms, encoding="utf-8")
    (tmp_path / "data" / "glossary.yml").write_text("terms:\n  - term: Phishing\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "saferpolitics.post_build", "site"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 1
    assert "data/glossary.yml:2" in result.stderr and "definition" in result.stderr, result.stderr
    assert result.stderr.count("data/") == 1, f"a file the steps do not read was opened: {result.stderr}"
    assert "Traceback" not in result.stderr
