"""Label decisions: each one transaction, audited, the people concerned notified.

Views resolve who may act (policies, 404); services re-check the state under a lock
and raise `core.errors.Refused` with the reason.
"""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.notifications.models import Notification
from jumelage.notifications.services import notify
from jumelage.projects.models import Project

from . import policies
from .models import (
    Application,
    Criterion,
    EuropeanDecision,
    LabelRules,
    Nomination,
    SchoolLabel,
    Score,
)


def _lock(project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


@transaction.atomic
def apply(user, project, statement: str) -> Application:
    """A founder applies to their own country's office for the National Quality Label."""
    project = _lock(project)
    reason = policies.application_refusal(user, project)
    if reason:
        raise Refused(reason)
    school = policies.founder_membership(user, project).school
    application = Application.objects.create(
        project=project,
        country_id=school.country_id,
        school=school,
        applicant=user,
        statement=statement.strip(),
    )
    record(user, "labels.applied", application, project=project, country=school.country)
    return application


def score_problems(points: dict[int, int], criteria: list[Criterion]) -> list[str]:
    """What keeps these points from awarding the label: a criterion below its minimum."""
    return [
        _("%(criterion)s: %(points)s points, the minimum is %(minimum)s.")
        % {"criterion": c.name, "points": points[c.pk], "minimum": c.min_points}
        for c in criteria
        if c.min_points is not None and points[c.pk] < c.min_points
    ]


@transaction.atomic
def decide(office_user, application, points: dict[int, int], award: bool, comments: str):
    """The office scores each criterion and awards (every minimum met) or refuses."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not policies.can_assess(office_user, application):
        raise Refused(_("Only the office of the application's country decides on it."))
    if application.status != Application.Status.SUBMITTED:
        raise Refused(_("This application was already decided."))
    criteria = list(Criterion.objects.all())
    if set(points) != {c.pk for c in criteria} or any(
        not 0 <= points[c.pk] <= c.max_points for c in criteria
    ):
        raise Refused(_("Give each criterion a score between 0 and its points."))
    problems = score_problems(points, criteria)
    if award and problems:
        raise Refused(" ".join(problems))
    Score.objects.bulk_create(
        Score(application=application, criterion=c, points=points[c.pk]) for c in criteria
    )
    application.status = Application.Status.AWARDED if award else Application.Status.REFUSED
    application.decided_at = timezone.now()
    application.decided_by = office_user
    application.comments = comments.strip()
    application.save(update_fields=["status", "decided_at", "decided_by", "comments"])
    record(
        office_user,
        "labels.awarded" if award else "labels.refused",
        application,
        project=application.project,
        country=application.country,
        note=application.comments,
        total=sum(points.values()),
    )
    applicant = application.applicant
    if applicant is not None:
        with translation.override(applicant.language):
            title = (
                _("Your project “%(title)s” received the National Quality Label.")
                if award
                else _("The office did not award the National Quality Label to “%(title)s”.")
            ) % {"title": application.project.title}
        url = reverse("labels:application", args=[application.pk])
        transaction.on_commit(
            lambda: notify(applicant, Notification.Kind.APPROVAL, title, url), robust=True
        )
    return application


@transaction.atomic
def nominate(office_user, project) -> Nomination:
    """An office puts a project with national labels in 2+ countries forward."""
    project = _lock(project)
    reason = policies.nomination_refusal(office_user, project)
    if reason:
        raise Refused(reason)
    country = policies.nominating_country(office_user, project)
    nomination = Nomination.objects.create(
        project=project, country_id=country, nominated_by=office_user
    )
    record(office_user, "labels.nominated", nomination, project=project, country=nomination.country)
    return nomination


@transaction.atomic
def decide_european(committee_user, project, award: bool, comments: str) -> EuropeanDecision:
    project = _lock(project)
    reason = policies.european_refusal(committee_user, project)
    if reason:
        raise Refused(reason)
    decision = EuropeanDecision.objects.create(
        project=project, awarded=award, comments=comments.strip(), decided_by=committee_user
    )
    record(
        committee_user,
        "labels.european_awarded" if award else "labels.european_refused",
        decision,
        project=project,
        note=decision.comments,
    )
    founders = [m.user for m in project.memberships.filter(is_founder=True).select_related("user")]
    url = reverse("labels:project", args=[project.pk])
    for founder in founders:
        with translation.override(founder.language):
            title = (
                _("Your project “%(title)s” received the European Quality Label.")
                if award
                else _("The committee did not award the European Quality Label to “%(title)s”.")
            ) % {"title": project.title}
        transaction.on_commit(
            lambda f=founder, t=title: notify(f, Notification.Kind.APPROVAL, t, url), robust=True
        )
    return decision


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def award_school_label(user, school, head_name: str) -> SchoolLabel:
    """A teacher applies with the head's declaration; a school meeting every criterion
    gets the label at once (renewal: the same, in the label's last months)."""
    school = type(school).objects.select_for_update().get(pk=school.pk)
    rules = LabelRules.current()
    reason = policies.school_label_refusal(user, school, rules)
    if reason:
        raise Refused(reason)
    today = timezone.localdate()
    current = policies.current_school_label(school)
    start = current.valid_until if current else today
    label = SchoolLabel.objects.create(
        school=school,
        applicant=user,
        head_name=head_name.strip(),
        head_declaration=True,
        awarded_on=today,
        valid_until=_add_years(start, rules.school_valid_years),
    )
    record(user, "labels.school_awarded", label, country=school.country, note=label.head_name)
    return label
