"""The calendar's events in a project archive."""

from .models import Event

FIELDS = ("title", "description", "timezone", "place", "online_url", "sequence")


def export(ctx) -> list[dict]:
    return [
        {
            **{name: getattr(event, name) for name in FIELDS},
            "starts_at": ctx.iso(event.starts_at),
            "ends_at": ctx.iso(event.ends_at),
            "created_by": ctx.person(event.created_by_id),
            "created_at": ctx.iso(event.created_at),
            "updated_at": ctx.iso(event.updated_at),
        }
        for event in Event.objects.filter(project=ctx.project).order_by("id")
    ]


def import_(ctx, data: list[dict]) -> None:
    for entry in data:
        event = Event.objects.create(
            project=ctx.project,
            **{name: entry[name] for name in FIELDS},
            starts_at=ctx.when(entry["starts_at"]),
            ends_at=ctx.when(entry["ends_at"]),
            created_by=ctx.user(entry["created_by"]),
            updated_at=ctx.when(entry["updated_at"]),
        )
        ctx.keep_times(event, created_at=entry["created_at"])


def register(registry) -> None:
    registry.register_part(
        "calendar", export=export, import_=import_, order=50, models=["calendar.Event"]
    )
    registry.exclude_model(
        "calendar.FeedToken", "A secret feed address of one person; a new one is made on demand."
    )
