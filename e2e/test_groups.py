"""A teacher creates a group, another joins it and posts, and the moderator hides the post."""

import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.forum.models import Post
from jumelage.groups.models import Group

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_group_is_created_joined_written_in_and_moderated(live_asgi, page_as):
    founder = testing.make_teacher("FR", name="Camille Roux")
    colleague = testing.make_teacher("DE", name="Lena Vogel")
    reader = testing.make_teacher("IT", name="Marco Bianchi")

    camille = page_as(founder)
    camille.goto(live_asgi + reverse("groups:list"))
    camille.get_by_role("link", name="Start a group").click()
    camille.get_by_label("Name").fill("Climate teachers")
    camille.get_by_label("What the group is about").fill("Projects on climate and energy.")
    camille.get_by_label("Open to every teacher").check()
    camille.get_by_role("button", name="Create the group").click()
    camille.get_by_text("you are its moderator").wait_for()
    group = Group.objects.get()  # read only

    lena = page_as(colleague)
    lena.goto(live_asgi + reverse("groups:list"))
    lena.get_by_label("Search the groups").fill("climate")
    lena.get_by_role("button", name="Search").click()
    lena.get_by_role("link", name="Climate teachers").click()
    lena.get_by_role("button", name="Join the group").click()
    lena.get_by_text("Welcome to the group.").wait_for()
    lena.get_by_role("link", name="Forum", exact=True).click()
    lena.get_by_role("link", name="Start a topic").click()
    lena.get_by_label("Title").fill("Buy my solar kits")
    editor = lena.locator(".ProseMirror:visible").first
    editor.click()
    editor.type("Cheap solar kits for your class, write to me.")
    lena.get_by_role("button", name="Publish").click()
    lena.get_by_role("heading", name="Buy my solar kits").wait_for()

    marco = page_as(reader)
    marco.goto(live_asgi + reverse("groups:detail", args=[group.pk]))
    marco.get_by_role("button", name="Join the group").click()
    marco.get_by_role("link", name="Buy my solar kits").wait_for()

    camille.goto(live_asgi + reverse("groups:forum", args=[group.pk]))
    camille.get_by_role("link", name="Buy my solar kits").click()
    camille.get_by_role("button", name="Hide").click()
    camille.get_by_text("The message is hidden from the group's members.").wait_for()
    assert Post.objects.count() == 0  # it was the topic's opening message
    topic = group.forum_topics.get()
    assert topic.visibility == "hidden" and topic.moderated_by == founder

    marco.goto(live_asgi + reverse("groups:forum", args=[group.pk]))
    assert marco.get_by_text("Buy my solar kits").count() == 0
    lena.goto(live_asgi + reverse("groups:forum", args=[group.pk]))
    lena.get_by_text("Buy my solar kits").wait_for()  # the author sees it, marked hidden
    assert lena.get_by_text("Hidden").count() >= 1
