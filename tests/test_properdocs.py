"""The site also builds strictly with ProperDocs, the maintained continuation of MkDocs 1.x (pinned
in requirements.lock; mkdocs-redirects depends on it). It reads mkdocs.yml and runs the same
plugins, ours included (its entry point is in the `mkdocs.plugins` group, which ProperDocs reads):
the site it builds is the MkDocs one byte for byte, but for the generator tag."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import PROPERDOCS, tiny_project

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
WORKER_HASHES = re.compile(rb'"(version|sha256)":"[0-9a-f]+"|"size":\d+')
# About says how much the offline copy stores (docs/about.md, SP-OFFLINE-SIZE), to a tenth of a MB:
# the pages' generator tags, one engine's name longer than the other's, can tip it either way.
STORED_SIZE = re.compile(rb"about \d+(?:\.\d)? MB of space")


def test_properdocs_builds_the_site_strictly(properdocs_build):
    assert properdocs_build.returncode == 0, properdocs_build.stderr
    assert not re.search(r"^WARNING\b", properdocs_build.stderr, re.M), properdocs_build.stderr
    assert "No PDF this time: TOOLKIT_PDF=0" in properdocs_build.stderr, "our plugin did not run"


def test_properdocs_and_mkdocs_build_the_same_site(properdocs_build, site_without_pdf_build):
    ours, theirs = site_without_pdf_build.site_dir, properdocs_build.site_dir
    files = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file())

    def normalised(path: Path) -> bytes:
        data = STORED_SIZE.sub(b"", GENERATOR.sub(b"", path.read_bytes()))
        # The worker lists each file's hash and size: the pages differ by their generator tag only.
        return WORKER_HASHES.sub(b"", data) if path.name == "service-worker.js" else data

    differ = [name for name in files if normalised(ours / name) != normalised(theirs / name)]
    assert not differ, f"ProperDocs builds these differently: {differ[:10]}"


@pytest.mark.parametrize("quiet", [[], ["-q"]], ids=["shown", "quiet"])
def test_a_plugin_warning_fails_the_properdocs_strict_build_too(tmp_path, quiet):
    """ProperDocs logs under its own name: with -q (warnings hidden) a strict build with an inline
    script and a broken link passed, and its link message named no line (a maintainer review)."""
    pages = {"index.md": "# Home\n", "about.md": "# About\n\nSee [home](index.md#nowhere).\n"}
    config = tiny_project(
        tmp_path, pages, config="theme: {name: material, font: false}\nvalidation: {anchors: warn}", review_dates=True
    )
    result = subprocess.run(
        [*PROPERDOCS, "build", "--strict", *quiet, "--config-file", str(config), "--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"},
    )
    assert result.returncode != 0
    assert "docs/index.md:1: the page has no front matter" in result.stderr, result.stderr
    assert "docs/about.md:3: link 'index.md#nowhere' goes to a section '#nowhere'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
