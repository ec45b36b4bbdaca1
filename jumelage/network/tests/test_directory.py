import pytest
from django.urls import reverse

from jumelage.network.services import place_of_school
from jumelage.testing import make_project, make_pupil, make_school, make_staff, make_teacher

from .helpers import make_correspondent, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    make_staff("FR")  # the national office, not listed by name here
    return {
        "paris": make_correspondent("Paula Paris", "regional", "paris", availability="Tuesdays"),
        "paris_amb": make_correspondent("Amir Ambassador", "ambassador", "paris"),
        "corse": make_correspondent("Carlu Corsica", "regional", "corse"),
        "corse_2a": make_correspondent("Dumenica Ajaccio", "departmental", department_code="2A"),
        "lyon": make_correspondent("Louis Lyon", "regional", "lyon"),
    }


def _page_for_school(client, national_id):
    school = make_school("FR", national_id=national_id)  # no académie stored on purpose
    teacher = make_teacher("FR", school=school)
    client.force_login(teacher)
    return client.get(reverse("network:directory")).text


def test_a_paris_school_is_shown_the_paris_correspondents(client, network):
    html = _page_for_school(client, "0750654D")
    assert "Paula Paris" in html and "Tuesdays" in html and "Amir Ambassador" in html
    assert "Carlu Corsica" not in html and "Louis Lyon" not in html
    paris = region("paris").pk
    assert f'<option value="{paris}" selected>Académie of Paris</option>' in html
    assert "<h2>Académie of Paris — France</h2>" in html


@pytest.mark.parametrize("uai", ["6200001A", "7200002B"])
def test_a_corsican_school_is_shown_the_corsican_correspondents(client, network, uai):
    html = _page_for_school(client, uai)
    assert "Carlu Corsica" in html and "Dumenica Ajaccio" in html
    assert "Paula Paris" not in html and "Louis Lyon" not in html


def test_uai_prefix_gives_the_academie_and_departement():
    place = place_of_school(make_school("FR", national_id="7200002B"))
    assert place.region.code == "corse" and place.department.code == "2B"
    place = place_of_school(make_school("FR", national_id="0750654D"))
    assert place.region.code == "paris" and place.department.code == "75"
    # A school abroad is not read as a French UAI.
    assert place_of_school(make_school("DE", national_id="075-99")).region is None


def test_the_stored_academie_wins_over_the_uai(client, network):
    school = make_school("FR", national_id="0750654D", region=region("lyon"))
    teacher = make_teacher("FR", school=school)
    client.force_login(teacher)
    html = client.get(reverse("network:directory")).text
    assert "Louis Lyon" in html and "Paula Paris" not in html


def test_the_teacher_may_choose_another_academie(client, network):
    client.force_login(make_teacher("FR", school=make_school("FR", national_id="0750654D")))
    html = client.get(reverse("network:directory"), {"region": region("corse").pk}).text
    assert "Carlu Corsica" in html and "Paula Paris" not in html


def test_unlisted_people_are_not_shown(client, network):
    make_correspondent("Hidden Helper", "regional", "paris", listed=False)
    html = _page_for_school(client, "0750654D")
    assert "Hidden Helper" not in html


def test_a_bad_choice_gets_a_message_not_an_error(client, network):
    client.force_login(make_teacher("FR"))
    response = client.get(reverse("network:directory"), {"region": "not-a-number"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    response = client.get(reverse("network:directory"), {"region": "999999"})
    assert response.status_code == 200
    mismatch = client.get(
        reverse("network:directory"), {"region": region("paris").pk, "country": "DE"}
    )
    assert "This region is not in the chosen country." in mismatch.text


def test_directory_is_refused_to_anonymous_and_pupils(client):
    response = client.get(reverse("network:directory"))
    assert response.status_code == 302
    project = make_project()
    client.force_login(make_pupil(project))
    assert client.get(reverse("network:directory")).status_code == 404
    assert client.post(reverse("network:directory")).status_code == 405


def test_directory_query_count_does_not_grow(client, django_assert_num_queries):
    teacher = make_teacher("FR", school=make_school("FR", national_id="0750654D"))
    client.force_login(teacher)
    make_correspondent("One", "regional", "paris")
    client.get(reverse("network:directory"))  # the country list, read once per process
    with django_assert_num_queries(6) as first:
        client.get(reverse("network:directory"))
    for n in range(8):
        make_correspondent(f"More {n}", "ambassador", "paris")
        make_correspondent(f"Dep {n}", "departmental", department_code="75")
    with django_assert_num_queries(len(first.captured_queries)):
        html = client.get(reverse("network:directory")).text
    assert "More 7" in html and "Dep 7" in html
