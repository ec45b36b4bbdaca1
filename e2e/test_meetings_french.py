"""The meeting-time finder in French: the date field shows its day and the form submits (issue 14)."""

import pytest

from jumelage.testing import make_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_french_teacher_finds_a_time_with_the_proposed_first_day(live_asgi, page_as):
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).order_by("pk").first().user
    teacher.language = "fr"
    teacher.save(update_fields=["language"])
    page = page_as(teacher, locale="fr-FR")
    page.goto(f"{live_asgi}/projects/{project.pk}/space/meetings/find-a-time/")
    first_day = page.get_by_label("À partir du")
    # The browser shows the proposed day: its value is ISO, not "03/12/2026".
    assert first_day.input_value() != ""
    page.get_by_role("button", name="Afficher les horaires possibles").click()
    page.wait_for_load_state()
    assert "Ce champ est obligatoire" not in page.content()
    assert page.get_by_label("À partir du").input_value() == first_day.input_value()
