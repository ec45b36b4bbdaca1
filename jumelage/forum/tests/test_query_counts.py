"""The forum's pages cost the same number of queries with 10 or 50 items."""

import pytest

from jumelage import testing
from jumelage.forum import services
from jumelage.projects.access import access_for

from .helpers import reply, start_topic, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [2, 10])
@pytest.mark.parametrize("who", ["teacher", "pupil"])
def test_a_topic_costs_the_same_with_more_replies(
    client, project, teacher, pupil, topic, rows, who, django_assert_num_queries
):
    for n in range(rows):
        reply(topic, teacher, f"<p>reply {n}</p>")
        reply(topic, testing.make_pupil(project), f"<p>pupil {n}</p>")
    client.force_login(teacher if who == "teacher" else pupil)
    with django_assert_num_queries(QUERIES["topic_detail"]):
        response = client.get(url("topic_detail", project.pk, topic.pk))
    assert response.content.decode().count("reply ") >= rows


# Before issue 15: topic list 9, topic page 10 (docs/parts/space.md).
# Categories (issue 19): the topic list reads the categories the reader may view (+1).
QUERIES = {"topic_list": 6, "topic_detail": 7}  # 7: the count of the replies (paged)


@pytest.mark.parametrize("rows", [10, 50])
def test_the_founders_topic_list_costs_the_same_with_10_or_50_topics(
    client, project, teacher, rows, django_assert_num_queries
):
    pupil = testing.make_pupil(project)
    for n in range(rows):
        topic = start_topic(project, teacher, f"Topic {n}", "<p>x</p>")
        reply(topic, pupil, "<p>y</p>")
        reply(topic, teacher, "<p>z</p>")
    client.force_login(teacher)
    with django_assert_num_queries(QUERIES["topic_list"]):
        response = client.get(url("topic_list", project.pk))
    assert response.status_code == 200
    assert response.content.decode().count("Topic ") >= min(rows, 30)


@pytest.mark.parametrize("rows", [10, 50])
@pytest.mark.parametrize("who", ["teacher", "pupil"])
def test_the_topic_list_with_categories_costs_the_same_with_10_or_50_topics(
    client, project, teacher, rows, who, django_assert_num_queries
):
    pupil = testing.make_pupil(project)
    access = access_for(teacher, project)
    open_one = services.save_category(access, "Open")
    closed = services.save_category(access, "Teachers only")
    services.set_category_rights(access, closed, {"pupils_view": False, "pupil_admins_view": False})
    for n in range(rows):
        category = (None, open_one, closed)[n % 3]
        topic = start_topic(project, teacher, f"Topic {n}", "<p>x</p>", category=category)
        reply(topic, teacher, "<p>z</p>")
    client.force_login(teacher if who == "teacher" else pupil)
    with django_assert_num_queries(QUERIES["topic_list"]):
        response = client.get(url("topic_list", project.pk))
    assert response.status_code == 200
    assert ("Teachers only" in response.content.decode()) == (who == "teacher")
    with django_assert_num_queries(QUERIES["topic_list"]):
        response = client.get(url("topic_list", project.pk) + f"?category={open_one.pk}")
    assert response.status_code == 200
