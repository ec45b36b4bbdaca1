"""Chat writes: one transaction each; live events go out once the transaction commits."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from jumelage.audit.services import record
from jumelage.projects.models import Visibility
from jumelage.realtime.publish import send_on_commit
from jumelage.twinspace import services as twinspace_services

from . import policies
from .models import Message, Mute, Room, RoomMember

HISTORY_SIZE = 50


def room_group(room_id: int) -> str:
    return f"chat.room.{room_id}"


def broadcast(room_id: int, event: dict) -> None:
    """Send a group event to everyone in the room, on every server process, after commit."""
    send_on_commit(room_group(room_id), event)


def serialise(message: Message) -> dict:
    return {
        "id": message.pk,
        "seq": message.seq,
        "room": message.room_id,
        "author_id": message.author_id,
        "author": str(message.author) if message.author else "",
        "body": message.body,
        "client_id": message.client_id,
        "created_at": message.created_at.isoformat(),
        "visibility": message.visibility,
        "deleted": message.deleted_at is not None,
    }


def visible_to(message: dict, user_id: int, moderator: bool) -> bool:
    """policies.can_see_message for a serialised message (what a live event carries)."""
    if message["deleted"]:
        return False
    if message["visibility"] == Visibility.PUBLISHED:
        return True
    return message["visibility"] == Visibility.PENDING and (
        moderator or message["author_id"] == user_id
    )


def announce(message: Message) -> None:
    """Every change of a message goes to the room once committed, with its sequence number.

    Each connection forwards it as the message, or as a removal when its user
    may not (or may no longer) see it, so every client sees every number.
    """
    broadcast(message.room_id, {"type": "chat.message", "message": serialise(message)})


def cursor(room: Room) -> int:
    """The room's latest committed change number."""
    return Room.objects.filter(pk=room.pk).values_list("last_seq", flat=True).get()


def changes(room: Room, since: int, limit: int = HISTORY_SIZE * 4):
    """(messages changed after `since` in their current state, new cursor, has_more).

    The ceiling is read first: every change numbered up to it has committed
    (numbers are taken under the room lock), so nothing below the returned
    cursor can turn up later.
    """
    ceiling = cursor(room)
    rows = list(
        Message.objects.filter(room=room, seq__gt=since, seq__lte=ceiling)
        .select_related("author")
        .order_by("seq")[: limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].seq if has_more else ceiling), has_more


def ensure_rooms(project) -> None:
    """Every project has a general and a teachers-only room."""
    for kind in (Room.Kind.GENERAL, Room.Kind.TEACHERS):
        if not Room.objects.filter(project=project, kind=kind).exists():
            try:
                with transaction.atomic():
                    Room.objects.create(project=project, kind=kind)
            except IntegrityError:  # created meanwhile by another request
                pass


def visible_rooms(user, project) -> list[Room]:
    ensure_rooms(project)
    rooms = Room.objects.filter(project=project).select_related("project")
    if not policies.can_create_room(user, project) and not _is_teacher(user, project):
        rooms = rooms.filter(
            Q(kind=Room.Kind.GENERAL) | Q(kind=Room.Kind.BREAKOUT, members__user=user)
        )
    return list(rooms.distinct())


def _is_teacher(user, project) -> bool:
    from jumelage.projects.policies import is_project_teacher

    return is_project_teacher(user, project)


def visible_messages(user, room: Room, moderator: bool):
    rows = Message.objects.filter(room=room, deleted_at__isnull=True).select_related("author")
    if moderator:
        return rows.exclude(visibility=Visibility.HIDDEN)
    return rows.filter(Q(visibility=Visibility.PUBLISHED) | Q(author=user, visibility="pending"))


def history(user, room, moderator, *, before=None, limit=HISTORY_SIZE):
    """(messages oldest first, has_more): the latest, or those older than `before`.

    What a client missed while away comes from `changes`, not from here.
    """
    rows = visible_messages(user, room, moderator)
    if before is not None:
        rows = rows.filter(id__lt=before)
    chunk = list(rows.order_by("-id")[: limit + 1])
    has_more = len(chunk) > limit
    return list(reversed(chunk[:limit])), has_more


