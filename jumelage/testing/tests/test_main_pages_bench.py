"""The 12 main pages cost the same number of queries with 2 or 20 items of everything
(issue 16), and bench/pages_inprocess.py runs (its tiny-scale smoke test).

One project grows from 2 to 20 members, pages, topics, replies in a topic, blog posts,
chat messages, files and events, and its founder from 2 to 20 projects; every page is
visited before and after, signed in as the founder, and must cost as many queries.
"""

import importlib.util
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jumelage import testing

BENCH = Path(__file__).resolve().parents[3] / "bench" / "pages_inprocess.py"

pytestmark = pytest.mark.django_db


def load_bench():
    spec = importlib.util.spec_from_file_location("pages_inprocess", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _counts(client, urls) -> dict:
    counts = {}
    for label, url in urls.items():
        assert client.get(url).status_code == 200, url  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[label] = len(queries)
    return counts


def test_the_main_pages_cost_as_many_queries_with_2_or_20_items(client):
    bench = load_bench()
    founder = testing.make_teacher("FR")
    project = testing.make_project([founder, testing.make_teacher("DE")])
    bench.boost(project, founder, dict.fromkeys(bench.BOOST, 2))
    testing.sign_in(client, founder)
    few = _counts(client, bench.pages(founder, project))
    bench.boost(project, founder, dict.fromkeys(bench.BOOST, 18) | {"projects": 20})
    many = _counts(client, bench.pages(founder, project))
    assert len(few) == 13
    assert many == few


@pytest.mark.services
def test_the_bench_builds_its_data_and_times_every_page(postgres):
    bench = load_bench()
    counts = bench.build(scale=0.01, progress=lambda message: None)
    assert counts["founder_projects"] >= 2 and counts["members"] > 4
    results = bench.measure(runs=2, warmup=1, progress=lambda message: None)
    assert set(results) == set(bench.pages())
    assert all(queries > 0 for *_times, queries in results.values())
    assert "| dashboard | 2 |" in bench.table(results, 2)
