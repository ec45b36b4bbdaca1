"""Archived projects: readable for the retention period, announced twice, then deleted."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile

from jumelage import testing
from jumelage.accounts.models import User
from jumelage.audit.models import AuditEntry
from jumelage.mail.models import OutboxMessage
from jumelage.materials.models import Item
from jumelage.projects.models import DeletionNotice, Project
from jumelage.projects.retention import archived_projects
from jumelage.retention import registry

ARCHIVED_AT = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _archived_project(archived_at=ARCHIVED_AT, **fields):
    project = testing.make_project(
        status=Project.Status.ARCHIVED, archived_at=archived_at, **fields
    )
    item = Item(
        project=project,
        name="poster.pdf",
        kind=Item.Kind.PDF,
        content_type="application/pdf",
        size=9,
        uploaded_by=project.created_by,
    )
    item.file.save("poster.pdf", ContentFile(b"%PDF-1.4 "), save=True)
    return project, item


def _run(at: datetime) -> int:
    with time_machine.travel(at, tick=False):
        return archived_projects(at)


def _mails():
    return list(OutboxMessage.objects.order_by("pk"))


@pytest.fixture
def project(db, settings):
    settings.JUMELAGE_ARCHIVED_PROJECT_RETENTION_DAYS = 365
    settings.JUMELAGE_DELETION_NOTICE_DAYS = [30, 7]
    settings.SITE_URL = "https://jumelage.example.org"
    return _archived_project()


def test_admins_are_told_30_and_7_days_before_each_once_then_the_project_goes(
    project, django_capture_on_commit_callbacks
):
    project, item = project
    due = ARCHIVED_AT + 365 * DAY
    admins = {m.user.email for m in project.memberships.filter(role="admin")}
    pupil = testing.make_pupil(project)
    path = item.file.path

    assert _run(due - 31 * DAY) == 0
    assert _mails() == []

    assert _run(due - 30 * DAY) == 1
    first = _mails()
    assert {m.recipients[0] for m in first} == admins
    export = f"https://jumelage.example.org/portability/projects/{project.pk}/export/"
    assert all(export in m.body and "30 days" in m.body for m in first)
    assert all(project.title in m.subject for m in first)

    # The next days (and a second run the same day) send nothing more.
    assert _run(due - 30 * DAY + timedelta(hours=5)) == 0
    assert _run(due - 8 * DAY) == 0
    assert len(_mails()) == 2

    assert _run(due - 7 * DAY) == 1
    assert len(_mails()) == 4 and "7 days" in _mails()[-1].body
    assert _run(due - 7 * DAY) == 0

    # Readable until the end of the period, files included.
    assert _run(due - timedelta(minutes=1)) == 0
    assert Project.objects.filter(pk=project.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert _run(due) == 1
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not Item.objects.filter(pk=item.pk).exists()
    assert not DeletionNotice.objects.filter(project_id=project.pk).exists()
    with pytest.raises(FileNotFoundError):
        open(path, "rb")  # noqa: SIM115 - asserting the file left the disk
    # Pupils follow their own rule; the deletion is in the audit trail.
    assert User.objects.filter(pk=pupil.pk).exists()
    entry = AuditEntry.objects.get(action="project.deleted")
    assert entry.data["project_id"] == project.pk
    assert _run(due + DAY) == 0
    assert len(_mails()) == 4


def test_the_notice_is_in_the_admins_language(project):
    project, _item = project
    admin = project.memberships.filter(role="admin").first().user
    admin.language = "fr"
    admin.save(update_fields=["language"])
    _run(ARCHIVED_AT + 335 * DAY)
    mail = OutboxMessage.objects.get(recipients=[admin.email])
    assert "janvier 2028" in mail.body  # 2028-01-10, the date in French


def test_a_project_no_longer_archived_is_never_deleted(project):
    project, item = project
    _run(ARCHIVED_AT + 335 * DAY)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)
    assert _run(ARCHIVED_AT + 400 * DAY) == 0
    assert Item.objects.filter(pk=item.pk).exists()
    assert len(_mails()) == 2


def test_archived_again_means_a_new_period_and_new_notices(project):
    project, _item = project
    _run(ARCHIVED_AT + 358 * DAY)  # the 7-day notice (the 30-day one was missed: one mail)
    assert len(_mails()) == 2
    again = ARCHIVED_AT + 360 * DAY
    Project.objects.filter(pk=project.pk).update(archived_at=again)
    assert _run(ARCHIVED_AT + 366 * DAY) == 0
    assert Project.objects.filter(pk=project.pk).exists()
    assert _run(again + 335 * DAY) == 1
    assert len(_mails()) == 4


def test_a_shortened_period_still_gives_notice_before_deleting(project, settings):
    project, _item = project
    settings.JUMELAGE_ARCHIVED_PROJECT_RETENTION_DAYS = 30
    today = ARCHIVED_AT + 200 * DAY
    assert _run(today) == 1  # told now, not deleted
    assert Project.objects.filter(pk=project.pk).exists()
    assert len(_mails()) == 2  # one notice, not one per missed stage
    assert _run(today + 6 * DAY) == 0
    assert Project.objects.filter(pk=project.pk).exists()
    assert _run(today + 7 * DAY) == 1
    assert not Project.objects.filter(pk=project.pk).exists()


def test_the_rule_runs_with_the_daily_retention(project):
    project, _item = project
    with time_machine.travel(ARCHIVED_AT + 400 * DAY, tick=False):
        counts = registry.enforce(ARCHIVED_AT + 400 * DAY)
    assert counts["projects.archived_projects"] == 1  # the notice; deletion 7 days later
    assert Project.objects.filter(pk=project.pk).exists()
