"""Every chat and notifications page, with hostile values in every parameter: never a 5xx.

Runs on both passes (SQLite and PostgreSQL, which refuses NUL bytes and
out-of-range integers where SQLite does not).
"""

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.chat.models import Message, Room
from jumelage.testing import make_project, make_pupil

pytestmark = pytest.mark.django_db

HOSTILE = [
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "99999999999999999999999",
    str(2**63),
    "1e308",
    "NaN",
    "²",
    "9999-12-31",
    "0001-01-01T00:00",
    '" OR 1=1 --',
    "x" * 1_000_000,
    "\udcff",
]
FIELDS = ["before", "page", "q", "user", "action", "body", "client_id", "name", "members", "reason"]


@pytest.fixture
def pages():
    project = make_project(pupils_need_approval=False)
    teacher = project.memberships.filter(is_founder=True).first().user
    room = Room.objects.create(project=project, kind="general")
    message = Message.objects.create(room=room, author=make_pupil(project), body="b", client_id="c")
    p, r, m = project.pk, room.pk, message.pk
    return teacher, [
        reverse("chat:index", args=[p]),
        reverse("chat:create", args=[p]),
        reverse("chat:room", args=[p, r]),
        reverse("chat:older", args=[p, r]),
        reverse("chat:send", args=[p, r]),
        reverse("chat:close", args=[p, r]),
        reverse("chat:mute", args=[p, r]),
        reverse("chat:delete", args=[p, m]),
        reverse("chat:approve", args=[p, m]),
        reverse("chat:report", args=[p, m]),
        reverse("notifications:list"),
        reverse("notifications:read", args=[1]),
        reverse("notifications:read_all"),
        reverse("notifications:preferences"),
    ]


def _safe(value: str) -> str:
    """A lone surrogate cannot even be encoded into a request: send its UTF-8 bytes' escape."""
    return value.encode("utf-8", "surrogatepass").decode("latin-1") if "\udcff" in value else value


def test_no_hostile_value_in_any_parameter_gives_a_server_error(pages):
    teacher, urls = pages
    client = Client(raise_request_exception=False)
    client.force_login(teacher)
    failures = []
    for url in urls:
        for raw in HOSTILE:
            value = _safe(raw)
            data = dict.fromkeys(FIELDS, value)
            for method in ("get", "post"):
                response = getattr(client, method)(url, data)
                if response.status_code >= 500:
                    failures.append((method, url, raw[:20], response.status_code))
    assert failures == []
