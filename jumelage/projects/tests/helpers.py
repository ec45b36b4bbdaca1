"""Small builders for the projects tests, on top of jumelage.testing."""

from datetime import date

from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation
from jumelage.testing import make_teacher


def draft(creator=None, **overrides):
    creator = creator or make_teacher("FR")
    data = {
        "title": "Our towns",
        "summary": "Two classes describe their towns.",
        "description": "<p>Hello</p>",
        "age_min": 10,
        "age_max": 12,
        "start_date": date(2027, 1, 11),
        "end_date": None,
        "kit": None,
        **overrides,
    }
    return services.create_project(
        creator,
        creator.schools.first(),
        data,
        subjects=["geography"],
        languages=["fr", "de"],
        productions=["blog"],
    )


def founded(creator=None, cofounder=None):
    """A draft with both founders (FR + DE by default), ready to submit."""
    project = draft(creator)
    cofounder = cofounder or make_teacher("DE")
    inv = services.invite_cofounder(access_for(project.created_by, project), invitee=cofounder)
    services.accept_invitation(inv, cofounder, cofounder.schools.first())
    project.refresh_from_db()
    return project, cofounder


def submitted(creator=None, cofounder=None):
    project, cofounder = founded(creator, cofounder)
    services.submit(access_for(project.created_by, project))
    project.refresh_from_db()
    return project, cofounder


def invitation_for(project, invitee, role=Invitation.Role.TEACHER):
    return services.invite_member(access_for(project.created_by, project), role, invitee=invitee)
