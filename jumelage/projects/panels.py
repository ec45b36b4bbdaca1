"""The projects' dashboard panel: my projects and what awaits me."""

from jumelage.accounts.models import User
from jumelage.network.policies import verifying_countries

from . import policies, queries


def dashboard_panel(request):
    """My projects, open invitations and approvals; None hides it for staff with nothing."""
    user = request.user
    staff = user.kind == User.Kind.STAFF
    countries = verifying_countries(user)
    projects = list(queries.my_project_titles(user)[:8]) if not staff or not countries else []
    invitations = 0 if user.kind == User.Kind.PUPIL else queries.open_invitations(user).count()
    approvals = queries.pending_approvals(countries).count() if countries else 0
    if not projects and not invitations and not approvals and staff:
        return None
    return {
        "projects": projects,
        "invitations": invitations,
        "approvals": approvals,
        "may_create": user.kind == User.Kind.TEACHER and policies.can_create_project(user),
    }
