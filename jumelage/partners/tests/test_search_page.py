"""The results page: filters from the query string, privacy, htmx, pagination, query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage.schools.models import School
from jumelage.testing import make_school, make_teacher

from .helpers import login, make_request, profile

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return re.findall(r"<h3>(.*?)</h3>", response.content.decode())


def test_accent_and_case_insensitive_from_the_page(client):
    profile(make_teacher("FR", name="Claire"), presentation="Une école au bord de la mer")
    login(client, make_teacher("DE"))
    url = reverse("partners:search")
    for q in ("école", "Ecole", "ECOLE"):
        assert names(client.get(url, {"q": q})) == ["Claire"]


def test_filters_from_the_query_string(client):
    primary = make_school("DE", level=School.Level.PRIMARY)
    profile(make_teacher("FR", name="Art FR"), subjects=["art"], ages=[10], languages=["fr"])
    profile(make_teacher("DE", name="Art DE", school=primary), subjects=["art"], ages=[8])
    profile(make_teacher("IT", name="Music IT"), subjects=["music"], ages=[10])
    make_request(make_teacher("PL", name="Poland with request"))
    viewer = make_teacher("ES", name="Viewer")
    login(client, viewer)
    url = reverse("partners:search")
    assert set(names(client.get(url, {"country": ["FR", "DE"]}))) == {"Art FR", "Art DE"}
    assert set(names(client.get(url, {"country": ["FR", "DE", "IT"], "age": "10"}))) == {
        "Art FR",
        "Music IT",
    }
    assert names(client.get(url, {"subject": ["art", "music"], "level": "primary"})) == ["Art DE"]
    # An open request's working languages count too (Poland's request is in English and French).
    assert set(names(client.get(url, {"language": "fr"}))) == {"Art FR", "Poland with request"}
    assert names(client.get(url, {"open_request": "on"})) == ["Poland with request"]


def test_hidden_fields_stay_hidden(client):
    shown = make_teacher("FR", name="Shows email", email_visible=True)
    hidden = make_teacher("FR", name="Hides email")
    login(client, make_teacher("DE"))
    body = client.get(reverse("partners:search")).content.decode()
    assert shown.email in body
    assert hidden.email not in body
    assert "Hides email" in body


def test_unverified_and_unfindable_teachers_are_not_counted(client):
    make_teacher("FR", name="Visible")
    make_teacher("FR", name="Unverified", verified=False)
    make_teacher("FR", name="Unfindable", findable=False)
    viewer = make_teacher("DE", name="Viewer", findable=False)
    login(client, viewer)
    response = client.get(reverse("partners:search"), {"country": "FR"})
    assert names(response) == ["Visible"]
    assert "1 teacher found." in response.content.decode()


def test_htmx_gets_only_the_results(client):
    make_teacher("FR", name="Claire")
    login(client, make_teacher("DE"))
    response = client.get(reverse("partners:search"), {"q": "claire"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert names(response) == ["Claire"]
    restore = client.get(
        reverse("partners:search"),
        {"q": "claire"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in restore.content.decode()
    full = client.get(reverse("partners:search"), {"q": "claire"}).content.decode()
    assert "<html" in full and 'hx-get="/partners/"' in full


def test_bad_filters_give_a_message_not_an_error(client):
    login(client, make_teacher("DE"))
    url = reverse("partners:search")
    for params in (
        {"country": "ZZ"},
        {"age": "abc"},
        {"page": "abc"},
        {"page": "9" * 30},
        {"level": "x"},
    ):
        response = client.get(url, params)
        assert response.status_code == 200
        assert "Some filters are not valid" in response.content.decode()


def test_pagination_links_keep_the_filters_and_pages_do_not_overlap(client):
    for n in range(25):
        profile(make_teacher("FR", name=f"T{n:02d}"), presentation="forêt")
    login(client, make_teacher("DE"))
    url = reverse("partners:search")
    first = client.get(url, {"q": "foret", "country": "FR"})
    second = client.get(url, {"q": "foret", "country": "FR", "page": "2"})
    assert len(names(first)) == 20 and len(names(second)) == 5
    assert not set(names(first)) & set(names(second))
    assert "?q=foret&amp;country=FR&amp;page=2" in first.content.decode()
    beyond = client.get(url, {"q": "foret", "page": "99"})
    assert names(beyond) == names(second) or len(names(beyond)) == 5


def _results_queries(client, count, word) -> int:
    for n in range(count):
        user = profile(
            make_teacher("FR", name=f"R{n}"),
            subjects=["art", "music"],
            languages=["fr", "en"],
            ages=[10, 11],
            presentation=word,
        )
        make_request(user, title="Une chorale européenne")
    viewer = make_teacher("DE")
    login(client, viewer)
    url = reverse("partners:search")
    client.get(url, {"q": word})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"q": word})
    assert len(names(response)) == count
    return len(ctx.captured_queries)


def test_results_page_query_count_does_not_grow_with_results(client):
    assert _results_queries(client, 2, "chorale") == _results_queries(client, 10, "fanfare")


def test_the_subject_of_an_open_request_is_found_with_that_subject(client):
    """?subject=music&open_request=on finds the teacher whose open request is about music."""
    from jumelage.reference.models import Subject

    author = profile(make_teacher("IT", name="Music request"), subjects=["art"])
    make_request(author, subjects=list(Subject.objects.filter(code="music")))
    login(client, make_teacher("ES"))
    url = reverse("partners:search")
    assert names(client.get(url, {"subject": "music", "open_request": "on"})) == ["Music request"]


def test_the_searcher_is_not_among_her_own_results(client):
    viewer = profile(make_teacher("ES", name="Viewer"), subjects=["art"])
    profile(make_teacher("FR", name="Other"), subjects=["art"])
    login(client, viewer)
    assert names(client.get(reverse("partners:search"), {"subject": "art"})) == ["Other"]
