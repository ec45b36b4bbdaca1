"""The static site in the permission matrix (see jumelage/testing/matrix.py).

The teachers' pages belong to world.project's teachers (admins and teacher
members). The public address answers 404 to everyone for world.project (active,
nothing published) and serves an archived project's published site to everyone.
"""

from django.utils import timezone

from jumelage import testing
from jumelage.projects.models import Project
from jumelage.showcase import services
from jumelage.showcase.models import Showcase
from jumelage.testing.matrix import EVERYONE, NOT_FOUND, TEACHERS, Case


def setup(world):
    archived = testing.make_project(status=Project.Status.ARCHIVED, archived_at=timezone.now())
    services.generate(services.showcase_of(archived).pk)
    Showcase.objects.filter(pk=archived.pk).update(published=True, published_at=timezone.now())
    return {"archived_id": archived.pk, "css": "site.css"}


NOBODY_SEES = dict.fromkeys(EVERYONE, NOT_FOUND)
PUBLISHED = {"project_id": "archived_id"}

CASES = [
    Case("showcase:manage", "GET", allowed=TEACHERS),
    Case("showcase:manage", "POST", allowed=TEACHERS, data={"include_blog": "on"}),
    Case("showcase:generate", "POST", allowed=TEACHERS),
    Case("showcase:download", "GET", allowed=TEACHERS),
    # Refused with a message (the project is not archived): a redirect back.
    Case("showcase:publish", "POST", allowed=TEACHERS),
    Case("showcase:unpublish", "POST", allowed=TEACHERS),
    Case("showcase:public", "GET", allowed=frozenset(), expect=NOBODY_SEES),
    Case("showcase:public", "GET", kwargs=PUBLISHED, allowed=EVERYONE),
    Case("showcase:public_file", "GET", kwargs={**PUBLISHED, "path": "css"}, allowed=EVERYONE),
]
