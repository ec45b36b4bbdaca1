"""Build labelled projects the way the services leave them."""

from datetime import timedelta

from django.utils import timezone

from jumelage.labels.models import Application, Criterion, Score
from jumelage.projects.models import Project


def ripen(project, days=120) -> Project:
    """A project that has run long enough to apply."""
    Project.objects.filter(pk=project.pk).update(activated_at=timezone.now() - timedelta(days=days))
    project.refresh_from_db()
    return project


def founder(project, country):
    return project.memberships.get(is_founder=True, school__country_id=country)


def award(project, country, office=None, **fields) -> Application:
    """An awarded national label of `country` for `project`, with full marks."""
    membership = founder(project, country)
    application = Application.objects.create(
        project=project,
        country_id=country,
        school=membership.school,
        applicant=membership.user,
        statement="We wrote a journal together.",
        status=Application.Status.AWARDED,
        decided_at=timezone.now(),
        decided_by=office,
        **fields,
    )
    Score.objects.bulk_create(
        Score(application=application, criterion=c, points=c.max_points)
        for c in Criterion.objects.all()
    )
    return application


def submitted(project, country) -> Application:
    membership = founder(project, country)
    return Application.objects.create(
        project=project,
        country_id=country,
        school=membership.school,
        applicant=membership.user,
        statement="We wrote a journal together.",
    )
