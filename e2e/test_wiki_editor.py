"""Editing a page in the WYSIWYG editor, and two teachers editing the same page at once."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from jumelage.testing import add_member, make_project
from jumelage.wiki import services
from jumelage.wiki.models import Page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _as(new_page, base_url, user):
    page = new_page()
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    return page


def _type(page, text):
    # The editable area carries the field's label, like the textarea it replaces.
    editor = page.get_by_role("textbox", name="Text")
    editor.click()
    editor.press("Control+End")
    editor.press("Enter")
    editor.press_sequentially(text)


def test_two_teachers_edit_the_same_page_and_nothing_is_lost(live_asgi, new_page):
    project = make_project()
    admin = project.created_by
    colleague = add_member(project)
    wiki_page = services.create_page(project, admin, "Our towns", "<p>Paris</p>")
    edit_url = live_asgi + reverse("wiki:edit", args=[project.pk, wiki_page.pk])

    first, second = _as(new_page, live_asgi, admin), _as(new_page, live_asgi, colleague)
    for page in (first, second):
        page.goto(edit_url)
        page.locator(".ProseMirror[contenteditable=true]").wait_for()
    _type(first, "Berlin is green.")
    first.get_by_role("button", name="Save a new revision").click()
    first.get_by_text("The page is saved.").wait_for()
    assert "Berlin is green." in first.locator("article").inner_text()

    # The colleague started from revision 1: their save is refused, their text kept.
    _type(second, "Lisbon is sunny.")
    second.get_by_role("button", name="Save a new revision").click()
    second.get_by_role("alert").filter(has_text="Someone else saved this page").wait_for()
    assert "Lisbon is sunny." in second.locator(".ProseMirror[contenteditable=true]").inner_text()
    assert Page.objects.get().body == "<p>Paris</p><p>Berlin is green.</p>"
    # They merge and save again: now it goes through.
    _type(second, "Berlin is green.")
    second.get_by_role("button", name="Save a new revision").click()
    second.get_by_text("The page is saved.").wait_for()
    body = Page.objects.get().body
    assert "Lisbon is sunny." in body and "Berlin is green." in body
    assert Page.objects.get().revisions.count() == 3
    assert not first.errors and not second.errors

    # The history compares revisions with the keyboard-reachable form.
    second.goto(live_asgi + reverse("wiki:history", args=[project.pk, wiki_page.pk]))
    second.get_by_role("button", name="Compare the chosen revisions").click()
    # Where the caret put each line may vary; the addition is what the diff must show.
    assert "Lisbon is sunny." in " ".join(second.locator("ol.diff ins").all_inner_texts())
