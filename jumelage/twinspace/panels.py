"""The dashboard panel listing the TwinSpaces the user belongs to."""

from dataclasses import dataclass

from jumelage.core.reversing import ROW, row_url
from jumelage.projects.models import Project
from jumelage.projects.policies import VISIBLE_TO_MEMBERS
from jumelage.projects.queries import my_project_rows


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
    projects = [
        Space(p.title, p.status in Project.READ_ONLY_STATUSES, url.format(p.pk))
        for p in my_project_rows(request)
        if p.status in VISIBLE_TO_MEMBERS
    ]
    return {"projects": projects} if projects else None
