import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from jumelage.testing import make_project, make_pupil, make_staff, make_teacher, sign_in
from jumelage.training import services
from jumelage.training.models import Registration, TrainingEvent

from .helpers import make_event

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_certificate_names_the_teacher_the_event_and_its_date(client):
    organiser = make_staff("FR")
    start = datetime(2026, 3, 12, 14, 0, tzinfo=ZoneInfo("Europe/Paris"))
    event = make_event(
        organiser=organiser,
        title="Atelier eTwinning — Académie de Créteil",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        registration_deadline=start - timedelta(days=1),
    )
    teacher = make_teacher(name="Éloïse Dupré")
    teacher.language = "fr"
    teacher.save()
    Registration.objects.create(
        event=event, user=teacher, status="registered", queued_at=timezone.now()
    )
    sign_in(client, teacher)
    url = reverse("training:certificate", args=[event.pk])
    assert client.get(url).status_code == 404  # not marked present yet

    sign_in(client, organiser)
    registration = Registration.objects.get(user=teacher)
    client.post(reverse("training:attendees", args=[event.pk]), {"present": [str(registration.pk)]})
    sign_in(client, teacher)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Éloïse Dupré" in text
    assert "Atelier eTwinning — Académie de Créteil" in text
    assert "12 mars 2026" in text  # in the teacher's language
    assert "Attestation de présence" in text


def test_attendance_only_for_registered_and_certificate_only_for_present(client):
    organiser = make_staff("FR")
    event = make_event(capacity=1, organiser=organiser)
    present, waiting = make_teacher(), make_teacher()
    services.register(event, present)
    services.register(event, waiting)
    _has_begun(event)
    ids = [str(r.pk) for r in Registration.objects.all()] + ["junk", "999999"]
    sign_in(client, organiser)
    response = client.post(reverse("training:attendees", args=[event.pk]), {"present": ids})
    assert response.status_code == 302
    assert list(Registration.objects.filter(attended=True).values_list("user", flat=True)) == [
        present.pk
    ]
    sign_in(client, waiting)
    assert client.get(reverse("training:certificate", args=[event.pk])).status_code == 404


def _has_begun(event):
    """The event took place (registrations were taken while it was ahead)."""
    now = timezone.now()
    TrainingEvent.objects.filter(pk=event.pk).update(
        registration_deadline=now - timedelta(days=2),
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )


def test_no_attendance_and_no_certificate_before_the_event_has_begun(client):
    """A certificate dated before the event took place was possible (issue 14)."""
    organiser = make_staff("FR")
    event = make_event(capacity=2, organiser=organiser)
    teacher = make_teacher()
    registration = services.register(event, teacher)
    sign_in(client, organiser)
    url = reverse("training:attendees", args=[event.pk])
    response = client.post(url, {"present": [str(registration.pk)]}, follow=True)
    assert "Attendance can be taken once the event has begun." in response.text
    assert not Registration.objects.get(pk=registration.pk).attended
    # Even a presence set before (by an older version) gives no certificate yet.
    Registration.objects.filter(pk=registration.pk).update(attended=True)
    sign_in(client, teacher)
    assert client.get(reverse("training:certificate", args=[event.pk])).status_code == 404
    _has_begun(event)
    sign_in(client, organiser)
    response = client.post(url, {"present": [str(registration.pk)]}, follow=True)
    assert "Attendance saved: 1 present." in response.text
    sign_in(client, teacher)
    assert client.get(reverse("training:certificate", args=[event.pk])).status_code == 200


