"""Chat rooms of a TwinSpace and their messages."""

from django.conf import settings
from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

from jumelage.twinspace.models import ModeratedContent

MAX_BODY = 2000


class Room(models.Model):
    """General (every member), teachers-only, or a breakout room for chosen pupils.

    Breakout rooms gather pupils from several schools into a transnational group;
    the project's teachers see every room.
    """

    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        TEACHERS = "teachers", _("Teachers only")
        BREAKOUT = "breakout", _("Breakout group")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="chat_rooms"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=80, blank=True)
    pupils_need_approval = models.BooleanField(
        _("pupils' messages wait for a teacher's approval"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The sequence number of the room's latest message change (see Message.seq).
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["project", "kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"],
                condition=models.Q(kind__in=["general", "teachers"]),
                name="chat_one_general_and_teachers_room",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["general", "teachers", "breakout"]),
                name="chat_room_kind_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="breakout") | ~models.Q(name=""),
                name="chat_breakout_has_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.get_kind_display())

    @property
    def label(self) -> str:
        return self.name if self.kind == self.Kind.BREAKOUT else str(self.get_kind_display())

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class RoomMember(models.Model):
    """A pupil (or teacher) invited into a breakout room."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "user"], name="chat_room_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.room}"


class Mute(models.Model):
    """A teacher silenced this member in this room."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="chat_mute_once")]

    def __str__(self) -> str:
        return f"{self.user} muted in {self.room}"


def take_seq(room_id: int, *, writer_id: int | None = None) -> int | None:
    """Bump the room's change number and return it, in ONE query (UPDATE ... RETURNING).

    The row stays locked until the transaction commits, so changes commit in
    number order. With `writer_id`, only while the room is open and that user is
    not muted in it: None otherwise (the state check costs no extra query).
    """
    sql = f"UPDATE {Room._meta.db_table} SET last_seq = last_seq + 1 WHERE id = %s"  # noqa: S608 - table names from the models
    params: list = [room_id]
    if writer_id is not None:
        sql += (
            f" AND closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM {Mute._meta.db_table}"  # noqa: S608
            " WHERE room_id = %s AND user_id = %s)"
        )
        params += [room_id, writer_id]
    with connection.cursor() as cursor:
        cursor.execute(sql + " RETURNING last_seq", params)
        row = cursor.fetchone()
    return row[0] if row else None


class MessageQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Number bulk-created messages too (demo data, imports): one lock per room."""
        objs = list(objs)
        with transaction.atomic():
            for room_id in sorted({m.room_id for m in objs}):
                batch = [m for m in objs if m.room_id == room_id]
                rooms = Room.objects.filter(pk=room_id)
                rooms.update(last_seq=models.F("last_seq") + len(batch))
                last = rooms.values_list("last_seq", flat=True).get()
                for offset, message in enumerate(batch):
                    message.seq = last - len(batch) + 1 + offset
            return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        """Refused: a change that skips save() would skip its number and clients would miss it."""
        raise NotImplementedError("Save chat messages one by one (Message.save numbers changes).")


class Message(ModeratedContent):
    """A chat message; (room, author, client_id) is unique so a resent frame is stored once.

    `seq` is the resume cursor. Every save (post, approve, hide, restore, delete,
    edit, from whatever app) takes the room's next number while holding the
    room's row lock until commit, so changes commit in `seq` order: once a client
    has seen every change up to N, nothing numbered N or below can still appear.
    Ids give no such promise (two senders may commit ids 8 then 7), which is why
    resuming "after the highest id" lost messages. A message keeps only its latest
    number, so a resume replays each changed message once, in its current state.
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=MAX_BODY)
    client_id = models.CharField(max_length=64)
    seq = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The message's outbox entry, written by the same INSERT: work after the post (mentions
    # to notify, teachers to tell) is still to do. tasks.follow_up does it and clears the
    # flag in one transaction; tasks.sweep_follow_ups retries what a lost task left.
    follow_up = models.BooleanField(default=False, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "author", "client_id"], name="chat_message_client_id_once"
            ),
            models.UniqueConstraint(fields=["room", "seq"], name="chat_message_seq_once"),
        ]
        indexes = [
            models.Index(fields=["room", "id"]),
            # The sweep's rows only (a handful among millions): a read a minute, no scan.
            models.Index(
                fields=["created_at"],
                condition=models.Q(follow_up=True),
                name="chat_message_follow_up",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:50]

    def save(self, *args, seq: int | None = None, **kwargs):
        """Take the room's next change number under its row lock; announce the change on commit.

        `seq`: the number the caller already took with `take_seq` in this transaction.
        """
        with transaction.atomic(savepoint=False):
            self.seq = seq if seq is not None else take_seq(self.room_id)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "seq"}
            super().save(*args, **kwargs)
            from .services import announce

            announce(self)
