"""A school meeting the criteria gets the School Label with its head's declaration."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.core.errors import Refused
from jumelage.labels import policies, services
from jumelage.labels.models import SchoolLabel
from jumelage.labels.tests.helpers import award, ripen
from jumelage.schools.models import School
from jumelage.testing import make_project, make_teacher, sign_in

pytestmark = pytest.mark.django_db


def eligible_school():
    """Registered three years ago, three teachers seen lately, one labelled project."""
    teachers = [make_teacher("FR")]
    school = teachers[0].schools.first()
    teachers += [make_teacher("FR", school=school) for _ in range(2)]
    School.objects.filter(pk=school.pk).update(created_at=timezone.now() - timedelta(days=3 * 365))
    from jumelage.accounts.models import User

    User.objects.filter(pk__in=[t.pk for t in teachers]).update(last_seen_at=timezone.now())
    project = ripen(make_project(founders=[teachers[0], make_teacher("DE")]))
    award(project, "FR")
    school.refresh_from_db()
    return school, teachers


def test_each_criterion_is_checked():
    school, teachers = eligible_school()
    assert all(met for _label, met in policies.school_checks(school))
    School.objects.filter(pk=school.pk).update(created_at=timezone.now())
    school.refresh_from_db()
    checks = policies.school_checks(school)
    assert [met for _label, met in checks] == [False, True, True]
    assert "every criterion" in policies.school_label_refusal(teachers[0], school)


def test_too_few_active_teachers():
    school, teachers = eligible_school()
    from jumelage.accounts.models import User

    User.objects.filter(pk=teachers[2].pk).update(
        last_seen_at=timezone.now() - timedelta(days=800), last_login=None
    )
    assert [met for _l, met in policies.school_checks(school)][1] is False


def test_the_label_is_valid_two_years_and_renewed_in_its_last_months():
    school, teachers = eligible_school()
    label = services.award_school_label(teachers[0], school, "Mme la Proviseure")
    assert (label.valid_until - label.awarded_on).days in (730, 731)
    with pytest.raises(Refused, match="renew it"):
        services.award_school_label(teachers[1], school, "Mme la Proviseure")
    SchoolLabel.objects.filter(pk=label.pk).update(
        awarded_on=timezone.localdate() - timedelta(days=700),
        valid_until=timezone.localdate() + timedelta(days=30),
    )
    renewed = services.award_school_label(teachers[1], school, "Mme la Proviseure")
    assert renewed.valid_until > timezone.localdate() + timedelta(days=700)


def test_only_a_teacher_of_the_school_applies():
    school, _teachers = eligible_school()
    with pytest.raises(Refused):
        services.award_school_label(make_teacher("FR"), school, "Head")


def test_the_head_declaration_is_required_on_the_page(client):
    school, teachers = eligible_school()
    sign_in(client, teachers[0])
    url = reverse("labels:school_apply", args=[school.pk])
    page = client.post(url, {"head_name": "Head"})
    assert page.status_code == 200 and not SchoolLabel.objects.exists()
    response = client.post(url, {"head_name": "Head", "head_declaration": "on"}, follow=True)
    assert "received the School Label" in response.content.decode()
    public = client.get(reverse("labels:school", args=[school.pk])).content.decode()
    assert "valid until" in public


def test_the_teachers_labels_are_for_signed_in_adults(client, world):
    project = ripen(world.project)
    award(project, "FR")
    url = reverse("labels:teacher", args=[world.users["teacher"].pk])
    sign_in(client, world.users["outsider_teacher"])
    assert project.title in client.get(url).content.decode()
    sign_in(client, world.users["pupil"])
    assert client.get(url).status_code == 404
