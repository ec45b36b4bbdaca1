"""An idle WebSocket stays open on the Redis channel layer (issue 13, H1).

redis-py 8 gives every connection a 5 s socket timeout by default, shorter than
channels-redis' blocking receive: each idle consumer then died with
TimeoutError every few seconds. The layer's hosts now carry a socket timeout
longer than that blocking receive (settings.CHANNEL_LAYERS).
"""

import time

import pytest

from jumelage.realtime.publish import send_now
from jumelage.realtime.registry import user_group
from jumelage.testing import make_teacher

from .client import open_socket, receive_until

pytestmark = pytest.mark.services

IDLE_SECONDS = 12  # well past the 5 s that used to kill the receive


def test_an_idle_socket_stays_open_and_still_receives_on_the_redis_layer(redis_url, live_asgi):
    from channels.layers import get_channel_layer

    assert type(get_channel_layer()).__name__ == "BatchedRedisChannelLayer"
    teacher = make_teacher()
    with open_socket(live_asgi, "/ws/me/", teacher) as socket:
        receive_until(socket, "notifications.unread")
        time.sleep(IDLE_SECONDS)  # no traffic at all
        send_now(user_group(teacher.pk), {"type": "notifications.unread", "count": 42})
        frame = receive_until(socket, "notifications.unread")
        assert frame == {"type": "notifications.unread", "count": 42}
