"""What the library adds to a project's access: rules about one file or folder.

Who the user is in the project (member, teacher, may contribute) is
`projects.access.ProjectAccess`, resolved once per request by `project_view`;
these rules only look at that object and the row, so a folder of 500 files
costs what one costs.
"""

from jumelage.projects.access import ProjectAccess


def can_view_folder(access: ProjectAccess, folder) -> bool:
    """The folder's view right by role; the top of the library is for the space's members."""
    if folder is None:
        return access.can_view_space
    return access.can_view_section(folder)


def can_view_item(access: ProjectAccess, item) -> bool:
    return can_view_folder(access, item.folder)


def can_upload(access: ProjectAccess, folder=None) -> bool:
    """Members who contribute (not guests) add files and folders while the project is active;
    inside a folder, as its edit right by role says."""
    if folder is None:
        return access.can_contribute
    return access.can_edit_section(folder)


def can_set_rights(access: ProjectAccess, folder) -> bool:
    """Teachers set who views a folder and who adds to it; pupil administrators, for
    the folders they may add to."""
    if not (access.can_set_rights and can_view_folder(access, folder)):
        return False
    return access.is_teacher or can_upload(access, folder)


def can_delete_item(access: ProjectAccess, item) -> bool:
    """The uploader, or a teacher of the project, while the project is active."""
    return access.can_contribute and (access.is_teacher or item.uploaded_by_id == access.user_id)


def can_move_item(access: ProjectAccess, item, target=None) -> bool:
    """Whoever may delete a file moves it, into a folder they may add to (None: the top)."""
    return can_delete_item(access, item) and can_upload(access, target)


def can_delete_folder(access: ProjectAccess, folder) -> bool:
    return access.can_contribute and (access.is_teacher or folder.created_by_id == access.user_id)
