"""Smoke test of bench/pupil_class.py at a tiny scale (the full run is not in CI)."""

import importlib.util
from pathlib import Path

import pytest

from jumelage.testing import make_project

BENCH = Path(__file__).resolve().parents[3] / "bench" / "pupil_class.py"


@pytest.mark.django_db
def test_the_benchmark_runs_at_a_tiny_scale():
    spec = importlib.util.spec_from_file_location("pupil_class", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.measure(make_project(), pupils=2)
    assert result["cards"] == 2
