import pytest

from jumelage import testing
from jumelage.audit.models import AuditEntry
from jumelage.forum import services
from jumelage.forum.models import Follow, Post, Topic
from jumelage.notifications.models import Notification
from jumelage.projects.access import access_for
from jumelage.projects.models import Membership, Project
from jumelage.twinspace.models import Report

from .helpers import reply, start_topic, url

pytestmark = pytest.mark.django_db


def as_user(client, user):
    client.force_login(user)
    return client


def test_a_teacher_starts_a_topic_and_a_pupil_replies(client, project, teacher, pupil):
    as_user(client, teacher)
    response = client.post(
        url("topic_create", project.pk), {"title": "Our towns", "body": "<p>Describe it</p>"}
    )
    topic = Topic.objects.get()
    assert response.status_code == 302 and topic.visibility == "published"
    Project.objects.filter(pk=project.pk).update(pupils_need_approval=False)
    as_user(client, pupil)
    response = client.post(url("reply", project.pk, topic.pk), {"body": "<p>Lyon is big</p>"})
    assert response.status_code == 302
    page = client.get(url("topic_detail", project.pk, topic.pk)).content.decode()
    assert "Lyon is big" in page


def test_pupils_posts_wait_for_approval_and_only_teachers_and_author_see_them(
    client, project, teacher, pupil, topic, django_capture_on_commit_callbacks
):
    other_pupil = testing.make_pupil(project)
    guest = testing.add_member(project, role=Membership.Role.GUEST)
    as_user(client, pupil)
    client.post(url("reply", project.pk, topic.pk), {"body": "<p>Waiting reply</p>"})
    post = Post.objects.get()
    assert post.visibility == "pending"
    detail = url("topic_detail", project.pk, topic.pk)
    assert "Waiting reply" in client.get(detail).content.decode()  # the author sees it
    for user in (other_pupil, guest):
        assert "Waiting reply" not in as_user(client, user).get(detail).content.decode()
    listing = as_user(client, other_pupil).get(url("topic_list", project.pk)).content.decode()
    assert "<td>0</td>" in listing  # the pending reply is not counted for others
    # No notification before approval.
    assert not Notification.objects.filter(user=teacher).exists()
    as_user(client, teacher)
    assert "Waiting reply" in client.get(detail).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("post_moderate", project.pk, post.pk), {"visibility": "published"})
    assert "Waiting reply" in as_user(client, other_pupil).get(detail).content.decode()
    assert Notification.objects.filter(user=teacher, kind="activity").count() == 1
    assert AuditEntry.objects.filter(action="moderation.published").exists()


def test_a_pending_topic_is_not_found_by_other_pupils(client, project, pupil):
    topic = start_topic(project, pupil, "Mine", "<p>x</p>")
    assert topic.visibility == "pending"
    other = testing.make_pupil(project)
    assert as_user(client, other).get(url("topic_detail", project.pk, topic.pk)).status_code == 404
    assert as_user(client, pupil).get(url("topic_detail", project.pk, topic.pk)).status_code == 200


def test_hidden_content_is_hidden_from_pupils(client, project, teacher, pupil, topic):
    post = reply(topic, teacher, "<p>Oops wrong</p>")
    as_user(client, teacher).post(
        url("post_moderate", project.pk, post.pk), {"visibility": "hidden"}
    )
    detail = url("topic_detail", project.pk, topic.pk)
    assert "Oops wrong" not in as_user(client, pupil).get(detail).content.decode()
    assert "Oops wrong" in as_user(client, teacher).get(detail).content.decode()


def test_followers_are_notified_in_their_language(client, project, teacher, topic):
    colleague = testing.add_member(project)
    colleague.language = "fr"
    colleague.save()
    as_user(client, colleague).post(url("topic_follow", project.pk, topic.pk))
    assert Follow.objects.filter(topic=topic, user=colleague).exists()
    reply(topic, teacher, "<p>News</p>")
    note = Notification.objects.get(user=colleague)
    assert note.kind == "activity"
    assert note.url.startswith(url("topic_detail", project.pk, topic.pk) + "?post=")
    assert note.title == "Nouvelle réponse dans « Our towns »"
    # The author of the reply is not told about it.
    assert not Notification.objects.filter(user=teacher).exists()
    as_user(client, colleague).post(url("topic_follow", project.pk, topic.pk))
    reply(topic, teacher, "<p>More</p>")
    assert Notification.objects.filter(user=colleague).count() == 1


def test_locked_topic_takes_replies_from_teachers_only_and_keeps_the_pupils_text(
    client, project, teacher, pupil, topic
):
    as_user(client, teacher).post(url("topic_lock", project.pk, topic.pk))
    topic.refresh_from_db()
    assert topic.locked
    response = as_user(client, pupil).post(
        url("reply", project.pk, topic.pk), {"body": "<p>My long answer</p>"}
    )
    assert response.status_code == 403
    assert "This topic is locked" in response.content.decode()
    assert "My long answer" in response.content.decode()
    assert not Post.objects.exists()
    as_user(client, teacher).post(url("reply", project.pk, topic.pk), {"body": "<p>Closing</p>"})
    assert Post.objects.count() == 1


def test_sticky_topics_come_first(client, project, teacher):
    old = start_topic(project, teacher, "Rules of the forum", "<p>r</p>")
    start_topic(project, teacher, "Recent chat", "<p>c</p>")
    as_user(client, teacher).post(url("topic_sticky", project.pk, old.pk))
    page = client.get(url("topic_list", project.pk)).content.decode()
    assert page.index("Rules of the forum") < page.index("Recent chat")


