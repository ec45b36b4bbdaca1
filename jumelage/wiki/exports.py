"""The pages a person created, the revisions and proposed edits they wrote, in their data export."""

from jumelage.core.exports import iso, register_export

from .models import Page, PageEdit, Revision


@register_export("wiki", order=50, models=[Page, Revision, PageEdit])
def wiki(user) -> dict:
    pages = Page.objects.filter(author=user).select_related("project").order_by("created_at", "id")
    revisions = (
        Revision.objects.filter(author=user)
        .select_related("page__project")
        .order_by("created_at", "id")
    )
    edits = (
        PageEdit.objects.filter(author=user)
        .select_related("page__project")
        .order_by("created_at", "id")
    )
    return {
        "pages_created": [
            {
                "project": p.project.title,
                "title": p.title,
                "body": p.body,
                "visibility": p.visibility,
                "created_at": iso(p.created_at),
                "updated_at": iso(p.updated_at),
            }
            for p in pages
        ],
        "revisions": [
            {
                "project": r.page.project.title,
                "page": r.page.title,
                "title": r.title,
                "body": r.body,
                "created_at": iso(r.created_at),
            }
            for r in revisions
        ],
        "proposed_edits": [
            {
                "project": e.page.project.title,
                "page": e.page.title,
                "title": e.title,
                "body": e.body,
                "visibility": e.visibility,
                "created_at": iso(e.created_at),
            }
            for e in edits
        ],
    }
