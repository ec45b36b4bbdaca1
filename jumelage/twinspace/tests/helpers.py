"""Builders for the TwinSpace tests, on top of the `world` fixture (conftest.py).

Content is written with the ORM, not through another app's services, so these
tests say what the TwinSpace does whatever the tools do.
"""

from django.urls import reverse

from jumelage.projects.access import access_for
from jumelage.projects.models import Visibility
from jumelage.twinspace import services
from jumelage.wiki.models import Page, Revision


def url(name, project, **kwargs):
    return reverse(f"twinspace:{name}", kwargs={"project_id": project.pk, **kwargs})


def page(project, author, title, body="<p>x</p>", visibility=Visibility.PUBLISHED) -> Page:
    """A wiki page with its first revision, as the wiki creates one."""
    created = Page.objects.create(
        project=project,
        title=title,
        body=body,
        author=author,
        updated_by=author,
        visibility=visibility,
    )
    Revision.objects.create(page=created, number=1, title=title, body=body, author=author)
    return created


def note(user, project, body):
    return services.post_bulletin_note(access_for(user, project), body)


def hide(user, project, content, note=""):
    services.set_visibility(access_for(user, project), content, Visibility.HIDDEN, note=note)


def report(user, project, content, reason=""):
    return services.report(access_for(user, project), content, reason)