def test_editing_own_posts_and_teachers_any(client, project, teacher, pupil, topic):
    Project.objects.filter(pk=project.pk).update(pupils_need_approval=False)
    project.refresh_from_db()
    mine = reply(topic, pupil, "<p>typo</p>")
    theirs = reply(topic, teacher, "<p>teacher</p>")
    as_user(client, pupil)
    assert (
        client.post(url("post_edit", project.pk, theirs.pk), {"body": "<p>x</p>"}).status_code
        == 403
    )
    client.post(url("post_edit", project.pk, mine.pk), {"body": "<p>fixed</p>"})
    mine.refresh_from_db()
    assert mine.body == "<p>fixed</p>" and mine.edited_at
    as_user(client, teacher).post(url("post_edit", project.pk, mine.pk), {"body": "<p>tidied</p>"})
    mine.refresh_from_db()
    assert mine.body == "<p>tidied</p>"
    assert AuditEntry.objects.filter(action="forum.edit").count() == 1


def test_a_pupils_edit_waits_for_approval_again(client, project, teacher, pupil, topic):
    post = reply(topic, pupil, "<p>fine</p>")
    services.moderate(access_for(teacher, project), post, "published")
    as_user(client, pupil).post(url("post_edit", project.pk, post.pk), {"body": "<p>rude</p>"})
    post.refresh_from_db()
    assert post.visibility == "pending"


def test_any_member_reports_a_post(client, project, teacher, topic):
    guest = testing.add_member(project, role=Membership.Role.GUEST)
    post = reply(topic, teacher, "<p>r</p>")
    response = as_user(client, guest).post(
        url("post_report", project.pk, post.pk), {"reason": "Not nice"}, follow=True
    )
    assert "the project&#x27;s teachers will look at it" in response.content.decode()
    report = Report.objects.get()
    assert report.target == post and report.reason == "Not nice" and report.reporter == guest


def test_scripts_are_removed_on_save_and_titles_are_escaped(client, project, teacher):
    as_user(client, teacher).post(
        url("topic_create", project.pk),
        {
            "title": "<script>alert('t')</script>",
            "body": '<p>hi</p><script>alert(1)</script><img src="x" onerror="alert(2)">'
            '<a href="javascript:alert(3)">x</a>',
        },
    )
    topic = Topic.objects.get()
    assert "<script" not in topic.body and "onerror" not in topic.body
    assert "javascript:" not in topic.body
    page = client.get(url("topic_detail", project.pk, topic.pk)).content.decode()
    assert "<script>alert('t')" not in page
    assert "&lt;script&gt;alert(&#x27;t&#x27;)" in page


def test_empty_or_only_script_body_is_refused_with_the_title_kept(client, project, teacher):
    response = as_user(client, teacher).post(
        url("topic_create", project.pk), {"title": "Keep me", "body": "<script>x</script>"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write a message." in html and 'value="Keep me"' in html
    assert not Topic.objects.exists()


def test_closed_project_is_read_only(client, project, teacher, topic):
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)
    as_user(client, teacher)
    page = client.get(url("topic_detail", project.pk, topic.pk))
    assert page.status_code == 200 and "Send the reply" not in page.content.decode()
    assert client.post(url("reply", project.pk, topic.pk), {"body": "<p>x</p>"}).status_code == 403
    assert client.get(url("topic_create", project.pk)).status_code == 403
    assert client.post(url("topic_lock", project.pk, topic.pk)).status_code == 403
    assert client.post(url("topic_follow", project.pk, topic.pk)).status_code == 403
    assert not Post.objects.exists()


def test_bad_input_never_errors(client, project, teacher, topic):
    as_user(client, teacher)
    assert client.get(url("reply", project.pk, topic.pk)).status_code == 405
    assert client.get(url("topic_detail", project.pk, 999999)).status_code == 404
    assert (
        client.post(url("topic_moderate", project.pk, topic.pk), {"visibility": "x"}).status_code
        == 400
    )
    assert client.post(url("reply", project.pk, topic.pk), {}).status_code == 400
    other = testing.make_project()
    foreign = start_topic(other, other.created_by, "Elsewhere", "<p>x</p>")
    assert client.get(url("topic_detail", project.pk, foreign.pk)).status_code == 404


def test_teachers_see_how_many_replies_wait_in_each_topic(client, project, teacher, pupil, topic):
    reply(topic, pupil, "<p>a</p>")
    reply(topic, pupil, "<p>b</p>")
    page = as_user(client, teacher).get(url("topic_list", project.pk)).content.decode()
    assert "2 waiting for approval" in page
    page = as_user(client, pupil).get(url("topic_list", project.pk)).content.decode()
    assert "waiting for approval" not in page


def test_each_reader_counts_the_replies_they_see(client, project, teacher, pupil, topic):
    """Teachers count every reply; a pupil the published ones and their own waiting ones."""
    reply(topic, teacher, "<p>published</p>")
    reply(topic, pupil, "<p>waits</p>")
    reply(topic, pupil, "<p>waits too</p>")
    other_pupil = testing.make_pupil(project)
    other = start_topic(project, teacher, "Quiet topic")

    def replies_of(user, shown):
        page = as_user(client, user).get(url("topic_list", project.pk)).content.decode()
        row = next(r for r in page.split("<tr>") if f">{shown.title}</a>" in r)
        return [cell.split("<")[0] for cell in row.split("<td>")[1:]]

    assert replies_of(teacher, topic)[2].strip() == "3"
    assert replies_of(pupil, topic)[2].strip() == "3"
    assert replies_of(other_pupil, topic)[2].strip() == "1"
    assert replies_of(other_pupil, other)[2].strip() == "0"
