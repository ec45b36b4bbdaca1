"""Script payloads written into the blog and the calendar never run in Chromium.

Every field a member can fill (rich text, plain text, image description, event
fields) gets payloads; the pages that show them are opened in Chromium while
listening for dialogs and for any request the payloads would make.
"""

import io
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from jumelage.blog import services as blog_services
from jumelage.blog.forms import CommentForm, PostForm
from jumelage.calendar import services as calendar_services
from jumelage.calendar.forms import EventForm
from jumelage.testing import make_project, make_pupil

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROBE = "xss-probe"
# The first two are allowed by the Content-Security-Policy: only escaping and
# sanitising stop them, so they catch a field rendered unescaped.
PAYLOADS = [
    f"<iframe src=/{PROBE}-f></iframe>",
    f"<link rel=stylesheet href=/{PROBE}-css>",
    "<script>alert('s1')</script>",
    f"<img src=x onerror=\"alert('i1');fetch('/{PROBE}-img')\">",
    f'"><svg onload="fetch(\'/{PROBE}-svg\')"></svg>',
    '<a href="javascript:alert(\'a1\')" id="js-link">click me</a>',
    f'<iframe src="/{PROBE}-frame"></iframe>',
    f'<p style="background:url(/{PROBE}-style)">styled</p>',
    "<details open ontoggle=\"alert('d1')\"><summary>x</summary></details>",
    f'<object data="/{PROBE}-object"></object>',
    "'; alert('q1'); '",
    "{{ 7|add:7 }}{% now 'Y' %}",
]
TEXT = " ".join(PAYLOADS)


def _jpeg():
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(out, "JPEG")
    return SimpleUploadedFile("c.jpg", out.getvalue(), content_type="image/jpeg")


def _login(page, base_url, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def _watch(page, base_url):
    seen = {"dialogs": [], "requests": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    def on_request(request):
        url = request.url
        if PROBE in url or not (url.startswith(base_url) or url.startswith(("data:", "blob:"))):
            seen["requests"].append(url)

    page.on("dialog", on_dialog)
    page.on("request", on_request)
    return seen


def test_script_payloads_in_blog_and_calendar_fields_never_execute(live_asgi, new_page):
    project = make_project(pupils_need_approval=False)
    admin = project.memberships.filter(is_founder=True).first().user
    pupil = make_pupil(project, name="Zoé")

    form = PostForm(
        {"title": TEXT[:200], "body": "<p>" + TEXT + "</p>", "cover_alt": TEXT[:200]},
        {"cover": _jpeg()},
    )
    assert form.is_valid(), form.errors
    post = blog_services.create_post(
        pupil,
        project,
        {k: form.cleaned_data[k] for k in ("title", "body", "cover_alt")},
        form.cleaned_data["cover"],
        publish=True,
    )
    comment = CommentForm({"body": TEXT})
    assert comment.is_valid()
    blog_services.add_comment(pupil, post, comment.cleaned_data["body"])

    event_form = EventForm(
        {
            "title": TEXT[:200],
            "description": TEXT,
            "place": TEXT[:200],
            "start": "2026-12-10T10:00",
            "end": "2026-12-10T11:00",
            "timezone": "Europe/Paris",
            "online_url": "https://example.org/meet?x=\"><script>alert('u1')</script>",
        }
    )
    if not event_form.is_valid():
        # The link is refused as a URL; keep the other payloads.
        data = dict(event_form.data, online_url="")
        event_form = EventForm(data)
        assert event_form.is_valid(), event_form.errors
    event = calendar_services.create_event(admin, project, event_form.event_fields())
    assert event.starts_at == datetime(2026, 12, 10, 9, tzinfo=UTC)

    def blog(name, **kw):
        return live_asgi + reverse(f"blog:{name}", kwargs={"project_id": project.pk, **kw})

    def cal(name, **kw):
        return live_asgi + reverse(f"calendar:{name}", kwargs={"project_id": project.pk, **kw})

    public_pages = [blog("post_list"), blog("post_detail", post_id=post.pk)]
    member_pages = [
        *public_pages,
        blog("post_edit", post_id=post.pk),
        cal("month") + "?month=2026-12",
        cal("event_list"),
        cal("event_detail", event_id=event.pk),
        cal("event_edit", event_id=event.pk),
        live_asgi + reverse("mycalendar:settings"),
    ]

    anonymous = new_page()
    seen_anonymous = _watch(anonymous, live_asgi)
    for url in public_pages:
        anonymous.goto(url)
        anonymous.wait_for_load_state("networkidle")
    # The payload text is shown as text, and the author only by first name.
    anonymous.goto(blog("post_detail", post_id=post.pk))
    assert "Zoé" in anonymous.content()
    assert pupil.username not in anonymous.content()

    member = new_page()
    _login(member, live_asgi, admin)
    seen_member = _watch(member, live_asgi)
    for url in member_pages:
        member.goto(url)
        member.wait_for_load_state("networkidle")
    member.goto(cal("event_detail", event_id=event.pk))
    assert "alert('s1')" in member.locator("h1").inner_text()  # shown, not run
    # Clicking the neutralised link from the body does nothing either.
    member.goto(blog("post_detail", post_id=post.pk))
    link = member.locator(".rich-text a", has_text="click me")
    if link.count():
        assert (link.first.get_attribute("href") or "").startswith("javascript") is False
        link.first.click()
        member.wait_for_load_state("networkidle")

    for seen in (seen_anonymous, seen_member):
        assert seen["dialogs"] == []
        assert seen["requests"] == []
