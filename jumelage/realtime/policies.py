"""Who may open a WebSocket: the same rules as the views."""

from jumelage.projects import policies as project_policies
from jumelage.projects.models import Project


def may_connect_to_project(user, project_id: int) -> bool:
    project = Project.objects.filter(pk=project_id).first()
    return bool(project and project_policies.can_view_space(user, project))


def may_connect_as_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active)
