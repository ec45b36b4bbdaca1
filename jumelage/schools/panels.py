"""Dashboard panels: a teacher's registration, join requests, and the staff queue."""

import uuid

from django.db import transaction
from django.db.models import Count, Q, Sum

from jumelage.accounts import ratelimit
from jumelage.accounts.models import User, teacher_profile_of
from jumelage.accounts.policies import is_verified_teacher
from jumelage.core.prepared import Prepared
from jumelage.network.models import SupportRole
from jumelage.network.policies import can_appoint, staff_regions, verifying_countries

from . import policies
from .models import JoinRequest, School

# On every teacher's dashboard: prepared (core.prepared).
_MY_SCHOOLS = Prepared(
    lambda user_id: School.objects.filter(memberships__user_id=user_id).only(
        "id", "name", "town", "status", "head_confirmed_at", "registered_by_id"
    ),
    user_id=int,
)


def registration(request):
    """For teachers: where their registration stands and what to do next."""
    user = request.user
    if user.kind != User.Kind.TEACHER:
        return None
    profile = teacher_profile_of(user)
    if profile is None:
        return None
    schools = _MY_SCHOOLS.list(user_id=user.pk)
    return {"profile": profile, "schools": schools, "status": profile.status}


def waiting_counts(schools) -> dict[str, dict]:
    """What waits for an office, by country, among these schools (a School query; three
    queries, each on the scope's own rows: `country = 'TR'` reads that country's entries
    of an index, `id IN (...)` read the whole table's).

    Schools to verify, teachers awaiting verification at an already verified
    school (they joined it; one at two such schools waits at each, as the queue page
    shows), and requests to join nobody answered yet: the three things the queue page
    lists. The teachers are the schools' own counts (School.awaiting_teachers).
    """
    counts: dict[str, dict] = {}

    def row(code):
        return counts.setdefault(
            code, {"code": code, "schools": 0, "confirmed": 0, "teachers": 0, "joins": 0}
        )

    for item in (
        schools.filter(status=School.Status.PENDING)
        .values("country_id")
        .annotate(n=Count("id"), confirmed=Count("id", filter=Q(head_confirmed_at__isnull=False)))
    ):
        row(item["country_id"]).update(schools=item["n"], confirmed=item["confirmed"])
    for item in (
        schools.filter(status=School.Status.VERIFIED, awaiting_teachers__gt=0)
        .values("country_id")
        .annotate(n=Sum("awaiting_teachers"))
    ):
        row(item["country_id"])["teachers"] = item["n"]
    for item in (
        JoinRequest.objects.filter(
            school__in=schools.values("pk"), status=JoinRequest.Status.PENDING
        )
        .values("school__country_id")
        .annotate(n=Count("id"))
    ):
        row(item["school__country_id"])["joins"] = item["n"]
    return counts


def _scope(user, countries) -> Q:
    scope = Q(pk__in=[])
    for code in countries:
        regions = staff_regions(user, code)
        here = Q(country_id=code)
        if regions is not None:
            here &= Q(region_id__in=regions)
        scope |= here
    return scope


# The queue panel counts what waits over every school of an office's countries: three
# aggregate queries that grow with the queue (10,000 pending registrations at scale),
# on every dashboard view of every office member. The counts are cached per staff
# member under a generation that any change to what they count bumps (a school, a
# teacher's profile, a school membership, a join request, a support role: see
# forget_queue_counts and apps.ready), so a decision shows at once; QUEUE_TTL bounds
# the life of an entry whatever happens (docs/performance.md).
QUEUE_TTL = 10 * 60


def _generation_key() -> str:
    return ratelimit.key("office-queue-generation")


def forget_queue_counts(*args, raw=False, **kwargs) -> None:
    """Every office's cached counts are stale once the current transaction commits.

    Takes any signal's arguments, so it is connected as the receiver itself."""
    if not raw:
        transaction.on_commit(
            lambda: ratelimit.set(_generation_key(), uuid.uuid4().hex, QUEUE_TTL * 2)
        )


def _generation() -> str:
    """The current generation of what the queue and join-request panels show."""
    generation = ratelimit.get(_generation_key())
    if generation is None:
        generation = uuid.uuid4().hex
        ratelimit.set(_generation_key(), generation, QUEUE_TTL * 2)
    return generation


def staff_queue(request):
    """For support staff: what waits in their countries; for the platform admin, also
    the countries that have no office (nobody else sees what waits there). Cached."""
    user = request.user
    admin = policies.is_platform_admin(user)
    if user.kind != User.Kind.STAFF and not admin:
        return None
    key = ratelimit.key("office-queue-panel", user.pk, _generation())
    panel = ratelimit.get(key)
    if panel is None:
        panel = _staff_queue(user, admin)
        ratelimit.set(key, panel, QUEUE_TTL)
    return panel or None


def _staff_queue(user, admin) -> dict:
    countries = sorted(verifying_countries(user))
    if not countries and not admin:
        return {}  # cached too: "nothing to show" ({} is falsy; None means not cached)
    counts = waiting_counts(School.objects.filter(_scope(user, countries)))
    empty = {"schools": 0, "confirmed": 0, "teachers": 0, "joins": 0}
    panel = {
        "countries": [counts.get(code, {"code": code, **empty}) for code in countries],
        "orphans": None,
        "may_appoint": can_appoint(user),
    }
    if admin:
        with_office = SupportRole.objects.filter(can_verify=True, user__is_active=True).values(
            "country_id"
        )
        orphans = waiting_counts(School.objects.exclude(country_id__in=with_office))
        panel["orphans"] = [orphans[code] for code in sorted(orphans)]
    return panel


def join_requests(request):
    """For teachers: their own requests to join, and colleagues' requests they may confirm.

    Cached per teacher under the queue's generation: what it reads (requests, school
    memberships, schools, profiles) bumps it on every change, so a request or a decision
    shows at once. Its query (joins over two relations, an OR, DISTINCT) cost 5,300 Python
    calls to build on every dashboard view, and almost always found nothing."""
    user = request.user
    if user.kind != User.Kind.TEACHER:
        return None
    key = ratelimit.key("join-requests-panel", user.pk, _generation())
    panel = ratelimit.get(key)
    if panel is None:
        panel = _join_requests(user)
        ratelimit.set(key, panel, QUEUE_TTL)
    return panel or None


def _pending_join_requests(user_id: int, *, theirs_too: bool):
    """My own requests to join, and (theirs_too: I am verified) colleagues' requests to
    join a verified school of mine: one query for both lists."""
    wanted = Q(user_id=user_id)
    if theirs_too:
        wanted |= Q(
            school__memberships__user_id=user_id, school__status=School.Status.VERIFIED
        ) & ~Q(user_id=user_id)
    return (
        JoinRequest.objects.filter(status=JoinRequest.Status.PENDING)
        .select_related("school", "user")
        .filter(wanted)
        .distinct()
    )


# A teacher's first dashboard under a queue generation builds it: prepared (core.prepared).
_JOIN_REQUESTS = {
    theirs_too: Prepared(
        lambda user_id, theirs_too=theirs_too: _pending_join_requests(
            user_id, theirs_too=theirs_too
        ),
        user_id=int,
    )
    for theirs_too in (False, True)
}


def _join_requests(user) -> dict:
    found = _JOIN_REQUESTS[is_verified_teacher(user)].list(user_id=user.pk)
    mine = [r for r in found if r.user_id == user.pk]
    to_decide = [r for r in found if r.user_id != user.pk]
    if not mine and not to_decide:
        return {}  # cached too: "nothing to show" ({} is falsy; None means not cached)
    return {"mine": mine, "to_decide": to_decide}
