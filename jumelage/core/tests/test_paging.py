"""A big list's total is kept a few minutes (core.paging): the public directory's
projects of one country at eTwinning's scale took a 110 ms COUNT for a 2 ms page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage.core.paging import CountKeptPaginator
from jumelage.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _choices_loaded(client):
    client.get(reverse("projects:directory"))  # the filters' choices: once per process


def _counts(queries) -> int:
    return sum('COUNT(*) AS "__count"' in q["sql"] for q in queries.captured_queries)


def test_a_big_list_is_counted_once_then_its_total_kept(
    client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(CountKeptPaginator, "keep_above", 2)
    for n in range(3):
        make_project(title=f"Kept {n}").subjects.set(["music"])
    url = reverse("projects:directory") + "?subject=music"
    with CaptureQueriesContext(connection) as first:
        assert "Kept 2" in client.get(url).content.decode()
    assert _counts(first) == 1
    make_project(title="Kept 3").subjects.set(["music"])
    with django_assert_num_queries(len(first) - 1) as second:
        page = client.get(url).content.decode()
    assert _counts(second) == 0
    assert "Kept 3" in page  # the rows are read each time; only the total waits


def test_a_small_list_is_counted_every_time(client):
    make_project(title="Alone").subjects.set(["history"])
    url = reverse("projects:directory") + "?subject=history"
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert "Alone" in client.get(url).content.decode()
        assert _counts(queries) == 1
