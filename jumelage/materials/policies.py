"""Who may do what in a project's library. Built on projects.policies only.

`access()` asks the project policies once per request; the per-file rules then
decide without further queries, so a folder of 500 files costs what one costs.
"""

from dataclasses import dataclass

from jumelage.projects import policies as project_policies


@dataclass(frozen=True)
class LibraryAccess:
    user_id: int | None
    can_view: bool
    can_upload: bool
    is_teacher: bool

    def can_delete_item(self, item) -> bool:
        """The uploader, or a teacher of the project, while the project is active."""
        return self.can_upload and (self.is_teacher or item.uploaded_by_id == self.user_id)

    def can_delete_folder(self, folder) -> bool:
        return self.can_upload and (self.is_teacher or folder.created_by_id == self.user_id)


def access(user, project) -> LibraryAccess:
    if not project_policies.can_view_space(user, project):
        return LibraryAccess(None, False, False, False)
    return LibraryAccess(
        user_id=user.pk,
        can_view=True,
        # Members who contribute (not guests) add files while the project is active.
        can_upload=project_policies.can_contribute(user, project),
        is_teacher=project_policies.is_project_teacher(user, project),
    )


def can_view(user, project) -> bool:
    """Members of the project see and download its files."""
    return project_policies.can_view_space(user, project)


def can_upload(user, project) -> bool:
    return project_policies.can_contribute(user, project)
