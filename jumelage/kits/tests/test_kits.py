"""The kit catalogue: shipped kits, public browsing, filters, managed by staff only."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from jumelage.kits import policies
from jumelage.kits.models import Kit
from jumelage.testing import login_with_second_factor, make_staff, make_teacher

pytestmark = pytest.mark.django_db


def test_six_real_kits_ship_in_french_and_english():
    kits = Kit.objects.prefetch_related("steps", "subjects")
    assert kits.count() >= 6
    for kit in kits:
        assert kit.title_en and kit.title_fr and kit.title_en != kit.title_fr
        assert kit.steps.count() >= 4
        assert kit.subjects.exists() and kit.production
        for step in kit.steps.all():
            assert len(step.body_en) > 80 and len(step.body_fr) > 80
    with translation.override("fr"):
        assert Kit.objects.get(slug="climate-detectives").title == "Détectives du climat"


def test_catalogue_is_public_and_filters(client):
    page = client.get(reverse("kits:list")).content.decode()
    assert "Fairy tales across Europe" in page and "Maths in the market" in page
    page = client.get(reverse("kits:list"), {"subject": "mathematics"}).content.decode()
    assert "Maths in the market" in page and "Fairy tales" not in page
    page = client.get(reverse("kits:list"), {"age": 7}).content.decode()
    assert "Fairy tales across Europe" in page and "Digital citizenship charter" not in page
    page = client.get(reverse("kits:list"), {"q": "recettes"}).content.decode()
    assert "European recipes book" in page and "Climate" not in page
    assert client.get(reverse("kits:list"), {"age": "x", "subject": "?"}).status_code == 200


def test_kit_detail_shows_steps_and_start_button_for_verified_teachers(client):
    url = reverse("kits:detail", args=["climate-detectives"])
    page = client.get(url).content.decode()
    assert "Four weeks of measurements" in page
    assert "Start a project from this kit" not in page
    client.force_login(make_teacher("FR"))
    page = client.get(url).content.decode()
    assert "?kit=climate-detectives" in page
    assert client.get(reverse("kits:detail", args=["no-such-kit"])).status_code == 404


def test_start_from_a_kit_prefills_the_project_form(client):
    client.force_login(make_teacher("FR"))
    page = client.get(reverse("projects:create"), {"kit": "maths-in-the-market"}).content.decode()
    assert 'value="Maths in the market"' in page
    assert re.search(r'value="mathematics" id="[^"]+" checked', page)
    assert "Starting from the kit" in page
    # An unknown kit: the form opens empty rather than failing.
    assert client.get(reverse("projects:create"), {"kit": "nope"}).status_code == 200


def test_unpublished_kits_are_hidden(client):
    Kit.objects.filter(slug="climate-detectives").update(published=False)
    assert "Climate detectives" not in client.get(reverse("kits:list")).content.decode()
    assert client.get(reverse("kits:detail", args=["climate-detectives"])).status_code == 404


def test_only_staff_with_admin_access_manage_kits(client):
    teacher = make_teacher("FR")
    teacher.is_staff = True
    teacher.save()
    assert not policies.can_manage_kits(teacher)
    staff = make_staff("FR")
    assert not policies.can_manage_kits(staff)
    staff.is_staff = True
    staff.save()
    assert policies.can_manage_kits(staff)
    client.force_login(teacher)
    assert client.get("/admin/kits/kit/").status_code in (302, 403)
    login_with_second_factor(client, staff)
    assert client.get("/admin/kits/kit/").status_code == 200
    assert "Manage the kits" in client.get(reverse("kits:list")).content.decode()


def test_list_and_detail_query_counts_do_not_grow(client, django_assert_num_queries):
    client.get(reverse("kits:list"))
    with django_assert_num_queries(4) as first:
        client.get(reverse("kits:list"))
    for n in range(5):
        kit = Kit.objects.create(
            slug=f"extra-{n}",
            title_en=f"Extra {n}",
            title_fr=f"En plus {n}",
            summary_en="s",
            summary_fr="s",
        )
        kit.subjects.set(["art", "music"])
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("kits:list"))
    url = reverse("kits:detail", args=["extra-1"])
    with django_assert_num_queries(3) as detail:
        client.get(url)
    Kit.objects.get(slug="extra-1").steps.create(
        position=1, title_en="a", title_fr="a", body_en="b", body_fr="b"
    )
    with django_assert_num_queries(len(detail.captured_queries)):
        client.get(url)
