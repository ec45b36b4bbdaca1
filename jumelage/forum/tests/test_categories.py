"""Forum categories (issue 19): teachers arrange them and set who views and posts in them;
a topic of a category one may not view is found nowhere (docs/roles.md)."""

import pytest

from jumelage import testing
from jumelage.audit.models import AuditEntry
from jumelage.forum import services
from jumelage.forum.models import Category, Topic
from jumelage.notifications.models import Notification
from jumelage.projects.access import access_for
from jumelage.projects.models import Project

from .helpers import reply, start_topic, url

pytestmark = pytest.mark.django_db

TEACHERS_ONLY = {"pupils_view": False, "pupil_admins_view": False}
READ_ONLY = {"pupils_view": True, "pupils_edit": False, "pupil_admins_edit": False}


def category(project, title, rights=None, **kw):
    access = access_for(project.memberships.filter(is_founder=True).first().user, project)
    made = services.save_category(access, title, **kw)
    if rights is not None:
        services.set_category_rights(access, made, rights)
        made.refresh_from_db()
    return made


@pytest.fixture
def staff_room(project):
    return category(project, "Staff room", TEACHERS_ONLY)


@pytest.fixture
def secret(project, teacher, staff_room):
    """A teachers-only topic, with a reply."""
    topic = start_topic(project, teacher, "Marking secrets", "<p>Between us</p>", staff_room)
    reply(topic, teacher, "<p>quietly agreed</p>")
    return topic


def test_a_teacher_creates_renames_orders_and_deletes_a_category(client, project, teacher):
    client.force_login(teacher)
    response = client.post(url("categories", project.pk), {"title": "Recipes", "position": ""})
    assert response.status_code == 302
    recipes = Category.objects.get(project=project, title="Recipes")
    assert not recipes.own_rights and recipes.rights(project)["pupils_edit"]
    client.post(url("categories", project.pk), {"title": "Sports", "position": ""})
    first = client.post(
        url("category_edit", project.pk, recipes.pk), {"title": "Our recipes", "position": "9"}
    )
    assert first.status_code == 302
    page = client.get(url("categories", project.pk)).text
    assert page.index("Sports") < page.index("Our recipes")
    topic = start_topic(project, teacher, "Pancakes", category=Category.objects.get(pk=recipes.pk))
    response = client.post(url("category_delete", project.pk, recipes.pk))
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.category is None  # the topic is kept, in "General"
    entry = AuditEntry.objects.get(action="forum.category_delete")
    assert entry.data["topics"] == 1 and entry.data["title"] == "Our recipes"


def test_a_blank_title_is_refused_on_the_form(client, project, teacher):
    client.force_login(teacher)
    response = client.post(url("categories", project.pk), {"title": "   "})
    assert response.status_code == 400
    assert not Category.objects.exists()


def test_the_rights_form_is_the_wikis_and_is_audited(client, project, teacher, pupil):
    recipes = category(project, "Recipes")
    client.force_login(teacher)
    form = client.get(url("category_rights", project.pk, recipes.pk))
    assert form.status_code == 200 and 'name="visitors_view"' in form.text
    response = client.post(
        url("category_rights", project.pk, recipes.pk),
        {"pupil_admins_view": "on", "pupil_admins_edit": "on"},
    )
    assert response.status_code == 302
    recipes.refresh_from_db()
    assert recipes.own_rights and not recipes.pupils_view
    assert AuditEntry.objects.filter(action="twinspace.rights").exists()
    client.force_login(pupil)
    assert "Recipes" not in client.get(url("topic_list", project.pk)).text


