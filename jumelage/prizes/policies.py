"""Who enters, scores and publishes the prize competition. Deny by default."""

from django.utils.translation import gettext as _

from jumelage.labels.models import EuropeanDecision
from jumelage.network.policies import is_support_staff
from jumelage.projects.models import Membership

from .models import Competition, Entry


def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_juror(user, competition) -> bool:
    """A staff member (support staff or platform admin) named on the competition's jury."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not (user.is_superuser or is_support_staff(user)):
        return False
    return competition.jury.filter(pk=user.pk).exists()


def enterable_projects(user):
    """The European-labelled projects this person founded."""
    founded = Membership.objects.filter(user=user, is_founder=True).values("project")
    return EuropeanDecision.objects.filter(awarded=True, project__in=founded).values_list(
        "project", flat=True
    )


def entry_refusal(user, competition, project, category) -> str | None:
    if competition.status != Competition.Status.OPEN:
        return _("Entries are closed.")
    if project.pk not in set(enterable_projects(user)):
        return _("Only a founder of a project with the European Quality Label may enter it.")
    if Entry.objects.filter(competition=competition, project=project).exists():
        return _("This project was already entered.")
    if project.age_max < category.min_age or project.age_min > category.max_age:
        return _("The pupils' ages do not fit this category.")
    return None


def can_score(user, entry) -> bool:
    return entry.competition.status == Competition.Status.JUDGING and is_juror(
        user, entry.competition
    )
