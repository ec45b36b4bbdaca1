"""School registration, head-teacher confirmation and the support office's decisions.

Emails leave once the transaction is over, so a rolled-back decision sends nothing.

Each write is one transaction and is recorded in the audit trail; decisions are
taken on a locked row, so a replayed POST finds the decision already made and
changes nothing.
"""

import difflib
import unicodedata
from collections import defaultdict

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jumelage.accounts.models import TeacherProfile
from jumelage.audit.services import record
from jumelage.core.languages import country_language
from jumelage.mail.sending import send_templated_mail

from .models import JoinRequest, School, SchoolMembership, VerificationCall

HEAD_SALT = "jumelage.schools.head-confirmation"
HEAD_MAX_AGE = 60 * 60 * 24 * 30  # thirty days


def head_language(school) -> str:
    """The school country's language when the site speaks it, else English."""
    return country_language(school.country)


def head_token(school) -> str:
    """Bound to the head's address and to the nonce renewed with it (see School.save)."""
    return signing.dumps(
        {"s": school.pk, "h": school.head_email.lower(), "n": school.head_token_nonce},
        salt=HEAD_SALT,
    )


def _head_link_current(school, data) -> bool:
    return school.head_email.lower() == data.get("h") and school.head_token_nonce == data.get(
        "n", ""
    )


def send_head_email(school, teacher) -> None:
    send_templated_mail(
        school.head_email,
        "schools/email/head_confirmation",
        {
            "school": school,
            "teacher": teacher,
            "link": reverse("schools:head_confirm", args=[head_token(school)]),
            "days": HEAD_MAX_AGE // 86400,
        },
        head_language(school),
    )


def _derive_region(school, identifier) -> None:
    department = getattr(identifier, "department", None)
    school.department = department
    school.region = department.region if department else None


