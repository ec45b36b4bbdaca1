"""Who may do what with a project's static site: the only place for these rules."""

from django.utils.translation import gettext as _

from jumelage.projects.models import Project


def can_manage(access) -> bool:
    """The project's teachers (admins and teacher members) choose, generate and publish.

    They are the ones who moderate the content; pupils and guests never publish.
    """
    return access.can_view_space and access.is_teacher


def publish_refusal(showcase) -> str | None:
    """Why the site cannot be published now, or None."""
    if showcase.project.status != Project.Status.ARCHIVED:
        return _("The site can be published at a public address once the project is archived.")
    if not showcase.generated_at or not showcase.build:
        return _("Generate the site before publishing it.")
    return None


def is_public(showcase) -> bool:
    """Anyone may read the site: published by a teacher, of an archived project."""
    return (
        showcase.published
        and bool(showcase.build)
        and showcase.project.status == Project.Status.ARCHIVED
    )
