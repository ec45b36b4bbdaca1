"""Writing calendars: events, a person's time zone, feed secrets. One transaction each."""

from django.db import transaction
from django.utils import timezone

from jumelage.audit.services import record

from .models import Event, FeedToken, UserCalendarSettings, new_token


@transaction.atomic
def create_event(actor, project, fields: dict) -> Event:
    """`project` is the space: a Project, or a group (groups.Group), named by its model."""
    return Event.objects.create(**{project._meta.model_name: project}, created_by=actor, **fields)


@transaction.atomic
def update_event(actor, event, fields: dict) -> Event:
    for name, value in fields.items():
        setattr(event, name, value)
    event.sequence += 1
    event.updated_at = timezone.now()
    event.save()
    return event


@transaction.atomic
def delete_event(actor, event) -> None:
    record(actor, "calendar.event_deleted", event, project=event.project, title=event.title)
    event.delete()


@transaction.atomic
def set_timezone(user, name: str) -> None:
    UserCalendarSettings.objects.update_or_create(user=user, defaults={"timezone": name})


def _feed_space(space) -> dict:
    """Which feed: a project's, a group's (groups.Group, named by its model), or None:
    the person's own feed of all their projects."""
    fields = {"project": None, "group": None}
    if space is not None:
        fields[space._meta.model_name] = space
    return fields


def feed_token(user, project=None) -> FeedToken | None:
    """`project`: the space (a Project or a group), or None for the personal feed."""
    return FeedToken.objects.filter(user=user, **_feed_space(project)).first()


@transaction.atomic
def regenerate_feed(user, project=None) -> FeedToken:
    """A new secret; the old URL stops working at once."""
    token, created = FeedToken.objects.select_for_update().get_or_create(
        user=user, **_feed_space(project)
    )
    if not created:
        token.token = new_token()
        token.created_at = timezone.now()
        token.save(update_fields=["token", "created_at"])
    return token


@transaction.atomic
def revoke_feed(user, project=None) -> None:
    FeedToken.objects.filter(user=user, **_feed_space(project)).delete()
