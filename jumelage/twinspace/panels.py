"""The dashboard panel listing the TwinSpaces the user belongs to."""

from dataclasses import dataclass

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


def my_spaces(request):
    user = request.user
    if not user.is_authenticated:
        return None
    url = row_url("twinspace:home", ROW)
    rows = (
        Membership.objects.filter(user=user, project__status__in=VISIBLE_TO_MEMBERS)
        .order_by("project__title")
        .values_list("project_id", "project__title", "project__status")
    )
    projects = [
        Space(title, status in Project.READ_ONLY_STATUSES, url.format(pk))
        for pk, title, status in rows
    ]
    return {"projects": projects} if projects else None
