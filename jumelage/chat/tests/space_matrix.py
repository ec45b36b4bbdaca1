"""Chat URLs in the TwinSpace permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.testing import make_pupil
from jumelage.testing.matrix import CONTRIBUTORS, MEMBERS, TEACHERS, Case


def setup(world):
    from jumelage.chat.models import Message, Room

    room = Room.objects.create(project=world.project, kind="general")
    author = make_pupil(world.project)
    message = Message.objects.create(room=room, author=author, body="Salut", client_id="m")
    return {"room_id": room.pk, "message_id": message.pk, "before": message.pk + 1}


CASES = [
    Case("chat:index", "GET", allowed=MEMBERS),
    Case(
        "chat:create",
        "POST",
        allowed=TEACHERS,
        data=lambda world, objects: {"name": "Groupe", "members": [world.users["pupil"].pk]},
    ),
    Case("chat:room", "GET", kwargs=("room_id",), allowed=MEMBERS),
    Case("chat:older", "GET", kwargs=("room_id",), allowed=MEMBERS),
    Case(
        "chat:send",
        "POST",
        kwargs=("room_id",),
        allowed=CONTRIBUTORS,
        data={"body": "Bonjour", "client_id": "matrix"},
    ),
    Case("chat:close", "POST", kwargs=("room_id",), allowed=TEACHERS, data={"action": "close"}),
    Case(
        "chat:mute",
        "POST",
        kwargs=("room_id",),
        allowed=TEACHERS,
        data=lambda world, objects: {"user": world.users["pupil"].pk},
    ),
    Case("chat:delete", "POST", kwargs=("message_id",), allowed=TEACHERS),
    Case("chat:approve", "POST", kwargs=("message_id",), allowed=TEACHERS),
    Case("chat:report", "POST", kwargs=("message_id",), allowed=MEMBERS, data={"reason": "rude"}),
]
