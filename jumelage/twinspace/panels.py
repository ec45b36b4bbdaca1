"""The dashboard panel listing the TwinSpaces the user belongs to."""

from jumelage.projects.models import Membership
from jumelage.projects.policies import VISIBLE_TO_MEMBERS


def my_spaces(request):
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = (
        Membership.objects.filter(user=user, project__status__in=VISIBLE_TO_MEMBERS)
        .select_related("project")
        .order_by("project__title")
    )
    projects = [m.project for m in memberships]
    return {"projects": projects} if projects else None
