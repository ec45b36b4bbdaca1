"""Schools in the permission matrix (see jumelage/testing/matrix.py)."""

from jumelage import testing
from jumelage.schools import services
from jumelage.schools.models import JoinRequest
from jumelage.testing.matrix import ALL_TEACHERS, EVERYONE, Case


def setup(world):
    pending = world.users["unverified_teacher"].schools.first()
    pending.registered_by = world.users["unverified_teacher"]
    pending.save(update_fields=["registered_by"])
    school = world.users["teacher"].schools.first()
    joiner = testing.make_teacher("FR")
    join = JoinRequest.objects.create(school=school, user=joiner)
    return {
        "school_id": school.pk,
        "pending_id": pending.pk,
        "teacher_id": world.users["unverified_teacher"].pk,
        "head_token": services.head_token(pending),
        "join_token": services.join_token(join),
        "request_id": join.pk,
        "approve": "approve",
        "verify": "verify",
        "country": "FR",
    }


REGISTRANT = frozenset({"unverified_teacher", "staff", "superuser"})
OFFICE = frozenset({"staff", "superuser"})
UNVERIFIED = frozenset({"unverified_teacher"})

CASES = [
    Case("schools:register", "GET", allowed=ALL_TEACHERS),
    Case("schools:register", "POST", allowed=ALL_TEACHERS),
    # Until it is verified, its registrant and the country's office correct a school.
    Case("schools:edit", "GET", kwargs={"school_id": "pending_id"}, allowed=REGISTRANT),
    Case("schools:edit", "POST", kwargs={"school_id": "pending_id"}, allowed=REGISTRANT),
    # A verified school is no longer edited from the site: a 404 for everyone.
    Case("schools:edit", "GET", kwargs=("school_id",), allowed=frozenset()),
    Case("schools:resubmit", "POST", allowed=ALL_TEACHERS),
    Case("schools:head_confirm", "GET", kwargs={"token": "head_token"}, allowed=EVERYONE),
    Case("schools:join_confirm", "GET", kwargs={"token": "join_token"}, allowed=EVERYONE),
    Case(
        "schools:join_decide",
        "POST",
        kwargs={"request_id": "request_id", "decision": "approve"},
        allowed=frozenset({"teacher", "staff", "superuser"}),
    ),
    # The platform admin acts for any country (issue 14: countries without an office).
    # A member leaves (a confirmation page, then a POST); nobody else reaches it.
    Case("schools:leave", "GET", kwargs={"school_id": "pending_id"}, allowed=UNVERIFIED),
    Case("schools:leave", "POST", kwargs={"school_id": "pending_id"}, allowed=UNVERIFIED),
    # Only the joiner (no actor of the matrix) withdraws their request: 404 to others.
    Case("schools:join_withdraw", "POST", kwargs=("request_id",), allowed=frozenset()),
    Case("schools:queue", "GET", allowed=frozenset({"staff", "staff_abroad", "superuser"})),
    Case("schools:queue_country", "GET", kwargs=("country",), allowed=OFFICE),
    Case("schools:review", "GET", kwargs={"school_id": "pending_id"}, allowed=OFFICE),
    Case(
        "schools:record_call",
        "POST",
        kwargs={"school_id": "pending_id"},
        allowed=OFFICE,
    ),
    Case(
        "schools:decide",
        "POST",
        kwargs={"school_id": "pending_id", "decision": "verify"},
        allowed=OFFICE,
    ),
    Case(
        "schools:decide_teacher",
        "POST",
        kwargs={"school_id": "pending_id", "user_id": "teacher_id", "decision": "verify"},
        allowed=OFFICE,
    ),
]
