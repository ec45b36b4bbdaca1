"""A group's library moves, month, feed page and report queue pass axe at 1280 and 390 px,
and a moderator hides a reported reply from the queue."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jumelage import testing
from jumelage.calendar import services as calendar_services
from jumelage.forum import services as forum
from jumelage.forum.models import Post
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.groups.models import Group
from jumelage.materials import services as materials_services
from jumelage.materials.tests import samples

from .test_axe_walk import AXE, PAGE_WIDTH, RUN_AXE, WIDTHS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", WIDTHS)
def test_the_groups_new_pages_pass_axe_fit_a_phone_and_the_queue_hides(live_asgi, new_page, size):
    founder = testing.make_teacher("FR", name="Camille Roux")
    member = testing.make_teacher("DE", name="Lena Vogel")
    group = services.create_group(founder, name="Climate teachers", admission=Group.Admission.OPEN)
    services.join(load_access(member, group.pk))
    access = load_access(member, group.pk)
    topic = forum.start_topic(access, member, "Sources", "<p>Which ones?</p>")
    reply = forum.reply(load_access(founder, group.pk), topic, founder, "<p>Buy my kits</p>")
    services.report(load_access(member, group.pk), reply, "Advertising")
    materials_services.create_folder(group, founder, "Maps", None, False)
    materials_services.store_upload(group, founder, samples.pdf(), None)
    start = timezone.now() + timedelta(hours=2)
    calendar_services.create_event(
        founder,
        group,
        {"title": "Workshop", "starts_at": start, "ends_at": start + timedelta(hours=1)},
    )
    calendar_services.regenerate_feed(founder, group)
    client = Client()
    testing.sign_in(client, founder)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    viewport = WIDTHS[size]
    page = new_page("en-GB")
    page.set_viewport_size(viewport)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_asgi}]
    )
    axe = AXE.read_text()
    failures = []
    for name in ("detail", "library", "event_month", "event_feed", "reports"):
        path = reverse(f"groups:{name}", args=[group.pk])
        response = page.goto(live_asgi + path)
        where = f"{path} at {viewport['width']} px"
        if response.status != 200:
            failures.append(f"{where}: HTTP {response.status}")
            continue
        page.evaluate(axe)
        failures += [f"{where}: {v}" for v in page.evaluate(RUN_AXE)]
        if (width := page.evaluate(PAGE_WIDTH)) > viewport["width"]:
            failures.append(f"{where}: the page is {width} px wide")
    assert not failures, "\n".join(failures)

    # The queue page is the last one open: hide the reported reply from it.
    page.get_by_text("Advertising").wait_for()
    page.get_by_role("button", name="Hide").click()
    page.get_by_text("The content is hidden.").wait_for()
    page.get_by_text("No open report.").wait_for()
    assert Post.objects.get(pk=reply.pk).visibility == "hidden"