def post_message(user, room: Room, body: str, client_id: str) -> tuple[Message, bool]:
    """Store a message once per client id; returns (message, created). Caller checked can_post."""
    existing = Message.objects.filter(room=room, author=user, client_id=client_id).first()
    if existing is not None:
        return existing, False
    visibility = twinspace_services.initial_visibility(user, room.project)
    if policies.needs_approval(user, room):
        visibility = Visibility.PENDING
    try:
        with transaction.atomic():
            message = Message.objects.create(
                room=room, author=user, body=body, client_id=client_id, visibility=visibility
            )
            if visibility == Visibility.PUBLISHED:
                notify_mentions(message)
    except IntegrityError:
        return Message.objects.get(room=room, author=user, client_id=client_id), False
    return message, True


def notify_mentions(message: Message) -> int:
    """Tell each member of the room written to as "@Name" (in-app, and email by choice)."""
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext

    from jumelage.notifications.services import notify
    from jumelage.projects.models import Membership

    if "@" not in message.body:
        return 0
    room = message.room
    members = (
        Membership.objects.filter(project_id=room.project_id)
        .exclude(user_id=message.author_id)
        .select_related("user")
    )
    url = reverse("chat:room", args=[room.project_id, room.pk])
    told = 0
    for membership in members:
        user = membership.user
        if f"@{user.display_name}" not in message.body or not policies.can_view_room(user, room):
            continue
        with translation.override(user.language):
            title = gettext("%(name)s mentioned you in the chat: %(room)s") % {
                "name": message.author,
                "room": room.label,
            }
        notify(
            user,
            "mention",
            title,
            url,
            email_template="chat/email/mention",
            context={"author": str(message.author), "room": room.label, "body": message.body},
        )
        told += 1
    return told


@transaction.atomic
def delete_message(actor, message: Message) -> None:
    message.deleted_at = timezone.now()
    message.deleted_by = actor
    message.save(update_fields=["deleted_at", "deleted_by"])
    record(actor, "chat.delete", message, project=message.room.project, room=message.room_id)


@transaction.atomic
def approve_message(actor, message: Message) -> None:
    twinspace_services.set_visibility(actor, message.room.project, message, Visibility.PUBLISHED)
    notify_mentions(message)


@transaction.atomic
def report_message(reporter, message: Message, reason: str = ""):
    return twinspace_services.report(reporter, message.room.project, message, reason)


@transaction.atomic
def mute(actor, room: Room, user) -> None:
    Mute.objects.get_or_create(room=room, user=user, defaults={"muted_by": actor})
    record(actor, "chat.mute", room, subject_user=user, project=room.project)
    broadcast(room.pk, {"type": "chat.muted", "room": room.pk, "user_id": user.pk, "muted": True})


@transaction.atomic
def unmute(actor, room: Room, user) -> None:
    Mute.objects.filter(room=room, user=user).delete()
    record(actor, "chat.unmute", room, subject_user=user, project=room.project)
    broadcast(room.pk, {"type": "chat.muted", "room": room.pk, "user_id": user.pk, "muted": False})


@transaction.atomic
def close_room(actor, room: Room) -> None:
    room.closed_at = timezone.now()
    room.save(update_fields=["closed_at"])
    record(actor, "chat.close", room, project=room.project)
    broadcast(room.pk, {"type": "chat.closed", "room": room.pk, "closed": True})


@transaction.atomic
def reopen_room(actor, room: Room) -> None:
    room.closed_at = None
    room.save(update_fields=["closed_at"])
    record(actor, "chat.reopen", room, project=room.project)
    broadcast(room.pk, {"type": "chat.closed", "room": room.pk, "closed": False})


@transaction.atomic
def create_breakout(actor, project, name: str, members, pupils_need_approval=False) -> Room:
    room = Room.objects.create(
        project=project,
        kind=Room.Kind.BREAKOUT,
        name=name,
        created_by=actor,
        pupils_need_approval=pupils_need_approval,
    )
    RoomMember.objects.bulk_create([RoomMember(room=room, user=user) for user in members])
    record(actor, "chat.breakout", room, project=project, members=[u.pk for u in members])
    return room