def test_organisers_export_attendees_as_csv(client):
    organiser = make_staff("FR")
    event = make_event(capacity=1, organiser=organiser)
    a = make_teacher(name="=HYPERLINK(evil)")
    b = make_teacher(name="Bob Waiting")
    services.register(event, a)
    services.register(event, b)
    sign_in(client, organiser)
    response = client.get(reverse("training:attendees_csv", args=[event.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Name", "Email", "School", "Status"]
    assert rows[1][0] == "'=HYPERLINK(evil)" and rows[1][3] == "Registered"
    assert rows[2][0] == "Bob Waiting" and rows[2][3] == "On the waiting list"
    assert "Bob Waiting" in client.get(reverse("training:attendees", args=[event.pk])).text


def test_icalendar_export_keeps_the_time_zone(client):
    start = datetime(2026, 5, 4, 18, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
    event = make_event(
        timezone="Europe/Helsinki",
        online=True,
        place="",
        online_url="https://meet.example.org/x",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        registration_deadline=start - timedelta(hours=1),
    )
    sign_in(client, make_teacher())
    response = client.get(reverse("training:ical", args=[event.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    vevent = next(iter(cal.walk("VEVENT")))
    assert str(vevent["summary"]) == event.title
    assert vevent.decoded("dtstart") == start
    assert str(vevent["dtstart"].params["TZID"]) == "Europe/Helsinki"
    assert any(c.name == "VTIMEZONE" for c in cal.walk())


def _form_data(**overrides):
    data = {
        "title": "Webinar: eTwinning and inclusion",
        "description": "<p>Hello</p><script>alert(1)</script>",
        "kind": "webinar",
        "level": "regional",
        "region": "",
        "department": "",
        "country": "",
        "online": "on",
        "place": "",
        "online_url": "https://visio.example.org/room",
        "timezone": "Europe/Paris",
        "starts_at": "2030-10-07T17:30",
        "ends_at": "2030-10-07T18:30",
        "registration_deadline": "2030-10-06T12:00",
        "capacity": "30",
        "published": "on",
    }
    data.update(overrides)
    return data


def test_staff_organise_an_event_in_its_own_time_zone(client):
    from jumelage.reference.models import Region

    staff = make_staff(
        "FR", role="regional", region=Region.objects.get(code="corse"), can_verify=False
    )
    sign_in(client, staff)
    response = client.post(
        reverse("training:new"),
        _form_data(region=Region.objects.get(code="corse").pk, timezone="America/Martinique"),
    )
    assert response.status_code == 302, response.text
    event = TrainingEvent.objects.get()
    assert event.country_id == "FR" and event.region.code == "corse"
    assert event.starts_at == datetime(2030, 10, 7, 17, 30, tzinfo=ZoneInfo("America/Martinique"))
    assert "<script>" not in event.description and "<p>Hello</p>" in event.description
    assert list(event.organisers.all()) == [staff]
    edit = client.get(reverse("training:edit", args=[event.pk])).text
    assert 'value="2030-10-07T17:30"' in edit


def test_bad_event_input_is_explained(client):
    sign_in(client, make_staff("FR"))
    response = client.post(
        reverse("training:new"),
        _form_data(
            ends_at="2030-10-07T16:00",
            registration_deadline="2030-10-08T12:00",
            online="",
            capacity="0",
            starts_at="not a date",
        ),
    )
    assert response.status_code == 200
    assert "Enter a valid date/time." in response.text
    assert "Choose the académie or region of a regional event." in response.text
    assert "Give the place, or tick" in response.text
    assert not TrainingEvent.objects.exists()
    response = client.post(
        reverse("training:new"),
        _form_data(
            ends_at="2030-10-07T16:00", registration_deadline="2030-10-08T12:00", level="european"
        ),
    )
    assert "The event must end after it starts." in response.text
    assert "Registrations must close before the start." in response.text


def test_capacity_cannot_drop_below_the_places_given(client):
    organiser = make_staff("FR")
    event = make_event(capacity=2, organiser=organiser)
    services.register(event, make_teacher())
    services.register(event, make_teacher())
    sign_in(client, organiser)
    data = _form_data(level="national", country="FR", capacity="1")
    response = client.post(reverse("training:edit", args=[event.pk]), data)
    assert "2 teachers already have a place" in response.text
    event.refresh_from_db()
    assert event.capacity == 2


def test_outsiders_are_refused():
    from django.test import Client

    organiser = make_staff("FR")
    event = make_event(organiser=organiser)
    hidden = make_event(organiser=organiser, published=False, title="Draft event")
    teacher = make_teacher()
    services.register(event, teacher)
    client = Client()
    get_urls = [
        reverse("training:list"),
        reverse("training:new"),
        reverse("training:detail", args=[event.pk]),
        reverse("training:edit", args=[event.pk]),
        reverse("training:ical", args=[event.pk]),
        reverse("training:certificate", args=[event.pk]),
        reverse("training:attendees", args=[event.pk]),
        reverse("training:attendees_csv", args=[event.pk]),
    ]
    for url in get_urls:
        assert client.get(url).status_code == 302
    pupil = make_pupil(make_project())
    sign_in(client, pupil)
    for url in get_urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("training:register", args=[event.pk])).status_code == 404
    # A teacher is no organiser; the German office does not run French events.
    for outsider in (teacher, make_staff("DE")):
        sign_in(client, outsider)
        for name in ("edit", "attendees", "attendees_csv"):
            assert client.get(reverse(f"training:{name}", args=[event.pk])).status_code == 404
        assert client.post(reverse("training:attendees", args=[event.pk])).status_code == 404
    sign_in(client, teacher)
    assert client.get(reverse("training:new")).status_code == 404
    assert client.get(reverse("training:detail", args=[hidden.pk])).status_code == 404
    assert "Draft event" not in client.get(reverse("training:list")).text
    assert client.get(reverse("training:register", args=[event.pk])).status_code == 405
    assert client.get(reverse("training:detail", args=[999999])).status_code == 404
    sign_in(client, make_staff("DE"))
    assert "Draft event" not in client.get(reverse("training:list")).text
    sign_in(client, make_staff("FR"))  # the national office of the event's country
    assert client.get(reverse("training:attendees", args=[event.pk])).status_code == 200
    assert "Draft event" in client.get(reverse("training:list")).text


def test_list_and_detail_query_counts_do_not_grow(client, django_assert_num_queries):
    organiser = make_staff("FR")
    teacher = make_teacher()
    event = make_event(organiser=organiser)
    services.register(event, teacher)
    sign_in(client, teacher)
    with django_assert_num_queries(LIST):
        client.get(reverse("training:list"))
    with django_assert_num_queries(DETAIL):
        client.get(reverse("training:detail", args=[event.pk]))
    sign_in(client, organiser)
    with django_assert_num_queries(ATTENDEES):
        client.get(reverse("training:attendees", args=[event.pk]))
    for n in range(10):
        other = make_event(title=f"Event {n}", organiser=make_staff("FR"))
        services.register(other, teacher)
        services.register(event, make_teacher())
        event.organisers.add(make_staff("FR"))
    sign_in(client, teacher)
    with django_assert_num_queries(LIST):
        assert "Event 9" in client.get(reverse("training:list")).text
    with django_assert_num_queries(DETAIL):
        client.get(reverse("training:detail", args=[event.pk]))
    sign_in(client, organiser)
    with django_assert_num_queries(ATTENDEES):
        client.get(reverse("training:attendees", args=[event.pk]))


LIST, DETAIL, ATTENDEES = 5, 5, 7  # attendees: + the staff second-factor device


def test_the_list_runs_in_date_order(client):
    later = make_event(
        title="Later event",
        starts_at=timezone.now() + timedelta(days=40),
        ends_at=timezone.now() + timedelta(days=40, hours=2),
    )
    sooner = make_event(title="Sooner event")
    assert later.pk < sooner.pk
    sign_in(client, make_teacher())
    html = client.get(reverse("training:list")).text
    assert html.index("Sooner event") < html.index("Later event")
