"""A long topic shows its replies a page at a time; a link to a reply opens its page."""

import pytest

from jumelage.forum import services
from jumelage.forum.views import REPLIES_PER_PAGE

from .helpers import reply, url

pytestmark = pytest.mark.django_db


def test_a_long_topic_is_paged_and_a_link_to_a_reply_finds_its_page(
    client, project, teacher, topic
):
    replies = [
        reply(topic, teacher, f"<p>answer number {n}.</p>") for n in range(REPLIES_PER_PAGE + 5)
    ]
    client.force_login(teacher)
    first = client.get(url("topic_detail", project.pk, topic.pk)).text
    assert "answer number 0." in first and f"answer number {REPLIES_PER_PAGE}." not in first
    assert f"{REPLIES_PER_PAGE + 5} replies" in first and "Page 1 of 2" in first
    second = client.get(url("topic_detail", project.pk, topic.pk) + "?page=2").text
    assert f"answer number {REPLIES_PER_PAGE + 4}." in second and "answer number 0." not in second
    # The link a notification or a search result gives opens the reply's page.
    last = services.topic_url(topic, replies[-1])
    assert "?post=" in last
    html = client.get(last).text
    assert f'id="post-{replies[-1].pk}"' in html and "Page 2 of 2" in html
    html = client.get(services.topic_url(topic, replies[3])).text
    assert f'id="post-{replies[3].pk}"' in html and "Page 1 of 2" in html
    # A reply that does not exist (or is not visible) opens the first page, never an error.
    assert client.get(url("topic_detail", project.pk, topic.pk) + "?post=999999").status_code == 200
    assert client.get(url("topic_detail", project.pk, topic.pk) + "?page=zzz").status_code == 200


def test_after_replying_the_author_lands_on_the_page_of_their_reply(
    client, project, teacher, topic
):
    for n in range(REPLIES_PER_PAGE + 1):
        reply(topic, teacher, f"<p>r{n}</p>")
    client.force_login(teacher)
    response = client.post(
        url("reply", project.pk, topic.pk), {"body": "<p>my last word</p>"}, follow=True
    )
    assert "my last word" in response.text and "Page 2 of 2" in response.text
