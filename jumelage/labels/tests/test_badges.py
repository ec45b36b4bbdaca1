"""A labelled project shows its quality labels on its public page and its TwinSpace home."""

import pytest
from django.urls import reverse

from jumelage.labels import panels
from jumelage.labels.models import EuropeanDecision
from jumelage.labels.tests.helpers import award, founder, ripen
from jumelage.testing import make_project

pytestmark = pytest.mark.django_db


def _pages(client, project):
    teacher = founder(project, "FR").user
    client.force_login(teacher)
    detail = client.get(reverse("projects:detail", args=[project.pk]))
    home = client.get(reverse("twinspace:home", args=[project.pk]))
    assert detail.status_code == home.status_code == 200
    return detail.text, home.text


def test_no_label_no_badge(client):
    detail, home = _pages(client, make_project())
    for page in (detail, home):
        assert "Quality Label" not in page and "label-badge" not in page


def test_the_national_and_european_labels_show_as_badges_linked_to_the_labels_page(client):
    project = ripen(make_project())
    award(project, "FR")
    detail, home = _pages(client, project)
    link = reverse("labels:project", args=[project.pk])
    for page in (detail, home):
        assert "National Quality Label" in page and f'href="{link}"' in page
        assert "European Quality Label" not in page

    EuropeanDecision.objects.create(project=project, awarded=True)
    detail, home = _pages(client, project)
    for page in (detail, home):
        assert "National Quality Label" in page and "European Quality Label" in page


def test_a_refused_european_decision_or_a_pending_application_shows_nothing(client):
    from jumelage.labels.tests.helpers import submitted

    project = ripen(make_project())
    submitted(project, "FR")
    EuropeanDecision.objects.create(project=project, awarded=False)
    detail, home = _pages(client, project)
    assert "label-badge" not in detail and "label-badge" not in home


def test_the_badges_cost_one_query_whatever_the_labels_then_none(django_assert_num_queries):
    project = ripen(make_project())
    award(project, "FR")
    award(project, "DE")
    EuropeanDecision.objects.create(project=project, awarded=True)
    with django_assert_num_queries(1):
        assert len(panels.project_badges(project)) == 2
    with django_assert_num_queries(0):  # kept until a decision on this project changes
        assert len(panels.project_badges(project)) == 2


def test_a_withdrawn_label_leaves_the_badges_at_once(client):
    project = ripen(make_project())
    application = award(project, "FR")
    decision = EuropeanDecision.objects.create(project=project, awarded=True)
    detail, home = _pages(client, project)
    assert "National Quality Label" in home and "European Quality Label" in home
    decision.delete()
    application.status = application.Status.SUBMITTED
    application.save()
    detail, home = _pages(client, project)
    assert "label-badge" not in detail and "label-badge" not in home
