"""Archived projects: readable for an operator-set period, announced, then deleted.

A project archived at `archived_at` is deleted JUMELAGE_ARCHIVED_PROJECT_RETENTION_DAYS
later. Its admins are told JUMELAGE_DELETION_NOTICE_DAYS before (30 and 7 days by
default), each notice once, with a link to export the project; a project is never
deleted until its last notice has been out for the shortest of those periods, so
shortening the retention never deletes anything unannounced (healthchecks'
deletion notices are the model). A project no longer archived is left alone; one
archived again starts a new period with new notices. Pupil accounts are not
touched here: they follow their own rule (services.remove_expired_pupils).
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.urls import reverse
from django.utils import translation

from jumelage.mail.sending import send_templated_mail
from jumelage.retention.registry import register_rule

from . import services
from .models import DeletionNotice, Membership, Project

log = logging.getLogger(__name__)


def _retention() -> timedelta:
    return timedelta(days=settings.JUMELAGE_ARCHIVED_PROJECT_RETENTION_DAYS)


def _stages() -> list[int]:
    """Notice stages in days before the deletion, the earliest first (e.g. [30, 7])."""
    return sorted({max(0, d) for d in settings.JUMELAGE_DELETION_NOTICE_DAYS} or {7}, reverse=True)


def deletion_due(project: Project) -> datetime:
    return project.archived_at + _retention()


def _archived():
    return Project.objects.filter(status=Project.Status.ARCHIVED, archived_at__isnull=False)


def export_url(project: Project) -> str:
    path = reverse("portability:project_export", kwargs={"project_id": project.pk})
    return settings.SITE_URL.rstrip("/") + path


def _send_notice(project: Project, stage: int, due: datetime, now: datetime) -> bool:
    """Record the stage and tell the admins, in one transaction; False if already sent."""
    # The announced date: never sooner than the shortest notice period from today.
    deletion_on = max(due, now + timedelta(days=min(_stages())))
    try:
        with transaction.atomic():
            DeletionNotice.objects.create(
                project=project, days_before=stage, deletion_due=due, sent_at=now
            )
            admins = Membership.objects.filter(
                project=project, role=Membership.Role.ADMIN, user__is_active=True
            ).select_related("user")
            context = {
                "project": project,
                "deletion_on": deletion_on,
                "days_left": max(1, (deletion_on - now).days),
                "export_url": export_url(project),
            }
            for admin in admins:
                if admin.user.email:
                    with translation.override(admin.user.language):
                        send_templated_mail(
                            admin.user.email,
                            "projects/email/deletion_notice",
                            context,
                            language=admin.user.language,
                        )
    except IntegrityError:
        return False
    return True


def send_notices(now: datetime) -> int:
    """Send each archived project the notice of the latest stage it reached, once.

    If the daily run missed a stage (or the operator shortened the period), only
    the most urgent notice goes out, and the earlier stages are recorded as passed.
    """
    stages = _stages()
    sent = 0
    window = now - _retention() + timedelta(days=stages[0])
    for project in _archived().filter(archived_at__lte=window):
        due = deletion_due(project)
        reached = [stage for stage in stages if due - timedelta(days=stage) <= now]
        done = set(
            DeletionNotice.objects.filter(project=project, deletion_due=due).values_list(
                "days_before", flat=True
            )
        )
        pending = [stage for stage in reached if stage not in done]
        if not pending:
            continue
        latest = pending[-1]
        if _send_notice(project, latest, due, now):
            sent += 1
            DeletionNotice.objects.bulk_create(
                [
                    DeletionNotice(project=project, days_before=s, deletion_due=due, sent_at=now)
                    for s in pending[:-1]
                ],
                ignore_conflicts=True,
            )
    return sent


def delete_expired(now: datetime) -> int:
    """Delete the archived projects past their period whose admins were told in time."""
    notice_period = timedelta(days=min(_stages()))
    deleted = 0
    for project in _archived().filter(archived_at__lte=now - _retention()):
        due = deletion_due(project)
        told = DeletionNotice.objects.filter(
            project=project, deletion_due=due, sent_at__lte=now - notice_period
        ).exists()
        if not told:
            continue
        try:
            services.delete_project(project, reason="archived_project_retention")
        except (ProtectedError, RestrictedError):
            # Another app refuses: keep the project, the other rules still run.
            log.exception("archived project %s could not be deleted", project.pk)
            continue
        deleted += 1
    return deleted


@register_rule("projects.archived_projects", order=40)
def archived_projects(now: datetime) -> int:
    """Notices first, then deletions: returns notices sent plus projects deleted."""
    return send_notices(now) + delete_expired(now)
