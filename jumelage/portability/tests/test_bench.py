"""Smoke test of bench/portability_export.py at a tiny scale (the full run is not in CI)."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "portability_export.py"


@pytest.mark.django_db
def test_the_benchmark_runs_at_a_tiny_scale():
    spec = importlib.util.spec_from_file_location("portability_export", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    project = bench.make_project(mib=2, files=2)
    result = bench.measure(project)
    assert result["status"] == "ready"
    assert result["archive_mib"] >= 1.9
