"""Numbers no id column can hold, in URLs and query strings: 404 or a form error, never 500."""

import pytest
from django.urls import reverse

from jumelage.testing import make_project

pytestmark = pytest.mark.django_db

BIG = 99999999999999999999


def test_a_huge_project_id_through_a_foreign_key_is_not_found(client):
    project = make_project()
    client.force_login(project.memberships.filter(is_founder=True).first().user)
    url = reverse("projects:decide", kwargs={"project_id": BIG, "country": "FR"})
    assert client.get(url).status_code == 404


def test_messages_to_a_unicode_digit(client):
    project = make_project()
    client.force_login(project.memberships.filter(is_founder=True).first().user)
    for to in ("²", str(BIG), "-1"):
        assert client.get(reverse("messaging:compose"), {"to": to}).status_code in (200, 404)


def test_impossible_ids_match_nothing_in_every_kind_of_lookup():
    from jumelage.projects.models import Membership, Project

    project = make_project()
    huge, negative = BIG, -BIG
    assert list(Project.objects.filter(pk__in=[huge, negative, project.pk])) == [project]
    assert not Membership.objects.filter(project_id=huge).exists()
    assert not Membership.objects.filter(project=huge).exists()
    assert Membership.objects.filter(project_id__in=[huge, project.pk]).count() == 2
    assert not Membership.objects.filter(project__in=[negative]).exists()
