"""Who may apply for, assess, nominate and decide on quality labels.

Deny by default. The `*_refusal` functions return the reason a person is refused
(shown to them) or None; the `can_*` ones are for pages that refuse with a 404.
"""

import math
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.accounts.models import TeacherProfile, User
from jumelage.network.models import SupportRole
from jumelage.network.policies import support_roles
from jumelage.projects.models import Membership, Project

from .models import Application, EuropeanDecision, LabelRules, Nomination, SchoolLabel, Window

LIVE = ~Q(status=Application.Status.REFUSED)


def office_countries(user) -> set[str]:
    """The countries whose national office this person acts for (assesses, nominates)."""
    return {
        role.country_id
        for role in support_roles(user)
        if role.role == SupportRole.Role.NATIONAL_OFFICE and role.can_verify
    }


def is_committee(user) -> bool:
    """The platform-level committee: the platform's administrators."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_verified_teacher(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.kind == User.Kind.TEACHER
        and TeacherProfile.objects.filter(user=user, status=TeacherProfile.Status.VERIFIED).exists()
    )


def window_open(kind: str, day=None) -> bool:
    """Open on `day` if some window of this kind contains it, or if the kind has none."""
    day = day or timezone.localdate()
    windows = list(Window.objects.filter(kind=kind))
    return not windows or any(window.contains(day) for window in windows)


def founder_membership(user, project) -> Membership | None:
    """The person's founding membership (their school) in the project, if any."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(project=project, user=user, is_founder=True)
        .select_related("school__country")
        .first()
    )


def application_refusal(user, project, rules: LabelRules | None = None) -> str | None:
    """Why this founder may not apply to their country's office now, or None."""
    rules = rules or LabelRules.current()
    membership = founder_membership(user, project)
    if membership is None or not is_verified_teacher(user):
        return _("Only a founding teacher of the project may apply.")
    now = timezone.now()
    ran_long_enough = (
        project.status == Project.Status.ACTIVE
        and project.activated_at is not None
        and project.activated_at <= now - timedelta(days=rules.min_activity_days)
    )
    if not (ran_long_enough or project.status == Project.Status.CLOSED):
        return _(
            "A project may apply once it has been active for %(days)s days, or once it is closed."
        ) % {"days": rules.min_activity_days}
    if not window_open(Window.Kind.NATIONAL):
        return _("Applications for the National Quality Label are not open at the moment.")
    country = membership.school.country_id
    if Application.objects.filter(LIVE, project=project, country_id=country).exists():
        return _("This project already applied to your country's office.")
    this_year = Application.objects.filter(applicant=user, submitted_at__year=now.year).count()
    if this_year >= rules.yearly_cap:
        return _("You have reached this year's limit of %(cap)s applications.") % {
            "cap": rules.yearly_cap
        }
    return None


def can_assess(user, application: Application) -> bool:
    """The office of the application's country assesses it (and only it)."""
    return application.country_id in office_countries(user)


def can_read_application(user, application: Application) -> bool:
    """The applicant, the project's founders, and the assessing office."""
    if not user.is_authenticated:
        return False
    if application.applicant_id == user.pk or can_assess(user, application):
        return True
    return Membership.objects.filter(
        project_id=application.project_id, user=user, is_founder=True
    ).exists()


def labelled_countries(project) -> set[str]:
    return set(
        Application.objects.filter(project=project, status=Application.Status.AWARDED).values_list(
            "country_id", flat=True
        )
    )


def nomination_cap(country: str, year: int, rules: LabelRules | None = None) -> int:
    """How many projects an office may nominate this year: a share of its labelled ones."""
    rules = rules or LabelRules.current()
    labelled = Application.objects.filter(
        country_id=country, status=Application.Status.AWARDED, decided_at__year=year
    ).count()
    return math.ceil(labelled * rules.european_share / 100)


