"""The wiki's pages, with every revision in order, in a project archive."""

from jumelage.core.sanitising import sanitise_html

from .models import Page, Revision


def export(ctx) -> list[dict]:
    pages = list(Page.objects.filter(project=ctx.project).order_by("id"))
    refs = {page.pk: f"page-{n}" for n, page in enumerate(pages, start=1)}
    revisions: dict[int, list] = {}
    for revision in Revision.objects.filter(page__project=ctx.project).order_by("page", "number"):
        revisions.setdefault(revision.page_id, []).append(
            {
                "number": revision.number,
                "title": revision.title,
                "body": revision.body,
                "author": ctx.person(revision.author_id),
                "created_at": ctx.iso(revision.created_at),
                "restored_from": revision.restored_from,
            }
        )
    return [
        {
            "ref": refs[page.pk],
            "parent": refs.get(page.parent_id),
            "position": page.position,
            "title": page.title,
            "body": page.body,
            "version": page.version,
            "author": ctx.person(page.author_id),
            "updated_by": ctx.person(page.updated_by_id),
            "created_at": ctx.iso(page.created_at),
            "updated_at": ctx.iso(page.updated_at),
            **ctx.moderation(page),
            "rights": page.rights_for_archive(),
            "archived_at": ctx.iso(page.archived_at) if page.archived_at else None,
            "revisions": revisions.get(page.pk, []),
        }
        for page in pages
    ]


def import_(ctx, data: list[dict]) -> None:
    pages = {}
    for entry in data:
        page = Page.objects.create(
            project=ctx.project,
            position=entry["position"],
            title=entry["title"],
            body=sanitise_html(entry["body"]),
            version=entry["version"],
            author=ctx.user(entry["author"]),
            updated_by=ctx.user(entry["updated_by"]),
            **ctx.moderation(entry),
            **Page.rights_from_archive(entry.get("rights")),
        )
        pages[entry["ref"]] = page
        for item in entry["revisions"]:
            revision = Revision.objects.create(
                page=page,
                number=item["number"],
                title=item["title"],
                body=sanitise_html(item["body"]),
                author=ctx.user(item["author"]),
                restored_from=item["restored_from"],
            )
            ctx.keep_times(revision, created_at=item["created_at"])
    # Parents once every page exists (a page may have moved under a younger one).
    for entry in data:
        page = pages[entry["ref"]]
        Page.objects.filter(pk=page.pk).update(parent=pages.get(entry["parent"]))
        ctx.keep_times(
            page,
            created_at=entry["created_at"],
            updated_at=entry["updated_at"],
            archived_at=entry.get("archived_at"),
        )


def register(registry) -> None:
    registry.register_part(
        "wiki", export=export, import_=import_, order=20, models=["wiki.Page", "wiki.Revision"]
    )
