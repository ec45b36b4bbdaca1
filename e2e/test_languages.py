"""The pupil and teacher journeys in the founding countries' languages (issue 18).

Runs for whichever of them settings.LANGUAGES ships, and expects each page to say what
the catalogue says (never a hard-coded word): a missing or broken catalogue fails here.
"""

import pytest
from django.conf import settings
from django.utils import translation

from jumelage.testing import make_project, make_pupil

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHIPPED = dict(settings.LANGUAGES)
PUPIL_LANGUAGES = [code for code in ("pl", "tr", "el") if code in SHIPPED]
TEACHER_LANGUAGES = [code for code in ("it", "de") if code in SHIPPED]


def said(code: str, msgid: str) -> str:
    with translation.override(code):
        text = translation.gettext(msgid)
    assert text != msgid, f"{msgid!r} is not translated into {code}"
    return text


def speaks(page, code: str) -> None:
    assert page.locator("html").get_attribute("lang") == code


@pytest.mark.parametrize("code", PUPIL_LANGUAGES)
def test_a_pupil_finds_their_way_in_their_language(live_asgi, page_as, code):
    project = make_project()
    pupil = make_pupil(project)
    pupil.language = code
    pupil.save(update_fields=["language"])
    page = page_as(pupil, locale="en-GB")  # the profile wins over the browser
    page.goto(f"{live_asgi}/")
    speaks(page, code)
    # In the header's menu, closed: there, but not shown.
    page.get_by_role("button", name=said(code, "Log out"), include_hidden=True).wait_for(
        state="attached"
    )
    page.goto(f"{live_asgi}/projects/{project.pk}/space/")
    speaks(page, code)
    page.get_by_role("searchbox", name=said(code, "Search this TwinSpace")).wait_for()
    page.get_by_role("link", name=said(code, "Skip to main content")).wait_for(state="attached")


@pytest.mark.parametrize("code", TEACHER_LANGUAGES)
def test_a_teacher_chooses_their_language_in_the_menu_and_works_in_it(live_asgi, page_as, code):
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    page = page_as(teacher, locale="en-GB")
    page.goto(f"{live_asgi}/dashboard/")
    speaks(page, "en")
    # Choosing submits the menu's form (its button does without JavaScript).
    page.get_by_text("Menu", exact=True).click()
    page.get_by_label("Language").select_option(code)
    page.locator(f'html[lang="{code}"]').wait_for(state="attached")
    assert page.title().startswith(said(code, "My dashboard"))
    page.goto(f"{live_asgi}/projects/{project.pk}/")
    speaks(page, code)
    page.get_by_text(said(code, "Founders and teachers")).first.wait_for()
    teacher.refresh_from_db()
    assert teacher.language == code
