"""What the wiki adds to the TwinSpace: search results and latest activity.

The twinspace registries call these with (project, user, ...): the access is built
once here; `visible()` and the pages' rights (`viewable_sections`) decide.
"""

import functools

from django.db.models import Q
from django.utils.translation import gettext as _

from jumelage.accounts.models import name_columns, shown_name
from jumelage.core.prepared import PreparedShapes
from jumelage.core.reversing import ROW, fixed_url
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


@functools.cache
def _newest_revisions(limit: int) -> PreparedShapes:
    return PreparedShapes(
        lambda visible, viewable, project_id: Revision.objects.filter(project_id=project_id)
        .filter(visible, viewable)
        .order_by("-created_at", "-id")
        .values_list(
            "created_at", "number", "page_id", "page__title",
            *name_columns("author__"),
        )[:limit],
        project_id=int,
    )  # fmt: skip


def latest_edits(access, limit) -> list[Activity]:
    """The newest revisions of the pages the user views (columns only, not the pages'
    and revisions' texts)."""
    project = access.project
    conditions = {
        "visible": access.visible("page__"),
        "viewable": access.viewable_sections(Page, "page__"),
    }
    revisions = _newest_revisions(limit).list(conditions, project_id=project.pk)
    url = fixed_url("wiki:detail", project_id=project.pk, page_id=ROW)
    items = []
    for when, number, page_id, title, *name in revisions:
        if number == 1:
            text = _("Page “%(title)s” created") % {"title": title}
        else:
            text = _("Page “%(title)s” edited") % {"title": title}
        items.append(Activity(when, text, url.format(page_id), shown_name(*name)))
    return items
