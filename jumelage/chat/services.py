"""Chat writes: one transaction each; live events go out once the transaction commits.

The service contract: views and the WebSocket resolve the access once (they
refuse who may not); services check the state of things (room closed, writer
muted) and raise Refused; they never ask again who the user is in the project.
"""

import uuid
from types import SimpleNamespace

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jumelage.accounts.models import name_columns
from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.core.moments import clock
from jumelage.core.prepared import PreparedShapes
from jumelage.core.reversing import ROW, row_url
from jumelage.notifications.services import notify
from jumelage.projects.access import ProjectAccess
from jumelage.projects.models import Membership, Visibility
from jumelage.realtime.publish import send_on_commit
from jumelage.twinspace import services as twinspace_services

from . import policies
from .forms import MessageForm, ReportForm
from .models import Message, Mute, Room, RoomMember, take_seq

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


def visible_to(message: dict, access) -> bool:
    """policies.can_see_message for a serialised message (what a live event carries)."""
    return not message["deleted"] and access.can_see(
        SimpleNamespace(visibility=message["visibility"], author_id=message["author_id"])
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
    """Every project has a general and a teachers-only room (created when it is activated)."""
    for kind in (Room.Kind.GENERAL, Room.Kind.TEACHERS):
        if not Room.objects.filter(project=project, kind=kind).exists():
            try:
                with transaction.atomic():
                    Room.objects.create(project=project, kind=kind)
            except IntegrityError:  # created meanwhile by another request
                pass


def on_project_activated(sender, project, **kwargs):
    ensure_rooms(project)


def visible_rooms(access) -> list[Room]:
    """The rooms of the project this access may enter (one query; writes nothing)."""
    rooms = Room.objects.filter(project=access.project).filter(policies.visible_rooms(access))
    rooms = list(rooms.distinct().order_by("kind", "pk"))
    for room in rooms:
        room.project = access.project
    return rooms


def visible_messages(access, room: Room):
    return Message.objects.filter(room=room).filter(policies.visible_messages(access))


# What a message shows (the page's rows, `serialise`) and its rules read: of 50 messages
# and their authors, only these columns are converted.
HISTORY_COLUMNS = (
    "id", "seq", "room_id", "author_id", "body", "client_id", "created_at", "visibility",
    "deleted_at",
    "author__id", *name_columns("author__"), "author__kind",
)  # fmt: skip
_HISTORY = PreparedShapes(
    lambda visible, older, room_id: (
        Message.objects.filter(room_id=room_id)
        .filter(visible)
        .filter(older)
        .select_related("author")
        .only(*HISTORY_COLUMNS)
        .order_by("-id")[: HISTORY_SIZE + 1]
    ),
    room_id=int,
)


def history(access, room, *, before=None):
    """(messages oldest first, has_more): the latest, or those older than `before`.

    What a client missed while away comes from `changes`, not from here. Prepared per
    shape of the reader's conditions (core.prepared.PreparedShapes).
    """
    older = Q(id__lt=before) if before is not None else Q()
    chunk = _HISTORY.list(
        {"visible": policies.visible_messages(access), "older": older}, room_id=room.pk
    )
    has_more = len(chunk) > HISTORY_SIZE
    messages = list(reversed(chunk[:HISTORY_SIZE]))
    _set_display_fields(room, messages)
    return messages, has_more


def _set_display_fields(room, messages) -> None:
    """Each message's approve/delete/report URLs for the history's rows (templatetags/
    chat.py), reversed once per history rather than three times per message (50 messages
    a page), and its time in the reader's zone, formatted once rather than by two date filters."""
    for action in ("approve", "delete", "report"):
        pattern = row_url(f"chat:{action}", room.project_id, ROW)
        for message in messages:
            setattr(message, f"{action}_url", pattern.format(message.pk))
    for message in messages:
        message.sent_iso, message.sent_clock = clock(message.created_at)


def room_context(request, room, before=None) -> dict:
    """What chat/_room.html needs; the meeting page shows the same room beside the video."""
    access = getattr(request, "access", None) or policies.access_of(request.user, room.project)
    cursor = room.last_seq  # loaded before the history: the live client resumes from here
    messages, has_more = history(access, room, before=before)
    return {
        "cursor": cursor,
        "project": room.project,
        "room": room,
        "history": messages,
        "has_more": has_more,
        "moderator": policies.can_moderate_room(access, room),
        "can_post": policies.can_post(access, room),
        "form": MessageForm(initial={"client_id": uuid.uuid4().hex}),
        "report_form": ReportForm(),
    }


def post_message(user, access, room: Room, body: str, client_id: str) -> Message:
    """Store a message once per client id: at most 3 queries (BEGIN on SQLite, the room's
    number with its state check, the INSERT), in one transaction.

    The caller checked the access (policies.can_write); the state (room open, the
    writer not muted) is checked here, in the UPDATE that takes the number. Raises
    Refused if the room is closed or the writer muted. A resent client id returns
    the message stored the first time.

    Nothing else runs on this path: mentions and the teachers' notice of a pending
    message are a Celery task (tasks.follow_up) queued after commit; the row's
    `follow_up` flag, stored by the same INSERT, is their outbox, so a task lost
    before it ran is done by the sweep (tasks.sweep_follow_ups).
    """
    visibility = (
        Visibility.PENDING if policies.needs_approval(access, room) else Visibility.PUBLISHED
    )
    follow_up = visibility == Visibility.PENDING or "@" in body
    try:
        with transaction.atomic():
            seq = take_seq(room.pk, writer_id=access.user_id)
            if seq is None:
                raise Refused(_("You cannot write in this room now."))
            message = Message(
                room=room,
                author=user,
                body=body,
                client_id=client_id,
                visibility=visibility,
                follow_up=follow_up,
            )
            message.save(seq=seq)
    except IntegrityError:
        return Message.objects.select_related("author").get(
            room=room, author=user, client_id=client_id
        )
    if follow_up:
        from . import tasks

        transaction.on_commit(lambda: tasks.follow_up.delay(message.pk))
    return message


def follow_up(message_id: int) -> bool:
    """The work a post left (see post_message), done once: False if none was left.

    The row is locked (others skip it) and the flag cleared in the same
    transaction as the notifications, so a retry never tells anyone twice.
    """
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("room__project", "author")
            .filter(pk=message_id, follow_up=True)
            .first()
        )
        if message is None:
            return False
        if message.deleted_at is None:
            if message.visibility == Visibility.PENDING:
                twinspace_services.tell_teachers_something_waits(message.room.project, message)
            elif message.visibility == Visibility.PUBLISHED:
                notify_mentions(message)
        # Not save(): clearing the bookkeeping flag is no change a client must see (no seq).
        models.QuerySet.update(Message.objects.filter(pk=message.pk), follow_up=False)
    return True


def notify_mentions(message: Message) -> int:
    """Tell each member of the room written to as "@Name" (in-app, and email by choice).

    Runs after the message is committed, off the posting path; one query finds
    the members named.
    """
    if "@" not in message.body:
        return 0
    room = message.room
    memberships = [
        m
        for m in Membership.objects.filter(project_id=room.project_id)
        .exclude(user_id=message.author_id)
        .select_related("user", "project")
        if f"@{m.user.display_name}" in message.body
    ]
    url = reverse("chat:room", args=[room.project_id, room.pk])
    told = 0
    for membership in memberships:
        user = membership.user
        access = ProjectAccess(membership.project, user.pk, membership)
        if not policies.can_view_room(access, room):
            continue
        with translation.override(user.reading_language):
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
def approve_message(access, message: Message) -> bool:
    """Publish a pending message; False if it was not waiting (nothing done)."""
    if message.visibility != Visibility.PENDING:
        return False
    twinspace_services.set_visibility(access, message, Visibility.PUBLISHED)
    transaction.on_commit(lambda: notify_mentions(message))
    return True


@transaction.atomic
def report_message(access, message: Message, reason: str = ""):
    return twinspace_services.report(access, message, reason)


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
