"""`make bench` compares our build with the same pages built without our code
(scripts/benchmark.py): that build must keep working as the project changes."""

from __future__ import annotations

import importlib.util

from conftest import ROOT, build_in_process


def test_the_benchmarks_build_without_our_code_builds(tmp_path):
    """Our search wording (theme.language: en-toolkit) is a template in overrides/, which the build
    without our code leaves out: `make bench` stopped with TemplateNotFound until it set `en`."""
    spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    config = tmp_path / "mkdocs.yml"
    benchmark.write_config_without_our_code(ROOT, config)
    result = build_in_process(config, tmp_path / "site", strict=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert (tmp_path / "site" / "get-help-now" / "index.html").is_file()