def nomination_refusal(user, project) -> str | None:
    """Why this person's office may not nominate the project for the European label."""
    countries = labelled_countries(project)
    mine = office_countries(user) & countries
    if not mine:
        return _("Only the office of a country that labelled the project may nominate it.")
    if len(countries) < 2:
        return _("A project needs the national label in at least two countries.")
    if EuropeanDecision.objects.filter(project=project).exists():
        return _("The committee already decided on this project.")
    country = sorted(mine)[0]
    if Nomination.objects.filter(project=project, country_id=country).exists():
        return _("Your office already nominated this project.")
    year = timezone.now().year
    used = Nomination.objects.filter(country_id=country, nominated_at__year=year).count()
    if used >= nomination_cap(country, year):
        return _("Your office has used all its nominations for this year.")
    return None


def nominating_country(user, project) -> str:
    return sorted(office_countries(user) & labelled_countries(project))[0]


def european_refusal(user, project) -> str | None:
    if not is_committee(user):
        return _("Only the committee decides on the European Quality Label.")
    if not Nomination.objects.filter(project=project).exists():
        return _("This project was not nominated.")
    if EuropeanDecision.objects.filter(project=project).exists():
        return _("The committee already decided on this project.")
    return None


# --- School Label -------------------------------------------------------------


def active_teachers(school, rules: LabelRules) -> int:
    since = timezone.now() - timedelta(days=rules.school_active_days)
    return (
        User.objects.filter(
            school_memberships__school=school,
            kind=User.Kind.TEACHER,
            is_active=True,
            teacher_profile__status=TeacherProfile.Status.VERIFIED,
        )
        .filter(Q(last_seen_at__gte=since) | Q(last_login__gte=since))
        .distinct()
        .count()
    )


def recent_labelled_projects(school, rules: LabelRules) -> int:
    since = timezone.now() - timedelta(days=365 * rules.school_recent_years)
    return (
        Application.objects.filter(
            status=Application.Status.AWARDED,
            decided_at__gte=since,
            project__memberships__school=school,
        )
        .values("project")
        .distinct()
        .count()
    )


def current_school_label(school) -> SchoolLabel | None:
    today = timezone.localdate()
    return SchoolLabel.objects.filter(school=school, valid_until__gte=today).first()


def school_checks(school, rules: LabelRules | None = None) -> list[tuple[str, bool]]:
    """The School Label's criteria, each with whether the school meets it."""
    rules = rules or LabelRules.current()
    registered_since = timezone.now() - timedelta(days=365 * rules.school_min_years)
    return [
        (
            _("Registered for %(years)s years or more") % {"years": rules.school_min_years},
            school.created_at <= registered_since,
        ),
        (
            _("%(count)s or more active teachers") % {"count": rules.school_min_teachers},
            active_teachers(school, rules) >= rules.school_min_teachers,
        ),
        (
            _("A labelled project in the last %(years)s years")
            % {"years": rules.school_recent_years},
            recent_labelled_projects(school, rules) >= 1,
        ),
    ]


def is_school_teacher(user, school) -> bool:
    return is_verified_teacher(user) and school.memberships.filter(user=user).exists()


def school_label_refusal(user, school, rules: LabelRules | None = None) -> str | None:
    """Why this teacher may not apply for (or renew) their school's label now."""
    rules = rules or LabelRules.current()
    if not is_school_teacher(user, school) or school.status != school.Status.VERIFIED:
        return _("Only a verified teacher of a verified school may apply.")
    current = current_school_label(school)
    if current and current.valid_until > timezone.localdate() + timedelta(days=90):
        return _(
            "The school's label is valid until %(date)s: renew it in its last three months."
        ) % {"date": current.valid_until.isoformat()}
    if not window_open(Window.Kind.SCHOOL):
        return _("Applications for the School Label are not open at the moment.")
    if not all(met for _label, met in school_checks(school, rules)):
        return _("The school does not meet every criterion yet.")
    return None


def can_see_teacher_labels(user) -> bool:
    """Signed-in adults: a teacher's name and projects are not shown to pupils or the public."""
    return bool(user.is_authenticated and user.is_active and user.kind != User.Kind.PUPIL)
