"""A person's data export: everything they wrote or own, in a zip, and nobody else's data."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jumelage.accounts.models import TeacherProfile
from jumelage.audit.services import record
from jumelage.blog.models import Comment
from jumelage.blog.models import Post as BlogPost
from jumelage.calendar.models import Event
from jumelage.chat.models import Message, Room
from jumelage.core import exports
from jumelage.forum.models import Post, Topic
from jumelage.materials.models import Item
from jumelage.messaging.models import Participant, PrivateMessage, Thread
from jumelage.network.models import HelpReply, HelpRequest
from jumelage.partners.models import PartnerRequest
from jumelage.projects.models import PupilAccount
from jumelage.schools.models import SchoolMembership
from jumelage.testing import make_project, make_pupil, make_school, make_staff, make_teacher
from jumelage.training.models import Registration, TrainingEvent
from jumelage.wiki.models import Page, Revision

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def _content(person, project, n=1):
    """n of each thing a teacher writes or owns, in `project`."""
    other = project.memberships.exclude(user=person).first().user
    for i in range(n):
        page = Page.objects.create(
            project=project, title=f"Seasons {i}", body="<p>Spring</p>", author=person
        )
        Revision.objects.create(
            page=page, number=1, title=page.title, body="<p>Spring, first draft</p>", author=person
        )
        topic = Topic.objects.create(
            project=project, author=person, title=f"Hello {i}", body="<p>Hi</p>"
        )
        Post.objects.create(topic=topic, author=person, body="<p>A reply about rain</p>")
        post = BlogPost.objects.create(
            project=project,
            author=person,
            title=f"Our week {i}",
            body="<p>Snow</p>",
            status=BlogPost.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        Comment.objects.create(post=post, author=person, body="Lovely photos")
        room = Room.objects.create(
            project=project,
            kind=Room.Kind.BREAKOUT,
            name=f"Team {person.pk}-{i}",
            created_by=person,
        )
        Message.objects.create(
            room=room, author=person, body="Bonjour la classe", client_id=f"c{i}"
        )
        thread = Thread.objects.create(subject=f"Exchange of letters {i}")
        Participant.objects.create(thread=thread, user=person)
        Participant.objects.create(thread=thread, user=other)
        PrivateMessage.objects.create(thread=thread, author=person, body="Shall we swap letters?")
        PrivateMessage.objects.create(thread=thread, author=other, body="Yes, gladly")
        item = Item(
            project=project,
            name=f"plan-{i}.pdf",
            kind=Item.Kind.PDF,
            content_type="application/pdf",
            size=len(PDF),
            uploaded_by=person,
        )
        item.file.save("plan.pdf", ContentFile(PDF), save=False)
        item.save()
        start = timezone.now() + timedelta(days=3)
        Event.objects.create(
            project=project,
            title=f"Video call {i}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            created_by=person,
        )
        request = HelpRequest.objects.create(
            teacher=person,
            country_id="FR",
            topic=HelpRequest.Topic.PARTNER,
            subject=f"Finding a partner {i}",
            message="I teach geography",
        )
        HelpReply.objects.create(request=request, author=other, body="Try the partner finder")
        began = timezone.now() - timedelta(days=2)
        event = TrainingEvent.objects.create(
            title=f"Starting a project {i}",
            kind=TrainingEvent.Kind.WORKSHOP,
            level=TrainingEvent.Level.NATIONAL,
            country_id="FR",
            place="Paris",
            starts_at=began,
            ends_at=began + timedelta(hours=3),
            registration_deadline=began - timedelta(days=1),
            capacity=10,
        )
        Registration.objects.create(
            event=event,
            user=person,
            status=Registration.Status.REGISTERED,
            queued_at=began - timedelta(days=5),
            attended=True,
        )
        PartnerRequest.objects.create(
            author=person,
            title=f"Weather diaries {i}",
            description="Pupils compare their weather",
            duration=PartnerRequest.Duration.TERM,
            start_month=date(2027, 1, 1),
            expires_at=timezone.now() + timedelta(days=90),
        )


def _download(client, user) -> tuple[dict, dict]:
    client.force_login(user)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="jumelage-my-data.zip"' in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        data = json.loads(archive.read("data.json"))
        files = {n: archive.read(n) for n in archive.namelist() if n != "data.json"}
    return data, files


def test_a_teacher_downloads_everything_they_wrote_or_own_with_their_files(client):
    person = make_teacher("FR", name="Claire Martin")
    other = make_teacher("DE", name="Jonas Weber")
    project = make_project([person, other], title="The weather in Europe")
    pupil = make_pupil(project, person, name="Lina")
    PupilAccount.objects.create(user=pupil, school=person.schools.first(), created_by=person)
    _content(person, project)
    profile = person.teacher_profile
    profile.photo.save("me.jpg", ContentFile(b"JPEG-BYTES"), save=True)
    record(make_staff("FR"), "teacher.verified", profile, subject_user=person, note="ok")

    data, files = _download(client, person)

    assert data["account"]["email"] == person.email
    assert data["projects"]["memberships"][0]["project"] == "The weather in Europe"
    assert data["projects"]["memberships"][0]["role"] == "admin"
    assert data["projects"]["pupils_created"] == [
        {"first_name": "Lina", "created_at": data["projects"]["pupils_created"][0]["created_at"]}
    ]
    assert data["wiki"]["pages_created"][0]["title"] == "Seasons 0"
    assert data["wiki"]["revisions"][0]["body"] == "<p>Spring, first draft</p>"
    assert data["forum"]["topics"][0]["title"] == "Hello 0"
    assert data["forum"]["posts"][0]["body"] == "<p>A reply about rain</p>"
    assert data["blog"]["posts"][0]["title"] == "Our week 0"
    assert data["blog"]["comments"][0]["body"] == "Lovely photos"
    assert data["chat"]["messages"][0]["body"] == "Bonjour la classe"
    [thread] = data["twinmail"]
    assert thread["subject"] == "Exchange of letters 0" and thread["with"] == ["Jonas Weber"]
    assert [(m["from"], m["body"]) for m in thread["messages"]] == [
        ("me", "Shall we swap letters?"),
        ("Jonas Weber", "Yes, gladly"),
    ]
    assert data["calendar"]["events_created"][0]["title"] == "Video call 0"
    [help_request] = data["help"]["requests"]
    assert help_request["subject"] == "Finding a partner 0"
    assert help_request["replies"][0]["body"] == "Try the partner finder"
    [registration] = data["training"]["registrations"]
    assert registration["attended"] is True
    assert registration["certificate"].endswith("/certificate.pdf")
    assert data["partner_requests"][0]["title"] == "Weather diaries 0"
    assert data["audit_entries"][0]["action"] == "teacher.verified"
    assert data["files_missing"] == []

    uploaded = data["materials"]["files"][0]
    assert uploaded["name"] == "plan-0.pdf"
    assert files[uploaded["file"]] == PDF
    assert files[data["profile"]["photo"]] == b"JPEG-BYTES"
    assert all(name.startswith("files/") for name in files)

    # Dates are ISO 8601 strings throughout.
    assert date.fromisoformat(data["partner_requests"][0]["start_month"])
    assert timezone.datetime.fromisoformat(thread["messages"][0]["sent_at"])


def test_another_persons_private_data_never_appears(client):
    person = make_teacher("FR")
    other = make_teacher("DE", name="Jonas Weber")
    project = make_project([person, other])
    _content(person, project)
    # Jonas's own conversation with a third teacher, and his own uploads.
    third = make_teacher("IT")
    private = Thread.objects.create(subject="Just between us")
    Participant.objects.create(thread=private, user=other)
    Participant.objects.create(thread=private, user=third)
    PrivateMessage.objects.create(thread=private, author=other, body="A private secret")
    _content(other, project)

    data, files = _download(client, person)
    text = json.dumps(data, ensure_ascii=False)

    assert person.email in text
    for email in (other.email, third.email):
        assert email not in text
    assert "Just between us" not in text and "A private secret" not in text
    # Their own conversations only: the one they started and the one Jonas started with them.
    assert [t["with"] for t in data["twinmail"]] == [["Jonas Weber"], ["Jonas Weber"]]
    assert len(data["materials"]["files"]) == 1 and len(files) == 1
    assert len(data["wiki"]["pages_created"]) == 1
    assert len(data["help"]["requests"]) == 1


def test_the_number_of_queries_does_not_grow_with_the_number_of_items(client):
    def count(n):
        person = make_teacher("FR")
        project = make_project([person, make_teacher("DE")])
        _content(person, project, n)
        with CaptureQueriesContext(connection) as queries:
            archive = io.BytesIO()
            exports.write_archive(person, archive)
        return len(queries)

    first = count(1)
    assert first == count(4) and first < 80  # 57 today: a fixed number per contributor


def test_a_file_gone_from_storage_is_named_and_the_rest_still_exported():
    from django.core.files.storage import default_storage

    person = make_teacher("FR")
    project = make_project([person, make_teacher("DE")])
    _content(person, project, 2)
    gone, kept = Item.objects.filter(uploaded_by=person).order_by("id")
    default_storage.delete(gone.file.name)
    archive = io.BytesIO()
    exports.write_archive(person, archive)
    with zipfile.ZipFile(archive) as zf:
        data = json.loads(zf.read("data.json"))
        names = zf.namelist()
    paths = [f["file"] for f in data["materials"]["files"]]
    assert data["files_missing"] == [paths[0]]
    assert paths[1] in names and paths[0] not in names


def test_the_export_is_written_in_chunks_with_bounded_memory(tmp_path):
    import tracemalloc

    person = make_teacher("FR")
    project = make_project([person, make_teacher("DE")])
    big = bytes(range(256)) * (16 * 1024)  # 4 MiB of incompressible-ish bytes
    for i in range(3):
        item = Item(
            project=project,
            name=f"film-{i}.bin",
            kind=Item.Kind.VIDEO,
            content_type="video/mp4",
            size=len(big),
            uploaded_by=person,
        )
        item.file.save("film.mp4", ContentFile(big), save=False)
        item.save()
    del big
    tracemalloc.start()
    with open(tmp_path / "export.zip", "wb") as target:
        exports.write_archive(person, target)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # 12 MiB of files, never held in memory at once
    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        assert len([n for n in archive.namelist() if n.startswith("files/materials/")]) == 3


def test_a_person_without_profile_or_school_gets_empty_parts():
    staff = make_staff("FR")
    data = exports.export_data(staff)
    assert data["profile"] is None and data["schools"] == []
    assert data["projects"]["memberships"] == [] and data["twinmail"] == []


def test_the_parts_read_in_a_stable_order_and_come_from_each_apps_exports_module():
    teacher = make_teacher("FR")
    SchoolMembership.objects.create(school=make_school("DE"), user=teacher)
    TeacherProfile.objects.filter(user=teacher).update(presentation="Bonjour")
    data = exports.export_data(teacher)
    assert list(data)[:5] == [
        "exported_at",
        "account",
        "profile",
        "schools",
        "school_join_requests",
    ]
    assert data["profile"]["presentation"] == "Bonjour"
    assert len(data["schools"]) == 2
    modules = {c.function.__module__ for c in exports.CONTRIBUTORS.values()}
    assert {
        "jumelage.accounts.exports",
        "jumelage.audit.exports",
        "jumelage.blog.exports",
        "jumelage.calendar.exports",
        "jumelage.chat.exports",
        "jumelage.forum.exports",
        "jumelage.groups.exports",
        "jumelage.labels.exports",
        "jumelage.materials.exports",
        "jumelage.meetings.exports",
        "jumelage.messaging.exports",
        "jumelage.network.exports",
        "jumelage.notifications.exports",
        "jumelage.partners.exports",
        "jumelage.portability.exports",
        "jumelage.prizes.exports",
        "jumelage.projects.exports",
        "jumelage.retention.exports",
        "jumelage.schools.exports",
        "jumelage.sso.exports",
        "jumelage.training.exports",
        "jumelage.twinspace.exports",
        "jumelage.wiki.exports",
    } == modules
