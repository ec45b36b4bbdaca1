"""The founder's "Messages" page costs the same with 10 or 50 conversations."""

import pytest
from django.urls import reverse

from jumelage.messaging import services
from jumelage.testing import make_teacher

pytestmark = pytest.mark.django_db

# Before issue 15: 4 (a verified teacher's inbox, second visit); see docs/parts/space.md.
QUERIES_INBOX = 4


@pytest.mark.parametrize("count", [10, 50])
def test_the_founders_inbox_costs_the_same_with_10_or_50_conversations(
    client, world, count, django_assert_num_queries
):
    founder = world.users["admin"]
    colleague, pupil = world.users["teacher"], world.users["pupil"]
    for i in range(count):
        writer = (colleague, pupil, make_teacher("DE"))[i % 3]
        thread = services.start_thread(writer, founder, f"Subject {i}", "<p>b</p>")
        if i % 2:
            services.reply(founder, thread, "answer")
    client.force_login(founder)
    client.get(reverse("messaging:inbox"))
    with django_assert_num_queries(QUERIES_INBOX):
        response = client.get(reverse("messaging:inbox"))
    assert response.content.decode().count("Subject ") >= min(count, 30)
