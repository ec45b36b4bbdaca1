"""The statistics pages: who sees what, the tables, the CSV, and a fixed query count."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage import testing
from jumelage.statistics import materialise

from .helpers import MARCH, build_small_world, teacher

pytestmark = pytest.mark.django_db

END = dt.date(2026, 3, 31)


@pytest.fixture
def figures(db):
    build_small_world()
    materialise.refresh(MARCH, END)


def signed_in(client, user):
    testing.sign_in(client, user)
    return client


def test_office_sees_its_country_with_charts_and_tables(client, figures):
    office = signed_in(client, testing.make_staff("FR"))
    response = office.get(reverse("statistics:country", args=["FR"]), {"range": "all"})
    assert response.status_code == 200
    html = response.content.decode()
    parse_html(html)  # well-formed: raises on a tag closed out of order
    assert "<svg" in html and "<table" in html and "<caption>" in html
    assert "Median time to verify over the period: 3 days." in html
    assert "No quality label has been awarded on the platform yet." in html
    assert "Académie" in html  # schools by region
    assert "Germany" in html and "Italy" in html  # partner countries
    assert reverse("statistics:country_csv", args=["FR"]) in html


def test_office_of_another_country_gets_404(client, figures):
    office = signed_in(client, testing.make_staff("IT"))
    assert office.get(reverse("statistics:country", args=["FR"])).status_code == 404
    assert office.get(reverse("statistics:country_csv", args=["FR"])).status_code == 404
    assert office.get(reverse("statistics:europe")).status_code == 404
    assert office.get(reverse("statistics:index")).url == reverse("statistics:country", args=["IT"])


@pytest.mark.parametrize("who", ["teacher", "regional"])
def test_teachers_and_regional_correspondents_get_404(client, figures, who):
    from jumelage.network.models import SupportRole

    if who == "teacher":
        user = testing.make_teacher("FR")
    else:
        user = testing.make_staff("FR", role=SupportRole.Role.REGIONAL_CORRESPONDENT)
    signed_in(client, user)
    assert client.get(reverse("statistics:index")).status_code == 404
    assert client.get(reverse("statistics:country", args=["FR"])).status_code == 404
    assert client.get(reverse("statistics:europe_csv")).status_code == 404


def test_platform_admin_sees_europe_with_a_country_grid(client, figures):
    from jumelage.accounts.models import User

    admin = User.objects.create_superuser("root@example.org", testing.PASSWORD, display_name="R")
    signed_in(client, admin)
    assert client.get(reverse("statistics:index")).url == reverse("statistics:europe")
    response = client.get(reverse("statistics:europe"), {"range": "all"})
    html = response.content.decode()
    parse_html(html)
    assert 'class="stats-grid"' in html
    assert reverse("statistics:country", args=["DE"]) in html
    assert client.get(reverse("statistics:country", args=["DE"])).status_code == 200


def test_csv_holds_the_tables(client, figures):
    office = signed_in(client, testing.make_staff("FR"))
    response = office.get(reverse("statistics:country_csv", args=["FR"]), {"range": "all"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["table", "row", "column", "value"]
    assert ["teachers", "March 2026", "Registrations", "4"] in rows
    assert ["teachers", "March 2026", "Verifications", "3"] in rows
    assert ["teachers", "March 2026", "Median days to verify", "3"] in rows
    assert ["partners", "Germany", "Projects", "1"] in rows
    assert ["training", "March 2026", "Present", "1"] in rows
    assert ["pupils", "", "Pupils in at least one project", "2"] in rows


def test_bad_range_falls_back_to_the_default(client, figures):
    office = signed_in(client, testing.make_staff("FR"))
    response = office.get(reverse("statistics:country", args=["FR"]), {"range": "<x>"})
    assert response.status_code == 200
    assert b'value="12" selected' in response.content


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, {"range": "all"}).status_code == 200
    return len(ctx.captured_queries)


# Session, user, second factor, support roles; then the country, the monthly flows, the
# snapshot, the regions, the country and subject names, the date of the last run.
PAGE_QUERIES = 11
EUROPE_QUERIES = 10  # no support-role query for a superuser; the grid adds two
# From the cache (same run, language, day and period): only access and the run's date.
CACHED_QUERIES = {"office": 6, "europe": 4}


def test_query_count_is_pinned_and_independent_of_the_data(client, figures):
    office = signed_in(client, testing.make_staff("FR"))
    url = reverse("statistics:country", args=["FR"])
    assert _queries(client, url) == PAGE_QUERIES
    assert _queries(client, url) == CACHED_QUERIES["office"]
    for day in range(1, 20):
        teacher("FR", dt.date(2026, 2, day), dt.date(2026, 3, day))
    materialise.refresh(dt.date(2026, 2, 1), END)
    assert _queries(office, url) == PAGE_QUERIES  # a new run: computed again
    response = office.get(reverse("statistics:country_csv", args=["FR"]), {"range": "all"})
    assert "February 2026,Registrations,19" in response.content.decode()


def test_europe_query_count_is_pinned(client, figures):
    from jumelage.accounts.models import User

    admin = User.objects.create_superuser("root@example.org", testing.PASSWORD, display_name="R")
    signed_in(client, admin)
    url = reverse("statistics:europe")
    assert _queries(client, url) == EUROPE_QUERIES
    assert _queries(client, url) == CACHED_QUERIES["europe"]
    teacher("DE", dt.date(2026, 2, 3), dt.date(2026, 3, 3))
    materialise.refresh(dt.date(2026, 2, 1), END)
    assert _queries(client, url) == EUROPE_QUERIES


def test_after_the_nightly_run_the_first_viewer_of_the_day_reads_the_cache(client, figures):
    """The run builds every page into the cache: no viewer pays for the first render."""
    from jumelage.accounts.models import User
    from jumelage.statistics.tasks import materialise_daily

    admin = User.objects.create_superuser("root@example.org", testing.PASSWORD, display_name="R")
    materialise_daily()
    signed_in(client, admin)
    assert _queries(client, reverse("statistics:europe")) == CACHED_QUERIES["europe"]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("statistics:country", args=["FR"])).status_code == 200
    assert len(ctx.captured_queries) <= CACHED_QUERIES["office"]
