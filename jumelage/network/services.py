"""The support network's writes and look-ups: where a teacher belongs, who helps them."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from jumelage.audit.services import record
from jumelage.notifications.services import notify
from jumelage.reference.identifiers import normalise_identifier
from jumelage.reference.models import Country, Department, Region

from .models import HelpReply, HelpRequest, SupportRole


@dataclass
class Place:
    """Where a teacher (or a chooser) stands in the support network."""

    country: Country | None = None
    region: Region | None = None
    department: Department | None = None

    @property
    def region_id(self):
        return self.region.pk if self.region else None

    @property
    def department_id(self):
        return self.department.pk if self.department else None


def place_of_school(school) -> Place:
    """The school's académie and département: stored on it, else read from the French UAI.

    The first three characters of a UAI are the département's prefix (075 Paris,
    620/720 Corsica), so a school registered without its académie still finds it.
    """
    department = school.department
    if department is None and school.country_id == "FR":
        prefix = normalise_identifier(school.national_id)[:3]
        department = Department.objects.select_related("region").filter(uai_prefix=prefix).first()
    region = school.region or (department.region if department else None)
    if department is not None and region is not None and department.region_id != region.pk:
        department = None
    return Place(country=school.country, region=region, department=department)


def place_of_user(user) -> Place | None:
    """The place of the user's first school, if they have one."""
    if not user.is_authenticated:
        return None
    school = user.schools.select_related("country", "region", "department").order_by("pk").first()
    return place_of_school(school) if school else None


@dataclass
class Directory:
    place: Place
    national: list = field(default_factory=list)
    regional: list = field(default_factory=list)
    departmental: list = field(default_factory=list)
    ambassadors: list = field(default_factory=list)


def directory_for(place: Place) -> Directory:
    """The listed people of a country's national office and of a region, in one query."""
    directory = Directory(place=place)
    if place.country is None:
        return directory
    scope = Q(role=SupportRole.Role.NATIONAL_OFFICE)
    if place.region is not None:
        scope |= Q(region=place.region) | Q(department__region=place.region)
    roles = (
        SupportRole.objects.filter(scope, country=place.country, listed=True)
        .select_related("user", "region", "department")
        .order_by("department__code", "user__display_name", "pk")
    )
    buckets = {
        SupportRole.Role.NATIONAL_OFFICE: directory.national,
        SupportRole.Role.REGIONAL_CORRESPONDENT: directory.regional,
        SupportRole.Role.DEPARTMENTAL_CORRESPONDENT: directory.departmental,
        SupportRole.Role.AMBASSADOR: directory.ambassadors,
    }
    for role in roles:
        buckets[role.role].append(role)
    return directory


def handlers_for(country_id, region_id=None, department_id=None) -> list:
    """Who receives a new help request: the correspondents of the académie and of the
    département, or the national office when the region has none."""
    scope = Q(pk__in=[])
    if region_id:
        scope |= Q(role=SupportRole.Role.REGIONAL_CORRESPONDENT, region_id=region_id)
    if department_id:
        scope |= Q(role=SupportRole.Role.DEPARTMENTAL_CORRESPONDENT, department_id=department_id)
    roles = SupportRole.objects.filter(scope, country_id=country_id, user__is_active=True)
    users = {role.user_id: role.user for role in roles.select_related("user")}
    if not users:
        national = SupportRole.objects.filter(
            country_id=country_id, role=SupportRole.Role.NATIONAL_OFFICE, user__is_active=True
        ).select_related("user")
        users = {role.user_id: role.user for role in national}
    return sorted(users.values(), key=lambda u: u.pk)


def _notify(users, help_request, title_text: str, template: str) -> None:
    url = reverse("network:help_detail", args=[help_request.pk])
    for user in users:
        with translation.override(user.language):
            title = gettext(title_text) % {"subject": help_request.subject}
        notify(
            user,
            "help",
            title,
            url,
            email_template=template,
            context={"help_request": help_request},
        )


@transaction.atomic
def ask_for_help(teacher, place: Place, topic: str, subject: str, message: str) -> HelpRequest:
    """Store the question with its place and tell the people who handle it."""
    help_request = HelpRequest.objects.create(
        teacher=teacher,
        country=place.country,
        region=place.region,
        department=place.department,
        topic=topic,
        subject=subject,
        message=message,
    )
    handlers = handlers_for(place.country.pk, place.region_id, place.department_id)
    _notify(
        handlers,
        help_request,
        gettext_noop("New help request: %(subject)s"),
        "network/email/help_request",
    )
    return help_request


