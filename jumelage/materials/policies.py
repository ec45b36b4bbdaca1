"""Who may do what in a project's library. Built on projects.policies only."""

from jumelage.projects import policies as project_policies


def can_view(user, project) -> bool:
    """Members of the project see and download its files."""
    return project_policies.can_view_space(user, project)


def can_upload(user, project) -> bool:
    """Members who contribute (not guests) add files and folders while the project is active."""
    return project_policies.can_contribute(user, project)


def can_delete_item(user, item) -> bool:
    """The uploader, or a teacher of the project, while the project is active."""
    if not project_policies.can_contribute(user, item.project):
        return False
    return item.uploaded_by_id == user.pk or project_policies.is_project_teacher(user, item.project)


def can_delete_folder(user, folder) -> bool:
    if not project_policies.can_contribute(user, folder.project):
        return False
    return folder.created_by_id == user.pk or project_policies.is_project_teacher(
        user, folder.project
    )
