"""Smoke test of bench/statistics_page.py at a tiny scale (the full run is in bench/)."""

import importlib.util
from pathlib import Path

import pytest

from jumelage.statistics import models as m
from jumelage.statistics.models import DailyFigure

BENCH = Path(__file__).resolve().parents[3] / "bench" / "statistics_page.py"

pytestmark = pytest.mark.services


def load_bench():
    spec = importlib.util.spec_from_file_location("statistics_page", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_generates_figures_and_times_the_pages(postgres):
    bench = load_bench()
    counts = bench.generate(postgres, scale=0.05, years=0.1, progress=lambda message: None)
    assert counts["countries"] == 33
    assert DailyFigure.objects.count() == counts["rows"] > 0
    assert DailyFigure.objects.filter(metric=m.REGISTRATIONS, country="").exists()
    assert DailyFigure.objects.filter(metric=m.SCHOOLS, country="FR", region__isnull=False).exists()
    results = bench.measure(runs=2, warmup=1, progress=lambda message: None)
    assert len(results) == 8  # 2 pages x 2 periods x cold/cached
    assert "Europe, all, cold" in results