def test_a_pupil_never_reaches_a_teachers_only_topic(client, project, pupil, secret):
    post = secret.posts.get()
    client.force_login(pupil)
    listing = client.get(url("topic_list", project.pk))
    assert "Marking secrets" not in listing.text and "Staff room" not in listing.text
    assert (
        client.get(url("topic_list", project.pk) + f"?category={secret.category_id}").status_code
        == 404
    )
    for name, method in [
        ("topic_detail", "get"),
        ("topic_edit", "get"),
        ("reply", "post"),
        ("topic_follow", "post"),
        ("topic_report", "post"),
        ("topic_moderate", "post"),
    ]:
        response = getattr(client, method)(url(name, project.pk, secret.pk), {"body": "<p>x</p>"})
        assert response.status_code == 404, name
    for name in ("post_edit", "post_moderate", "post_report"):
        assert client.post(url(name, project.pk, post.pk), {"body": "x"}).status_code == 404, name
    assert secret.posts.count() == 1


def test_a_pupil_reads_a_read_only_category_and_is_told_why_they_cannot_reply(
    client, project, teacher, pupil
):
    news = category(project, "News", READ_ONLY)
    topic = start_topic(project, teacher, "Dates", category=news)
    client.force_login(pupil)
    page = client.get(url("topic_detail", project.pk, topic.pk))
    assert page.status_code == 200
    assert "You may read this category but not post in it." in page.text
    assert 'id="reply-heading"' not in page.text
    response = client.post(url("reply", project.pk, topic.pk), {"body": "<p>Me too</p>"})
    assert response.status_code == 403
    assert "You may read this category but not post in it." in response.text
    assert topic.posts.count() == 0


def test_topic_creation_offers_only_the_categories_one_may_post_in(
    client, world, project, staff_room
):
    Project.objects.filter(pk=project.pk).update(pupils_may_start_topics=True)
    news = category(project, "News", READ_ONLY)
    open_one = category(project, "Open")
    client.force_login(world.users["pupil"])
    form = client.get(url("topic_create", project.pk)).text
    assert "Open" in form and "News" not in form and "Staff room" not in form
    for forged in (news, staff_room):
        data = {"category": forged.pk, "title": "Forged", "body": "<p>x</p>"}
        assert client.post(url("topic_create", project.pk), data).status_code == 400
    data = {"category": open_one.pk, "title": "Mine", "body": "<p>x</p>"}
    assert client.post(url("topic_create", project.pk), data).status_code == 302
    assert Topic.objects.get(title="Mine").category == open_one
    assert not Topic.objects.filter(title="Forged").exists()


def test_latest_activity_and_search_leave_out_a_teachers_only_category(
    client, project, teacher, pupil, secret
):
    start_topic(project, teacher, "Open marking", "<p>for all</p>")
    client.force_login(pupil)
    home = client.get(f"/projects/{project.pk}/space/")
    assert home.status_code == 200
    assert "Open marking" in home.text and "Marking secrets" not in home.text
    found = client.get(f"/projects/{project.pk}/space/search/", {"q": "marking"}).text
    assert "Open marking" in found and "Marking secrets" not in found
    found = client.get(f"/projects/{project.pk}/space/search/", {"q": "quietly"}).text
    assert "quietly agreed" not in found
    client.force_login(teacher)
    assert "Marking secrets" in client.get(f"/projects/{project.pk}/space/").text


def published_at_once(project):
    project.pupils_need_approval = False
    project.save(update_fields=["pupils_need_approval"])


def test_followers_who_no_longer_view_the_category_hear_nothing(project, teacher, pupil):
    published_at_once(project)
    lessons = category(project, "Lessons")
    topic = start_topic(project, teacher, "Homework", category=lessons)
    reply(topic, pupil, "<p>I follow</p>")
    colleague = testing.make_pupil(project)
    reply(topic, colleague, "<p>me too</p>")
    assert Notification.objects.filter(user=pupil).count() == 1
    services.set_category_rights(access_for(teacher, project), lessons, TEACHERS_ONLY)
    topic.refresh_from_db()
    reply(topic, teacher, "<p>teachers only now</p>")
    assert Notification.objects.filter(user=pupil).count() == 1


