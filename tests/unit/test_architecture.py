"""The two stages run without MkDocs: only saferpolitics/engine/ may import it (README, Layout)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import saferpolitics

STAGES = ("core", "markdown_stage", "post_build", "maintenance")


def test_no_stage_imports_mkdocs():
    modules = [
        f"saferpolitics.{stage}.{info.name}"
        for stage in STAGES
        for info in pkgutil.iter_modules([f"{saferpolitics.PROJECT_ROOT}/saferpolitics/{stage}"])
        if info.name != "__main__"
    ]
    assert len(modules) > 25, modules
    script = f"import sys; {'; '.join(f'import {m}' for m in modules)}; print(sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'properdocs')))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"a stage imports MkDocs: {result.stdout}"
