"""The bulletin board's notes in a project archive; reports stay behind."""

from .models import BulletinNote


def export(ctx) -> list[dict]:
    return [
        {
            "author": ctx.person(note.author_id),
            "body": note.body,
            "created_at": ctx.iso(note.created_at),
        }
        for note in BulletinNote.objects.filter(project=ctx.project).order_by("id")
    ]


def import_(ctx, data: list[dict]) -> None:
    for entry in data:
        note = BulletinNote.objects.create(
            project=ctx.project, author=ctx.user(entry["author"]), body=entry["body"]
        )
        ctx.keep_times(note, created_at=entry["created_at"])


def register(registry) -> None:
    registry.register_part(
        "bulletin", export=export, import_=import_, order=10, models=["twinspace.BulletinNote"]
    )
    registry.exclude_model(
        "twinspace.Report",
        "Reports name who reported what: a moderation matter of the source instance.",
    )
