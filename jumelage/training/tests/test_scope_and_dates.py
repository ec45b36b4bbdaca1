"""Who organises events where (issue 12 L6), and far dates that must not break the pages (13 H3)."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from jumelage.reference.models import Department, Region
from jumelage.testing import login_with_second_factor, make_staff, make_teacher
from jumelage.training.models import TrainingEvent

from .helpers import make_event
from .test_pages import _form_data

pytestmark = pytest.mark.django_db


def _place(level, *, country="", region=None, department=None):
    return {
        "level": level,
        "country": country,
        "region": region.pk if region else "",
        "department": department.pk if department else "",
    }


def test_staff_organise_only_at_their_own_level_and_place(client):
    corse, paris = Region.objects.get(code="corse"), Region.objects.get(code="paris")
    corse_sud = Department.objects.get(code="2A")
    paris_dep = Department.objects.get(code="75")
    regional = make_staff("FR", role="regional", region=corse, can_verify=False)
    national_de = make_staff("DE")
    departmental = make_staff("FR", role="departmental", can_verify=False)
    departmental.support_roles.update(department=paris_dep, region=paris)
    cases = [
        # (staff, place, allowed)
        (regional, _place("national", country="FR"), False),
        (regional, _place("national", country="DE"), False),
        (regional, _place("european"), False),
        (regional, _place("regional", region=paris), False),
        (regional, _place("departmental", department=paris_dep), False),
        (regional, _place("regional", region=corse), True),
        (regional, _place("departmental", department=corse_sud), True),
        (national_de, _place("national", country="FR"), False),
        (national_de, _place("regional", region=corse), False),
        (national_de, _place("european"), False),
        (national_de, _place("national", country="DE"), True),
        (departmental, _place("regional", region=paris), False),
        (departmental, _place("national", country="FR"), False),
        (departmental, _place("departmental", department=corse_sud), False),
        (departmental, _place("departmental", department=paris_dep), True),
    ]
    for staff, place, allowed in cases:
        login_with_second_factor(client, staff)
        before = TrainingEvent.objects.count()
        response = client.post(reverse("training:new"), _form_data(**place))
        saved = TrainingEvent.objects.count() - before
        assert saved == (1 if allowed else 0), (staff.support_roles.first(), place, allowed)
        assert response.status_code == (302 if allowed else 200)
    # The form offers only what the person may choose.
    login_with_second_factor(client, regional)
    page = client.get(reverse("training:new")).text
    assert 'value="regional"' in page and 'value="national"' not in page
    assert 'value="european"' not in page


def test_an_organiser_cannot_move_an_event_out_of_their_place(client):
    corse = Region.objects.get(code="corse")
    regional = make_staff("FR", role="regional", region=corse, can_verify=False)
    event = make_event(level="regional", region=corse, organiser=regional)
    login_with_second_factor(client, regional)
    client.post(
        reverse("training:edit", args=[event.pk]), _form_data(**_place("national", country="FR"))
    )
    event.refresh_from_db()
    assert event.level == "regional"


def test_platform_admins_organise_european_events(client):
    admin = make_staff("FR")
    admin.is_superuser = True
    admin.save()
    login_with_second_factor(client, admin)
    response = client.post(reverse("training:new"), _form_data(**_place("european")))
    assert response.status_code == 302
    assert TrainingEvent.objects.get().level == "european"


def test_an_ambassador_without_a_region_organises_nothing(client):
    login_with_second_factor(client, make_staff("FR", role="ambassador", can_verify=False))
    assert client.get(reverse("training:new")).status_code == 404


# --- Far dates ---------------------------------------------------------------------------

FAR = ["0001-01-01T00:00", "1899-12-31T23:59", "2101-01-01T00:00", "9999-12-31T23:59"]


@pytest.mark.parametrize("value", FAR)
@pytest.mark.parametrize("name", ["registration_deadline", "starts_at", "ends_at"])
def test_far_dates_in_the_event_form_are_form_errors(client, name, value):
    existing = make_event()
    teacher = make_teacher()
    staff = make_staff("FR")
    login_with_second_factor(client, staff)
    data = _form_data(**_place("national", country="FR"), **{name: value})
    response = client.post(reverse("training:new"), data)
    assert response.status_code == 200
    assert "Enter a date between 2000-01-01 and 2100-12-31." in response.text
    assert TrainingEvent.objects.count() == 1
    response = client.post(reverse("training:edit", args=[existing.pk]), data)
    assert response.status_code == 200
    existing.refresh_from_db()
    assert existing.registration_deadline.year > 2000
    # Every teacher's pages still answer.
    client.force_login(teacher)
    assert client.get(reverse("training:list")).status_code == 200
    assert client.get(reverse("training:detail", args=[existing.pk])).status_code == 200
    assert client.get(reverse("training:ical", args=[existing.pk])).status_code == 200


@pytest.mark.services
def test_the_database_refuses_a_bc_deadline_and_pages_keep_working(postgres, client):
    """The PostgreSQL case of the issue: no BC timestamp can be stored any more."""
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingEvent.objects.filter(pk=event.pk).update(
            registration_deadline=datetime(1, 1, 1, 0, 0, tzinfo=UTC)
        )
    with pytest.raises(IntegrityError), transaction.atomic(), postgres.cursor() as cursor:
        cursor.execute(
            "UPDATE training_trainingevent SET registration_deadline = "
            "'0001-01-01 00:00:00+00:09:21 BC' WHERE id = %s",
            [event.pk],
        )
    client.force_login(make_teacher())
    assert client.get(reverse("training:list")).status_code == 200
    assert client.get(reverse("training:ical", args=[event.pk])).status_code == 200
