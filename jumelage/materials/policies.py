"""What the library adds to a project's access: rules about one file or folder.

Who the user is in the project (member, teacher, may contribute) is
`projects.access.ProjectAccess`, resolved once per request by `project_view`;
these rules only look at that object and the row, so a folder of 500 files
costs what one costs.
"""

from jumelage.projects.access import ProjectAccess


def can_upload(access: ProjectAccess) -> bool:
    """Members who contribute (not guests) add files and folders while the project is active."""
    return access.can_contribute


def can_delete_item(access: ProjectAccess, item) -> bool:
    """The uploader, or a teacher of the project, while the project is active."""
    return access.can_contribute and (access.is_teacher or item.uploaded_by_id == access.user_id)


def can_delete_folder(access: ProjectAccess, folder) -> bool:
    return access.can_contribute and (access.is_teacher or folder.created_by_id == access.user_id)
