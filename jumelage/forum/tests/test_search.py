import pytest

from jumelage import testing
from jumelage.forum import services
from jumelage.forum.search import search_forum
from jumelage.forum.space import latest_forum_activity
from jumelage.projects.access import access_for

from .helpers import reply, start_topic

pytestmark = pytest.mark.django_db


def test_forum_search_finds_what_the_user_may_see_only():
    project = testing.make_project()
    teacher = project.created_by
    pupil = testing.make_pupil(project)
    topic = start_topic(project, teacher, "Volcanoes", "<p>Etna <b>erupts</b></p>")
    reply(topic, teacher, "<p>The volcano Stromboli</p>")
    reply(topic, testing.make_pupil(project), "<p>volcano secret pending</p>")
    titles = search_forum(access_for(pupil, project), "volcano")
    assert ("Volcanoes", services.topic_url(topic), "Etna erupts") in titles
    assert any("Stromboli" in snippet for _, _, snippet in titles)
    assert not any("pending" in snippet for _, _, snippet in titles)
    assert any(
        "pending" in snippet
        for _, _, snippet in search_forum(access_for(teacher, project), "volcano")
    )
    outsider = testing.make_project().created_by
    assert search_forum(access_for(outsider, project), "volcano") == []


def test_latest_forum_activity_shows_only_what_the_user_may_see():
    project = testing.make_project()
    teacher = project.created_by
    pupil = testing.make_pupil(project)
    topic = start_topic(project, teacher, "Volcanoes", "<p>x</p>")
    reply(topic, teacher, "<p>visible</p>")
    reply(topic, testing.make_pupil(project), "<p>pending</p>")
    entries = latest_forum_activity(access_for(pupil, project), 10)
    assert [e.text for e in entries].count("Reply in “Volcanoes”") == 1
    assert "New topic: Volcanoes" in [e.text for e in entries]
    assert len(latest_forum_activity(access_for(teacher, project), 10)) == 3
    assert latest_forum_activity(access_for(testing.make_project().created_by, project), 10) == []


def test_latest_replies_are_the_newest_of_the_project_and_never_another_projects():
    """The panel reads replies by their project copy (one index range, not every topic)."""
    project, other = testing.make_project(), testing.make_project()
    teacher = project.created_by
    old = start_topic(project, teacher, "Old topic", "<p>x</p>")
    for n in range(4):
        reply(old, teacher, f"<p>{n}</p>")
    recent = start_topic(project, teacher, "Recent topic", "<p>x</p>")
    reply(recent, teacher, "<p>newest</p>")
    reply(
        start_topic(other, other.created_by, "Elsewhere", "<p>x</p>"), other.created_by, "<p>y</p>"
    )
    entries = latest_forum_activity(access_for(teacher, project), 3)
    assert [e.text for e in entries][:2] == ["Reply in “Recent topic”", "New topic: Recent topic"]
    assert not any("Elsewhere" in e.text for e in entries)
    assert {p.project_id for p in old.posts.all()} == {project.pk}
