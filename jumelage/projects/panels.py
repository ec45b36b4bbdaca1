"""The projects' dashboard panel: my projects and what awaits me."""

from jumelage.accounts.models import User
from jumelage.network.policies import verifying_countries

from . import policies, queries

SHOWN = 8  # the newest of each status first; "All my projects" has the rest


def _shown(request) -> list:
    newest_first = sorted(
        queries.my_project_rows(request), key=lambda p: p.created_at, reverse=True
    )
    return sorted(newest_first, key=lambda p: p.status)[:SHOWN]


def dashboard_panel(request):
    """My projects, open invitations and approvals; None hides it for staff with nothing."""
    user = request.user
    staff = user.kind == User.Kind.STAFF
    countries = verifying_countries(user)
    projects = _shown(request) if not staff or not countries else []
    invitations = 0 if user.kind == User.Kind.PUPIL else queries.open_invitation_count(user)
    approvals = queries.pending_approvals(countries).count() if countries else 0
    if not projects and not invitations and not approvals and staff:
        return None
    return {
        "projects": projects,
        "invitations": invitations,
        "approvals": approvals,
        "may_create": user.kind == User.Kind.TEACHER and policies.can_create_project(user),
    }
