"""A teacher writes a post in the rich-text editor and plans an event, in Chromium."""

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.blog.models import Post
from jumelage.calendar.models import Event, UserCalendarSettings
from jumelage.testing import make_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, base_url, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def test_teacher_publishes_a_post_with_the_editor_and_the_public_reads_it(live_asgi, new_page):
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    page = new_page()
    _login(page, live_asgi, teacher)
    page.goto(live_asgi + reverse("blog:post_create", kwargs={"project_id": project.pk}))
    page.get_by_label("Title").fill("Our first week")
    editor = page.locator(".ProseMirror:visible").first
    editor.click()
    editor.type("We visited the old bridge.")
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("heading", name="Our first week").wait_for()
    post = Post.objects.get()
    assert "We visited the old bridge." in post.body
    assert post.is_public_ready

    visitor = new_page()
    visitor.goto(live_asgi + reverse("blog:post_list", kwargs={"project_id": project.pk}))
    visitor.get_by_role("link", name="Our first week").click()
    visitor.get_by_text("We visited the old bridge.").wait_for()


def test_teacher_plans_an_event_and_a_partner_reads_it_at_their_own_time(live_asgi, new_page):
    project = make_project()
    founders = [m.user for m in project.memberships.filter(is_founder=True).order_by("pk")]
    french, german = founders
    UserCalendarSettings.objects.create(user=german, timezone="Europe/Lisbon")
    page = new_page()
    _login(page, live_asgi, french)
    page.goto(live_asgi + reverse("calendar:event_create", kwargs={"project_id": project.pk}))
    page.get_by_label("Title").fill("Video call")
    page.get_by_label("Starts").fill("2027-06-15T10:00")
    page.get_by_label("Ends").fill("2027-06-15T11:00")
    page.get_by_label("Time zone of these times").select_option("Europe/Paris")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Video call").wait_for()
    event = Event.objects.get()

    partner = new_page()
    _login(partner, live_asgi, german)
    partner.goto(
        live_asgi
        + reverse("calendar:event_detail", kwargs={"project_id": project.pk, "event_id": event.pk})
    )
    start = partner.locator("time").first.get_attribute("datetime")
    assert start.startswith("2027-06-15T09:00:00+01:00")
