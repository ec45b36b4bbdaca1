"""Out-of-range numbers in the partner pages: a form error or a plain page, never a 500."""

import pytest
from django.urls import reverse

from jumelage.testing import make_teacher

from .helpers import login

pytestmark = pytest.mark.django_db

HOSTILE_NUMBERS = ["99999999999999999999", "-1", "-99999999999999999999", "1e400", "0"]


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
@pytest.mark.parametrize("name", ["age", "page", "country", "subject", "language"])
def test_search_filters_out_of_range(client, name, value):
    login(client, make_teacher("DE"))
    response = client.get(reverse("partners:search"), {name: value})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_request_list_page_out_of_range(client, value):
    login(client, make_teacher("DE"))
    assert client.get(reverse("partners:request_list"), {"page": value}).status_code == 200