def count_awaiting(schools) -> None:
    """Store on each of these schools (ids, or a query of ids) how many of its teachers
    await verification: what puts it in its office's queue.

    Counted afresh, never incremented, so a call after any change is right whatever came
    before. Every change reaches it: the saves and deletions of teacher profiles and
    school memberships through signals (apps.ready: registration, verification, rejection,
    joining and leaving, account deletion, the admin, the demo data), an update() of a
    status by calling it. The schools are locked first: a change committed meanwhile by
    another request is then counted by the one that waited (two queries).
    """
    with transaction.atomic(savepoint=False):  # also from a save in autocommit (demo data)
        ids = list(
            School.objects.select_for_update()
            .filter(pk__in=schools)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if ids:
            _store_awaiting(ids)


def _store_awaiting(ids) -> None:
    waiting = (
        SchoolMembership.objects.filter(
            school=OuterRef("pk"),
            user__teacher_profile__status=TeacherProfile.Status.AWAITING_VERIFICATION,
        )
        .order_by()
        .values("school")
        .annotate(n=Count("pk"))
        .values("n")
    )
    School.objects.filter(pk__in=ids).update(awaiting_teachers=Coalesce(Subquery(waiting), 0))


def count_awaiting_of(user) -> None:
    """count_awaiting for the schools of this user (their status changed)."""
    count_awaiting(SchoolMembership.objects.filter(user=user).values("school_id"))


def _submit_teacher(teacher) -> None:
    """A teacher whose email is confirmed waits for verification once a school is given."""
    if TeacherProfile.objects.filter(
        user=teacher, status=TeacherProfile.Status.EMAIL_CONFIRMED
    ).update(status=TeacherProfile.Status.AWAITING_VERIFICATION):
        from .panels import forget_queue_counts  # an update() sends no post_save

        count_awaiting_of(teacher)
        forget_queue_counts()


def register_school(teacher, form):
    """Register a new school, or ask to join the registered one; returns (school, joined).

    joined is False for a new school, else the outcome of request_to_join: joining an
    existing school is a request that gives no right until it is approved.
    """
    if form.existing is None:
        school = form.save(commit=False)
        _derive_region(school, form.identifier)
        school.registered_by = teacher
        if school.country.timezone:
            school.timezone = school.country.timezone
        try:
            with transaction.atomic():
                school.save()
                SchoolMembership.objects.create(school=school, user=teacher)
                _submit_teacher(teacher)
                record(
                    teacher,
                    "school.registered",
                    school,
                    subject_user=teacher,
                    country=school.country,
                )
            send_head_email(school, teacher)
            tell_office(school, teacher, "school")
            return school, False
        except IntegrityError:
            # Registered by someone else a moment ago: join it instead.
            form.existing = School.objects.get(
                country=school.country, national_id_key=school.national_id_key
            )
    school = form.existing
    return school, request_to_join(teacher, school)


# --- Joining a registered school: a request someone must vouch for ------------------

JOIN_SALT = "jumelage.schools.join-confirmation"
MAX_PENDING_JOIN_REQUESTS = 3


def join_token(join_request) -> str:
    school = join_request.school
    return signing.dumps(
        {"j": join_request.pk, "h": school.head_email.lower(), "n": school.head_token_nonce},
        salt=JOIN_SALT,
    )


def _join_link(join_request) -> str:
    return reverse("schools:join_confirm", args=[join_token(join_request)])


def request_to_join(teacher, school) -> str:
    """Ask to join; returns member (already one), requested, already_requested,
    refused_before or too_many.

    The head is emailed a link, the school's verified teachers are told, and the
    support office sees the request in its queue. Until one of them approves, the
    school gives the teacher nothing: no SchoolMembership exists.
    """
    if SchoolMembership.objects.filter(school=school, user=teacher).exists():
        return "member"
    # No mail relay towards heads: a refused request is not asked again, and a teacher
    # has only a few requests waiting at a time.
    mine = JoinRequest.objects.filter(user=teacher)
    if mine.filter(school=school, status=JoinRequest.Status.REFUSED).exists():
        return "refused_before"
    waiting = mine.filter(status=JoinRequest.Status.PENDING).exclude(school=school)
    if waiting.count() >= MAX_PENDING_JOIN_REQUESTS:
        return "too_many"
    try:
        with transaction.atomic():
            join_request, created = JoinRequest.objects.get_or_create(
                school=school, user=teacher, status=JoinRequest.Status.PENDING
            )
            if created:
                _submit_teacher(teacher)
                record(
                    teacher,
                    "school.join_requested",
                    school,
                    subject_user=teacher,
                    country=school.country,
                )
    except IntegrityError:
        return "already_requested"  # the same request, sent twice at once
    if not created:
        return "already_requested"
    _send_join_email(join_request)
    _tell_colleagues(join_request)
    tell_office(school, teacher, "join")
    return "requested"


OFFICE_TITLES = {
    # The office's notice, by what arrived (translated in each member's language).
    "school": gettext_noop("New school to verify in %(country)s: %(school)s"),
    "join": gettext_noop("%(name)s asks to join %(school)s (%(country)s)"),
    "teacher": gettext_noop("%(name)s waits for verification at %(school)s (%(country)s)"),
}


def tell_office(school, teacher, what: str) -> None:
    """The office members of the school's country (and region) learn that something waits.

    In the site, and by email or in the daily digest as each of them chose for
    "Approvals and verification". Nobody to tell: the platform admin's dashboard
    lists the country among those without an office.
    """
    from jumelage.network.services import verifiers_for
    from jumelage.notifications.services import notify

    url = reverse("schools:queue_country", args=[school.country_id])
    for member in verifiers_for(school.country_id, school.region_id):
        with translation.override(member.language):
            title = _(OFFICE_TITLES[what]) % {
                "name": teacher,
                "school": school.name,
                "country": school.country,  # its name, in the member's language
            }
        notify(
            member,
            "approval",
            title,
            url,
            email_template="schools/email/office_new_registration",
            context={"title": title, "school": school, "teacher": teacher},
        )


def _send_join_email(join_request) -> None:
    school = join_request.school
    send_templated_mail(
        school.head_email,
        "schools/email/join_confirmation",
        {
            "school": school,
            "teacher": join_request.user,
            "link": _join_link(join_request),
            "days": HEAD_MAX_AGE // 86400,
        },
        head_language(school),
    )


def _tell_colleagues(join_request) -> None:
    from jumelage.notifications.services import notify

    school = join_request.school
    if school.status != School.Status.VERIFIED:
        return
    colleagues = school.teachers.filter(
        is_active=True, teacher_profile__status=TeacherProfile.Status.VERIFIED
    ).exclude(pk=join_request.user_id)
    for colleague in colleagues:
        with translation.override(colleague.language):
            title = _("%(name)s asks to join %(school)s: do they work there?") % {
                "name": join_request.user,
                "school": school.name,
            }
        notify(colleague, "approval", title, reverse("core:dashboard"))


def _close_join_request(join_request, actor, *, approve: bool, via: str) -> None:
    join_request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.REFUSED
    join_request.decided_at = timezone.now()
    join_request.decided_by = actor
    join_request.decided_via = via
    join_request.save(update_fields=["status", "decided_at", "decided_by", "decided_via"])
    school = join_request.school
    if approve:
        SchoolMembership.objects.get_or_create(school=school, user=join_request.user)
    record(
        actor,
        "school.join_approved" if approve else "school.join_refused",
        school,
        subject_user=join_request.user,
        country=school.country,
        via=via,
        **_as_admin(actor, school),
    )


def _tell_requester(join_request) -> None:
    """After the transaction, like every email of this module.

    An approved teacher still awaiting verification now waits for the office.
    """
    teacher = join_request.user
    if join_request.status == JoinRequest.Status.APPROVED and join_request.school.is_verified:
        status = TeacherProfile.objects.filter(user=teacher).values_list("status", flat=True)
        if list(status) == [TeacherProfile.Status.AWAITING_VERIFICATION]:
            tell_office(join_request.school, teacher, "teacher")
    send_templated_mail(
        teacher.email,
        "schools/email/join_decided",
        {
            "teacher": teacher,
            "school": join_request.school,
            "approved": join_request.status == JoinRequest.Status.APPROVED,
        },
        teacher.language,
    )


def decide_join(actor, join_request_id: int, *, approve: bool):
    """A verified colleague or the support office decides; returns (request, changed)."""
    from . import policies

    with transaction.atomic():
        join_request = (
            JoinRequest.objects.select_for_update()
            .select_related("school__country", "user")
            .get(pk=join_request_id)
        )
        if not policies.can_decide_join_request(actor, join_request):
            return join_request, False
        via = (
            JoinRequest.Via.TEACHER
            if policies.can_vouch_as_teacher(actor, join_request.school)
            else JoinRequest.Via.STAFF
        )
        _close_join_request(join_request, actor, approve=approve, via=via)
    _tell_requester(join_request)
    return join_request, True


def confirm_join_by_head(token: str, *, commit: bool):
    """The head's link; returns (request or None, outcome) like confirm_head."""
    try:
        data = signing.loads(token, salt=JOIN_SALT, max_age=HEAD_MAX_AGE)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    with transaction.atomic():
        join_request = (
            JoinRequest.objects.select_for_update()
            .select_related("school__country", "user")
            .filter(pk=data.get("j"))
            .first()
        )
        if join_request is None or not _head_link_current(join_request.school, data):
            return None, "invalid"
        if join_request.status != JoinRequest.Status.PENDING:
            return join_request, "already"
        if not commit:
            return join_request, "valid"
        _close_join_request(join_request, None, approve=True, via=JoinRequest.Via.HEAD)
    _tell_requester(join_request)
    return join_request, "confirmed"


def update_school(teacher, form) -> School:
    """A member corrects an unverified school; a rejected school goes back to the queue."""
    with transaction.atomic():
        school = form.save(commit=False)
        _derive_region(school, form.identifier)
        head_changed = "head_email" in form.changed_data
        if head_changed:
            school.head_confirmed_at = None
        if school.status == School.Status.REJECTED:
            school.status = School.Status.PENDING
        school.save()
        record(
            teacher,
            "school.corrected",
            school,
            subject_user=teacher,
            country=school.country,
            fields=sorted(form.changed_data),
        )
    if head_changed:
        # Earlier links died with the old address (School.save): the new head gets fresh ones.
        send_head_email(school, school.registered_by or teacher)
        for join_request in school.join_requests.filter(status=JoinRequest.Status.PENDING):
            _send_join_email(join_request)
    return school


def confirm_head(token: str, *, commit: bool):
    """Returns (school or None, outcome): confirmed, already, expired, invalid or valid."""
    try:
        data = signing.loads(token, salt=HEAD_SALT, max_age=HEAD_MAX_AGE)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    with transaction.atomic():
        school = (
            School.objects.select_for_update().select_related("country").filter(pk=data.get("s"))
        ).first()
        if school is None or not _head_link_current(school, data):
            return None, "invalid"
        if school.head_confirmed_at:
            return school, "already"
        if not commit:
            return school, "valid"
        school.head_confirmed_at = timezone.now()
        school.save(update_fields=["head_confirmed_at"])
        record(None, "school.head_confirmed", school, country=school.country)
    return school, "confirmed"


def record_call(staff, school, form) -> VerificationCall:
    with transaction.atomic():
        call = form.save(commit=False)
        call.school = school
        call.staff = staff
        call.save()
        record(
            staff,
            "school.call_recorded",
            school,
            country=school.country,
            note=call.note,
            outcome=call.outcome,
            called_at=call.called_at.isoformat(),
        )
    return call


def _as_admin(actor, school) -> dict:
    """Marks in the audit trail a decision the platform admin took for a country."""
    from . import policies

    if actor is not None and policies.acts_as_platform_admin(actor, school.country_id):
        return {"as_platform_admin": True}
    return {}


def _teachers_of(school):
    return [m.user for m in school.memberships.select_related("user")]


def decide_school(staff, school_id: int, *, verify: bool, reason: str = ""):
    """Verify or reject a pending school; returns (school, changed)."""
    with transaction.atomic():
        school = School.objects.select_for_update().select_related("country").get(pk=school_id)
        if school.status != School.Status.PENDING:
            return school, False
        school.status = School.Status.VERIFIED if verify else School.Status.REJECTED
        school.verified_at = timezone.now() if verify else None
        school.rejection_reason = "" if verify else reason
        school.save(update_fields=["status", "verified_at", "rejection_reason"])
        teachers = _teachers_of(school)
        action = "school.verified" if verify else "school.rejected"
        extra = _as_admin(staff, school)
        for teacher in teachers or [None]:
            record(
                staff,
                action,
                school,
                subject_user=teacher,
                country=school.country,
                note=reason,
                **extra,
            )
    if not verify:
        for teacher in teachers:
            send_templated_mail(
                teacher.email,
                "schools/email/school_rejected",
                {"teacher": teacher, "school": school, "reason": reason},
                teacher.language,
            )
    return school, True


def decide_teacher(staff, teacher, school, *, verify: bool, reason: str = ""):
    """Verify or reject a teacher awaiting verification; returns (profile, outcome).

    outcome: done, already (decided before: nothing changes) or school_pending
    (a teacher is verified only through a verified school).
    """
    with transaction.atomic():
        profile = TeacherProfile.objects.select_for_update().get(user=teacher)
        if profile.status != TeacherProfile.Status.AWAITING_VERIFICATION:
            return profile, "already"
        if verify and school.status != School.Status.VERIFIED:
            return profile, "school_pending"
        profile.status = (
            TeacherProfile.Status.VERIFIED if verify else TeacherProfile.Status.REJECTED
        )
        profile.verified_at = timezone.now() if verify else None
        profile.rejection_reason = "" if verify else reason
        profile.save(update_fields=["status", "verified_at", "rejection_reason"])
        record(
            staff,
            "teacher.verified" if verify else "teacher.rejected",
            profile,
            subject_user=teacher,
            country=school.country,
            note=reason,
            school=school.pk,
            **_as_admin(staff, school),
        )
    send_templated_mail(
        teacher.email,
        "schools/email/teacher_verified" if verify else "schools/email/teacher_rejected",
        {"teacher": teacher, "school": school, "reason": reason},
        teacher.language,
    )
    return profile, "done"


def resubmit(teacher) -> bool:
    """A rejected teacher, having corrected their details, asks to be verified again."""
    with transaction.atomic():
        profile = TeacherProfile.objects.select_for_update().get(user=teacher)
        if profile.status != TeacherProfile.Status.REJECTED:
            return False
        profile.status = TeacherProfile.Status.AWAITING_VERIFICATION
        profile.save(update_fields=["status"])
        School.objects.filter(memberships__user=teacher, status=School.Status.REJECTED).update(
            status=School.Status.PENDING
        )
        record(teacher, "teacher.resubmitted", profile, subject_user=teacher)
    return True


# --- A teacher leaves a school, or withdraws a request ------------------------------


def _back_to_waiting_for_a_school(profile) -> None:
    """No school left: the teacher waits for a school again, or for a pending request.

    A rejected teacher stays rejected (leaving is no way around a refusal).
    """
    if profile is None or profile.status in (
        TeacherProfile.Status.REJECTED,
        TeacherProfile.Status.REGISTERED,
    ):
        return
    pending = JoinRequest.objects.filter(user_id=profile.user_id, status=JoinRequest.Status.PENDING)
    profile.status = (
        TeacherProfile.Status.AWAITING_VERIFICATION
        if pending.exists()
        else TeacherProfile.Status.EMAIL_CONFIRMED
    )
    profile.verified_at = None
    profile.save(update_fields=["status", "verified_at"])


def leave_school(teacher, school) -> bool:
    """The teacher stops being a member; returns False when they were not one.

    With no school left, a teacher's verification goes back to waiting for a
    school (email confirmed): a verified teacher vouched for by that school only
    is no longer vouched for. Their projects, messages and other work stay.
    """
    with transaction.atomic():
        profile = TeacherProfile.objects.select_for_update().filter(user=teacher).first()
        deleted, _rows = SchoolMembership.objects.filter(school=school, user=teacher).delete()
        if not deleted:
            return False
        left_alone = not SchoolMembership.objects.filter(user=teacher).exists()
        previous = profile.status if profile else ""
        if left_alone:
            _back_to_waiting_for_a_school(profile)
        record(
            teacher,
            "school.left",
            school,
            subject_user=teacher,
            country=school.country,
            previous_status=previous,
            last_school=left_alone,
        )
    return True


def withdraw_join(teacher, join_request_id: int) -> bool:
    """The teacher takes back a request nobody answered yet (the row goes: it gave nothing)."""
    from . import policies

    with transaction.atomic():
        join_request = (
            JoinRequest.objects.select_for_update()
            .select_related("school__country")
            .filter(pk=join_request_id)
            .first()
        )
        if join_request is None or not policies.can_withdraw_join_request(teacher, join_request):
            return False
        school = join_request.school
        join_request.delete()
        if not SchoolMembership.objects.filter(user=teacher).exists():
            _back_to_waiting_for_a_school(
                TeacherProfile.objects.select_for_update().filter(user=teacher).first()
            )
        record(
            teacher, "school.join_withdrawn", school, subject_user=teacher, country=school.country
        )
    return True


# --- Possible duplicates -------------------------------------------------------


def _name_key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def similar_names(a: str, b: str) -> bool:
    return _similar_keys(_name_key(a), _name_key(b))


def _similar_keys(ka: str, kb: str, matcher=None) -> bool:
    """Keys of names that one contains, or that match at 80 % (difflib's ratio).

    The matcher may already hold kb as its second sequence (difflib indexes that one);
    its cheap upper bounds of the ratio come first and discard most pairs unchanged.
    """
    if not ka or not kb:
        return False
    if ka in kb or kb in ka:
        return True
    if matcher is None:
        matcher = difflib.SequenceMatcher(None, ka, kb)
    else:
        matcher.set_seq1(ka)
    return (
        matcher.real_quick_ratio() >= 0.8
        and matcher.quick_ratio() >= 0.8
        and matcher.ratio() >= 0.8
    )


def possible_duplicates(schools) -> dict[int, list[School]]:
    """Schools with a similar name in the same town and country (one query for the page).

    A town has hundreds of schools in a big country: the candidates are grouped by town
    and their names normalised once, and each pair is compared by difflib's cheap bounds
    before its ratio (an office's page of 50 schools took 2.6 s at full scale).
    """
    schools = list(schools)
    if not schools:
        return {}
    towns = {s.town.lower() for s in schools}
    countries = {s.country_id for s in schools}
    fields = ("id", "name", "national_id", "status", "town", "country_id")
    candidates = (
        School.objects.annotate(town_key=Lower("town"))
        .filter(town_key__in=towns, country_id__in=countries)
        .values_list(*fields)
    )
    by_town, keys = defaultdict(list), {}
    for row in candidates:  # rows, not models: most are compared, few shown
        name = row[1]
        if name not in keys:
            keys[name] = _name_key(name)
        by_town[row[5], row[4].lower()].append((row, keys[name]))
    result = {}
    for school in schools:
        key = _name_key(school.name)
        matcher = difflib.SequenceMatcher(None, "", key)
        result[school.pk] = [
            School(**dict(zip(fields, row, strict=True)))
            for row, other_key in by_town[school.country_id, school.town.lower()]
            if row[0] != school.pk and _similar_keys(other_key, key, matcher)
        ]
    return result
