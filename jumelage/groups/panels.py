"""The dashboard's "Groups for you": groups on the subjects the teacher teaches.

Suggestions are advice, not state: they are cached per teacher for a few minutes
(as the partner suggestions are), so the dashboard pays no query for them on most
views. Joining or leaving a group forgets that teacher's entry at once.
"""

from django.db import transaction
from django.db.models import Count

from jumelage.accounts import ratelimit
from jumelage.accounts.models import User
from jumelage.core.prepared import Prepared
from jumelage.reference.models import Subject

from . import policies
from .models import Group

SUGGESTED = 5
SUGGESTIONS_TTL = 5 * 60


def _key(user_id) -> str:
    return ratelimit.key("group-suggestions", user_id)


def _suggested(user_id: int):
    subjects = Subject.objects.filter(teacherprofile__user_id=user_id).values("pk")  # subquery
    return (
        Group.objects.filter(policies.listed_to(user_id))
        .distinct()
        .filter(subjects__in=subjects)
        .exclude(members__user_id=user_id)
        .annotate(member_count=Count("members", distinct=True))
        .order_by("-member_count", "name")
        .values("pk", "name", "member_count")[:SUGGESTED]
    )


# A teacher's first dashboard in SUGGESTIONS_TTL builds it: prepared (core.prepared), its
# SQL 0.05 ms and building it 3-4 ms at eTwinning's scale.
_SUGGESTED = Prepared(_suggested, user_id=int)


def suggested_groups(user) -> list[dict]:
    """Up to five groups the teacher could join, on their subjects (one query)."""
    if not policies.can_use_groups(user):
        return []
    return _SUGGESTED.list(user_id=user.pk)


def suggestions(request):
    user = request.user
    if user.kind != User.Kind.TEACHER:
        return None
    found = ratelimit.get(_key(user.pk))  # fails open: an unreachable cache costs the query
    if found is None:
        found = suggested_groups(user)
        ratelimit.set(_key(user.pk), found, SUGGESTIONS_TTL)
    return {"groups": found} if found else None


def forget_suggestions(user_id) -> None:
    """The teacher joined or left a group: suggest again once this is committed."""
    transaction.on_commit(lambda: ratelimit.delete(_key(user_id)))
