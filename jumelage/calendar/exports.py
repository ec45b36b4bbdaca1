"""The events a person created, their calendar settings and feed links, in their data export."""

from jumelage.core.exports import iso, register_export

from .models import Event, FeedToken, UserCalendarSettings


@register_export("calendar", order=62, models=[Event, UserCalendarSettings, FeedToken])
def calendar(user) -> dict:
    events = (
        Event.objects.filter(created_by=user)
        .select_related("project", "group")
        .order_by("starts_at")
    )
    settings = UserCalendarSettings.objects.filter(user=user).first()
    feeds = FeedToken.objects.filter(user=user).select_related("project", "group").order_by("id")
    return {
        "events_created": [
            {
                "project": e.project.title if e.project else None,
                "group": e.group.name if e.group else None,
                "title": e.title,
                "description": e.description,
                "starts_at": iso(e.starts_at),
                "ends_at": iso(e.ends_at),
                "timezone": e.timezone,
                "place": e.place,
                "created_at": iso(e.created_at),
            }
            for e in events
        ],
        "timezone": settings.timezone if settings else None,
        # The feed's secret stays out of a file that may be stored anywhere.
        "feeds": [
            {
                "project": f.project.title if f.project else None,
                "group": f.group.name if f.group else None,
                "created_at": iso(f.created_at),
            }
            for f in feeds
        ],
    }
