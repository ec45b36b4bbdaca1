"""The dashboard panel listing the TwinSpaces the user belongs to."""

from dataclasses import dataclass

from jumelage.core.prepared import Prepared
from jumelage.core.reversing import ROW, row_url
from jumelage.projects.models import Membership, Project
from jumelage.projects.policies import VISIBLE_TO_MEMBERS


@dataclass(frozen=True, slots=True)
class Space:
    """What the panel shows of a project: three columns, not a project row (a teacher in
    40 projects made this panel the dashboard's dearest, issue 16)."""

    title: str
    is_read_only: bool
    url: str


# On every dashboard: prepared (core.prepared).
_MY_SPACES = Prepared(
    lambda user_id: (
        Membership.objects.filter(user_id=user_id, project__status__in=VISIBLE_TO_MEMBERS)
        .order_by("project__title")
        .values_list("project_id", "project__title", "project__status")
    ),
    user_id=int,
)


def my_spaces(request):
    user = request.user
    if not user.is_authenticated:
        return None
    url = row_url("twinspace:home", ROW)
    rows = _MY_SPACES.list(user_id=user.pk)
    projects = [
        Space(title, status in Project.READ_ONLY_STATUSES, url.format(pk))
        for pk, title, status in rows
    ]
    return {"projects": projects} if projects else None
