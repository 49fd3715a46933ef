"""GitHub Actions workflows and issue forms: valid (schema-checked offline), pinned, doing what README.md says."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
PINNED_USES = re.compile(
    r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$"
)


def schema_check(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    """check-jsonschema with a schema vendored inside the package: no network needed."""
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
    )


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); normalise it back.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_workflows_exist():
    names = {path.name for path in WORKFLOWS}
    assert {"ci.yml", "deploy.yml"} <= names, names


def test_every_workflow_is_valid_against_the_github_workflow_schema():
    result = schema_check("vendor.github-workflows", WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: make site\n", encoding="utf-8")
    result = schema_check("vendor.github-workflows", [broken])
    assert result.returncode != 0 and "runs-on" in result.stdout


def test_issue_forms_and_their_config_are_valid():
    templates = GITHUB / "ISSUE_TEMPLATE"
    forms = sorted(p for p in templates.glob("*.yml") if p.name != "config.yml")
    assert {p.name for p in forms} >= {"broken-or-moved-link.yml", "content-correction.yml"}
    for schema, files in (
        ("vendor.github-issue-forms", forms),
        ("vendor.github-issue-config", [templates / "config.yml"]),
    ):
        result = schema_check(schema, files)
        assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*(-\s+)?uses:", line):
                assert PINNED_USES.match(line), (
                    f".github/workflows/{path.name}:{number}: pin the action to a 40-character commit SHA "
                    f"followed by '# vX.Y.Z', e.g. 'uses: actions/checkout@<sha> # v6.0.2'; got: {line.strip()}"
                )


def test_each_action_has_the_same_pin_in_every_workflow():
    pins = defaultdict(set)
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := PINNED_USES.match(line):
                pins[match["action"]].add(line.split("@", 1)[1].strip())
    mixed = {action: sorted(found) for action, found in pins.items() if len(found) > 1}
    assert not mixed, f"one action, several pins (use one release everywhere): {mixed}"


def test_no_workflow_puts_event_text_into_a_shell_command():
    # Titles and branch names of pull requests are attacker-controlled: never inline them in `run:`.
    for path in WORKFLOWS:
        for step in steps(load(path)):
            assert "github.event" not in step.get("run", ""), f"{path.name}: {step}"


def test_pull_requests_build_strictly_run_every_test_and_upload_site_and_pdf():
    workflow = load(GITHUB / "workflows" / "ci.yml")
    assert "pull_request" in workflow["on"] and "push" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "make site" in runs and "make ${{ matrix.tests }}" in runs
    # Every test on the oldest Python we support, the build and the fast tests on the newest.
    job = workflow["jobs"]["build-and-test"]
    assert job["container"]["image"] == "python:${{ matrix.python }}-slim-bookworm"
    matrix = {entry["python"]: entry for entry in job["strategy"]["matrix"]["include"]}
    assert (matrix["3.11"]["tests"], matrix["3.13"]["tests"]) == ("test", "test-fast")
    assert job["strategy"]["fail-fast"] is False
    # One Python uploads the site and PDF for reviewers (two would clash on the artifact names).
    assert all(
        step.get("if") == "matrix.artifacts" for step in steps(workflow) if "upload-artifact" in step.get("uses", "")
    )
    assert [entry["python"] for entry in matrix.values() if entry["artifacts"]] == ["3.11"]
    uploads = [step["with"] for step in steps(workflow) if "upload-artifact" in step.get("uses", "")]
    paths = {upload["path"] for upload in uploads}
    assert "site/" in paths and any(path.endswith(".pdf") for path in paths), paths
    assert all(upload.get("if-no-files-found") == "error" for upload in uploads)


def test_main_is_built_and_deployed_to_github_pages():
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "make site" in [step.get("run") for step in build["steps"]]
    assert any("import pytest" in (step.get("run") or "") for step in build["steps"]), (
        "the deploy checks it installed no test tool"
    )
    uses = " ".join(step.get("uses", "") for step in steps(workflow))
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in uses
    upload = next(step for step in build["steps"] if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_time_limit(path):
    for name, job in load(path)["jobs"].items():
        assert "timeout-minutes" in job, f"{path.name}: job {name} has no timeout-minutes"


def test_the_published_pdf_and_cards_print_the_published_address_not_the_placeholder(tmp_path):
    """mkdocs.yml's site_url is a placeholder; the deploy puts the Pages address there before
    `make site`, so the PDF's cover and footer and the crisis cards never print an invented one."""
    build = load(GITHUB / "workflows" / "deploy.yml")["jobs"]["build"]["steps"]
    runs = [step.get("run") or "" for step in build]
    address_step = next(step for step in build if "site_url" in (step.get("run") or ""))
    assert runs.index(address_step["run"]) < runs.index("make site")
    assert address_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    original = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: https://[^/\s]+\.example/$", original, re.M), "the placeholder is reserved"
    (tmp_path / "mkdocs.yml").write_text(original, encoding="utf-8")
    for published in ("https://office.github.io/toolkit", "https://toolkit.example.org/"):
        subprocess.run(
            ["bash", "-c", address_step["run"]],
            cwd=tmp_path,
            env={"SITE_URL": published, "PATH": os.environ["PATH"]},
            check=True,
            capture_output=True,
        )
        changed = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
        assert re.findall(r"^site_url: (.*)$", changed, re.M) == [published.rstrip("/") + "/"]
        assert changed.splitlines()[:10] == original.splitlines()[:10]  # nothing else moved
