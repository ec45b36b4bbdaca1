"""What the wiki adds to the TwinSpace: search results and latest activity.

The twinspace registries call these with (project, user, ...): the access is built
once here; `visible()` and the pages' rights (`viewable_sections`) decide.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from jumelage.core.sanitising import snippet
from jumelage.twinspace.registry import Activity

from .models import Page, Revision

MAX_RESULTS = 20


def search_pages(access, query) -> list[tuple[str, str, str]]:
    project = access.project
    pages = (
        Page.objects.filter(project=project)
        .filter(access.visible(), access.viewable_sections(Page))
        .filter(Q(title__icontains=query) | Q(body__icontains=query))
    )
    return [
        (page.title, page.get_absolute_url(), snippet(page.body, query))
        for page in pages.only("id", "project_id", "title", "body")[:MAX_RESULTS]
    ]


def latest_edits(access, limit) -> list[Activity]:
    project = access.project
    revisions = (
        Revision.objects.filter(page__project=project)
        .filter(access.visible("page__"), access.viewable_sections(Page, "page__"))
        .select_related("page", "author")
    )
    items = []
    for rev in revisions.order_by("-created_at", "-id")[:limit]:
        if rev.number == 1:
            text = _("Page “%(title)s” created") % {"title": rev.page.title}
        else:
            text = _("Page “%(title)s” edited") % {"title": rev.page.title}
        items.append(
            Activity(rev.created_at, text, rev.page.get_absolute_url(), str(rev.author or ""))
        )
    return items
