"""TwinMail in the permission matrix (see jumelage/testing/matrix.py).

The thread is the project pupil's conversation with their teacher: its two
participants read it, the project's teachers supervise it.
"""

from jumelage.messaging import services
from jumelage.testing.matrix import ADMINS, SIGNED_IN, TEACHERS, Case


def setup(world):
    thread = services.start_thread(
        world.users["pupil"], world.users["admin"], "Question", "Hello", project=world.project
    )
    return {"thread_id": thread.pk}


CASES = [
    Case("messaging:inbox", "GET", allowed=SIGNED_IN),
    Case("messaging:compose", "GET", allowed=SIGNED_IN),
    Case("messaging:compose", "POST", allowed=SIGNED_IN),
    Case("messaging:thread", "GET", kwargs=("thread_id",), allowed=ADMINS | {"pupil"}),
    Case(
        "messaging:reply",
        "POST",
        kwargs=("thread_id",),
        allowed=ADMINS | {"pupil"},
        data={"body": "Thanks"},
    ),
    Case("messaging:supervision", "GET", allowed=TEACHERS),
    Case("messaging:supervised_thread", "GET", kwargs=("thread_id",), allowed=TEACHERS),
]
