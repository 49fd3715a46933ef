"""The package is complete: installed as a user would (`pip install .`, not editable) into a fresh
virtual environment holding only what requirements.lock pins for the site, it builds the site.

Offline: the fresh environment gets the runtime lock's packages copied from .venv (file by file, as
each one's RECORD lists them), then pip installs our wheel from a folder with no index, so pip
itself checks that every dependency pyproject.toml declares is there; an import the build makes
that is not declared fails the build.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from importlib.metadata import distribution
from pathlib import Path

from conftest import ROOT


def runtime_lock() -> list[str]:
    return re.findall(r"^([A-Za-z0-9_.-]+)==", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.MULTILINE)


def copy_distribution(name: str, site_packages: Path) -> None:
    """One installed package's files under site-packages, as .venv has them (scripts left out)."""
    found = distribution(name)
    for file in found.files or []:
        source = Path(found.locate_file(file))
        if ".." in file.parts or not source.is_file():
            continue
        target = site_packages / file
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def test_pip_install_dot_in_a_fresh_environment_builds_the_site(tmp_path):
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=False, symlinks=True)
    python = fresh / "bin" / "python"
    site_packages = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    for name in ["pip", *runtime_lock()]:
        copy_distribution(name, site_packages)

    source, wheels = tmp_path / "source", tmp_path / "wheels"  # a copy: setuptools writes build/ beside it
    for name in ("saferpolitics", "data/schema"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(wheels),
            str(source),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    install = subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--find-links",
            str(wheels),
            "safer-politics-toolkit",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_CONSTRAINT": ""},
    )
    assert install.returncode == 0, (
        f"a dependency pyproject.toml declares is not in requirements.lock:\n{install.stderr}"
    )
    check = subprocess.run([python, "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout

    project = tmp_path / "project"  # the pages and data, not the package: it must come from the install
    for name in ("docs", "data", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "saferpolitics").mkdir()  # mkdocs.yml watches it (serve); empty, so no module comes from here
    build = subprocess.run(
        [python, "-P", "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=project,
        # Nothing kept from earlier builds: each data file's schema is really read and checked.
        env={
            **os.environ,
            "TOOLKIT_PDF": "0",
            "TOOLKIT_RENDER_CACHE": "0",
            "PYTHONPATH": "",
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
        },
    )
    assert build.returncode == 0, build.stderr[-3000:]
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "downloads" / "first-hour-a4.pdf").is_file()
    used = subprocess.check_output(
        [python, "-c", "import saferpolitics.core.datafile as d; print(d.SCHEMA_DIR)"], text=True, cwd=tmp_path
    )
    assert used.strip() == str(site_packages / "saferpolitics" / "schema"), "the schemas come with the package"


def test_every_subpackage_is_in_the_package():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "saferpolitics").rglob("__init__.py")}
    assert on_disk <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(on_disk - listed)}"