def test_a_visitor_sees_only_the_categories_opened_to_them(client, world, project, teacher, secret):
    visitor = world.users["visitor"]
    opened = category(project, "Showcase", {"pupils_view": True, "visitors_view": True})
    published_at_once(project)
    shown = start_topic(project, teacher, "Our exhibition", category=opened)
    lea = testing.make_pupil(project, name="Léa Dupont")
    reply(shown, lea, "<p>Come and see</p>")
    general = start_topic(project, teacher, "General chatter")
    client.force_login(visitor)
    listing = client.get(url("topic_list", project.pk))
    assert listing.status_code == 200
    assert "Our exhibition" in listing.text
    assert "Marking secrets" not in listing.text and "General chatter" not in listing.text
    page = client.get(url("topic_detail", project.pk, shown.pk))
    assert page.status_code == 200 and "Léa" in page.text and "Dupont" not in page.text
    assert client.get(url("topic_detail", project.pk, secret.pk)).status_code == 404
    assert client.get(url("topic_detail", project.pk, general.pk)).status_code == 404
    assert client.post(url("topic_follow", project.pk, shown.pk)).status_code == 404
    assert client.post(url("reply", project.pk, shown.pk), {"body": "<p>x</p>"}).status_code == 404


def test_the_demo_project_has_categories_one_for_teachers_only():
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    project = Project.objects.get(title__startswith="Nos villes, nos vies")
    categories = list(Category.objects.filter(project=project))
    assert len(categories) == 2
    staff_room = next(c for c in categories if c.title.startswith("Salle des profs"))
    assert staff_room.own_rights and not staff_room.pupils_view
    assert Topic.objects.filter(category=staff_room).exists()


def test_the_space_report_page_does_not_find_a_teachers_only_topic(
    client, project, teacher, pupil, secret
):
    report = f"/projects/{project.pk}/space/report/"
    client.force_login(teacher)
    response = client.get(report, {"content_type": "forum.topic", "object_id": secret.pk})
    assert response.status_code == 200
    client.force_login(pupil)
    for kind, pk in (("forum.topic", secret.pk), ("forum.post", secret.posts.get().pk)):
        response = client.get(report, {"content_type": kind, "object_id": pk})
        assert response.status_code == 404, kind
        assert "Marking secrets" not in response.text


def test_a_teacher_files_a_topic_in_another_category_and_a_pupil_cannot(
    client, project, teacher, pupil, staff_room
):
    topic = start_topic(project, teacher, "Marks of the term")
    pupils_topic = start_topic(project, teacher, "Our towns")
    client.force_login(teacher)
    form = client.get(url("topic_edit", project.pk, topic.pk)).text
    assert 'name="category"' in form and "Staff room" in form
    data = {"title": topic.title, "body": topic.body, "category": staff_room.pk}
    assert client.post(url("topic_edit", project.pk, topic.pk), data).status_code == 302
    topic.refresh_from_db()
    assert topic.category == staff_room
    entry = AuditEntry.objects.get(action="forum.edit", target_id=topic.pk)
    assert entry.data["moved_to"] == "Staff room" and entry.data["moved_from"] == ""
    # Now teachers only: the pupil no longer reaches it.
    client.force_login(pupil)
    assert client.get(url("topic_detail", project.pk, topic.pk)).status_code == 404
    # A pupil administrator editing their own topic is offered no category, and a forged
    # one is not applied.
    membership = project.memberships.get(user=pupil)
    membership.pupil_admin = True
    membership.save()
    own = start_topic(project, pupil, "My topic")
    assert 'name="category"' not in client.get(url("topic_edit", project.pk, own.pk)).text
    forged = {"title": "My topic", "body": "<p>x</p>", "category": staff_room.pk}
    client.post(url("topic_edit", project.pk, own.pk), forged)
    own.refresh_from_db()
    assert own.category is None
    pupils_topic.refresh_from_db()
    assert pupils_topic.category is None