@transaction.atomic
def reply(help_request: HelpRequest, author, body: str) -> HelpReply:
    """Add a message: a handler's answer marks it answered, the teacher's reopens it."""
    help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    answer = HelpReply.objects.create(request=help_request, author=author, body=body)
    if author.pk == help_request.teacher_id:
        help_request.status = HelpRequest.Status.OPEN
        previous = {r.author for r in help_request.replies.exclude(author=author)}
        recipients = sorted(previous, key=lambda u: u.pk) or handlers_for(
            help_request.country_id, help_request.region_id, help_request.department_id
        )
        _notify(
            recipients,
            help_request,
            gettext_noop("New message on: %(subject)s"),
            "network/email/help_reply",
        )
    else:
        help_request.status = HelpRequest.Status.ANSWERED
        _notify(
            [help_request.teacher],
            help_request,
            gettext_noop("Your help request was answered: %(subject)s"),
            "network/email/help_reply",
        )
    help_request.save(update_fields=["status", "updated_at"])
    return answer


@transaction.atomic
def close(help_request: HelpRequest, user) -> HelpRequest:
    help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    help_request.status = HelpRequest.Status.CLOSED
    help_request.save(update_fields=["status", "updated_at"])
    return help_request


@transaction.atomic
def save_role(actor, role: SupportRole) -> SupportRole:
    """Create or update a directory entry, with its audit entry."""
    created = role.pk is None
    role.save()
    record(
        actor,
        "network.role_added" if created else "network.role_changed",
        role,
        subject_user=role.user,
        country=role.country,
        role=role.role,
    )
    return role


@transaction.atomic
def remove_role(actor, role: SupportRole) -> None:
    record(
        actor,
        "network.role_removed",
        role,
        subject_user=role.user,
        country=role.country,
        role=role.role,
    )
    role.delete()


def verifiers_for(country_id, region_id=None) -> list:
    """The office members who decide on a registration of this country (and region).

    The national office and every verifier of the whole country, plus the regional
    verifiers of the school's region: the people whose queue shows it.
    """
    scope = Q(region__isnull=True)
    if region_id:
        scope |= Q(region_id=region_id)
    roles = SupportRole.objects.filter(
        scope, country_id=country_id, can_verify=True, user__is_active=True
    ).select_related("user")
    users = {role.user_id: role.user for role in roles}
    return sorted(users.values(), key=lambda u: u.pk)


def appoint_office_member(actor, *, email: str, country, role: str, region=None):
    """Give a verifying office role to the owner of an address; returns (role, created).

    An unknown address gets a support staff account with no usable password: the
    email carries a link to set one (which also confirms the address), then the
    second-factor gate sends them to set up TOTP before the queue opens. An
    existing account is appointed and told; one whose address was never confirmed
    is treated as unknown (its password goes, the owner sets one with the link). The email leaves after the commit.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from jumelage.accounts.policies import forget_support_role
    from jumelage.mail.sending import send_templated_mail

    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            user = User(
                email=email,
                display_name=email.split("@")[0][:150],
                kind=User.Kind.STAFF,
                language=(country.default_language or "en")[:2],
            )
            user.set_unusable_password()
            user.save()
        elif not user.email_confirmed_at:
            # Whoever created this account never proved the address (issue 12, H1): its
            # password goes, and the owner takes it over with the link below.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        support_role, _new = SupportRole.objects.get_or_create(
            user=user,
            role=role,
            country=country,
            region=region,
            department=None,
            defaults={"can_verify": True, "listed": False},
        )
        if not support_role.can_verify:
            support_role.can_verify = True
            support_role.save(update_fields=["can_verify"])
        record(
            actor,
            "network.office_appointed",
            support_role,
            subject_user=user,
            country=country,
            role=role,
            new_account=created,
        )
    forget_support_role(user.pk)
    link = ""
    if created or not user.email_confirmed_at:
        link = reverse(
            "accounts:password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                default_token_generator.make_token(user),
            ],
        )
    send_templated_mail(
        user.email,
        "network/email/appointed",
        {"user": user, "role": support_role, "link": link, "queue": reverse("schools:queue")},
        user.language,
    )
    return support_role, created
