"""The path of a teacher before verification: sign-up, email, school, head confirmation."""

import re
import time
from unittest.mock import patch

import pytest
from django.core import mail, signing
from django.urls import reverse

from jumelage.accounts.models import TeacherProfile, User
from jumelage.audit.models import AuditEntry
from jumelage.schools import services
from jumelage.schools.models import JoinRequest, School, SchoolMembership
from jumelage.testing import PASSWORD, make_school, make_teacher

pytestmark = pytest.mark.django_db

SCHOOL = {
    "country": "FR",
    "national_id": "0750654D",
    "name": "Lycée Louis-le-Grand",
    "level": "upper_secondary",
    "address": "123 rue Saint-Jacques",
    "postcode": "75005",
    "town": "Paris",
    "phone": "01 44 32 82 00",
    "email": "ce.0750654d@ac-paris.fr",
    "head_name": "Jeanne Proviseur",
    "head_email": "proviseur@example.fr",
}


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0).split("testserver", 1)[-1]


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up(client, email="anna@example.org", **extra):
    data = {
        "display_name": "Anna Lehrerin",
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post(reverse("accounts:signup"), data)


def confirmed_teacher(client):
    sign_up(client)
    client.get(path_of(link_in(mail.outbox[-1])))
    user = User.objects.get(email="anna@example.org")
    client.force_login(user)
    return user


def test_sign_up_needs_only_a_name_email_and_password_and_sends_a_link(client):
    response = sign_up(client, wants_kit="on")
    assert response.status_code == 302
    user = User.objects.get(email="anna@example.org")
    assert user.teacher_profile.status == TeacherProfile.Status.REGISTERED
    assert user.teacher_profile.wants_kit is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert "/accounts/confirm/" in mail.outbox[0].body


def test_duplicate_email_creates_nothing_and_is_explained_by_email_whatever_its_case(client):
    # The page never says whether an address has an account (issue 12, L2).
    make_teacher().email  # noqa: B018
    sign_up(client)
    response = sign_up(client, email="ANNA@example.org")
    assert response["Location"] == reverse("accounts:signup_done")
    assert User.objects.filter(email__iexact="anna@example.org").count() == 1
    assert mail.outbox[-1].to == ["anna@example.org"]


def test_mismatched_or_weak_passwords_are_refused_and_nothing_is_created(client):
    response = sign_up(client, password2="something-else-entirely")
    assert "The two passwords differ" in response.text
    response = client.post(
        reverse("accounts:signup"),
        {"display_name": "A", "email": "b@example.org", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert not User.objects.filter(email__in=["anna@example.org", "b@example.org"]).exists()


def test_email_link_confirms_once_then_says_already(client):
    sign_up(client)
    link = path_of(link_in(mail.outbox[0]))
    response = client.get(link)
    assert response.status_code == 302
    user = User.objects.get(email="anna@example.org")
    assert user.email_confirmed_at is not None
    assert user.teacher_profile.status == TeacherProfile.Status.EMAIL_CONFIRMED
    response = client.get(link, follow=True)
    assert "already confirmed" in response.text


def test_tampered_and_expired_email_links_are_refused(client, settings):
    sign_up(client)
    link = path_of(link_in(mail.outbox[0]))
    response = client.get(link[:-3] + "xyz/")
    assert response.status_code == 400
    assert "not valid" in response.text
    user = User.objects.get(email="anna@example.org")
    four_days_ago = time.time() - 4 * 86400
    with patch("django.core.signing.time.time", return_value=four_days_ago):
        old = signing.dumps({"u": user.pk, "e": user.email}, salt="jumelage.accounts.confirm-email")
    response = client.get(reverse("accounts:confirm_email", args=[old]))
    assert response.status_code == 400
    assert "expired" in response.text
    user.refresh_from_db()
    assert user.email_confirmed_at is None


def test_school_registration_waits_for_email_confirmation(client):
    sign_up(client)
    client.force_login(User.objects.get(email="anna@example.org"))
    response = client.post(reverse("schools:register"), SCHOOL)
    assert response.status_code == 302
    assert not School.objects.exists()


def test_a_french_school_is_registered_with_its_academie_and_the_head_is_asked_in_french(
    client, django_capture_on_commit_callbacks
):
    user = confirmed_teacher(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("schools:register"), SCHOOL)
    assert response.status_code == 302
    school = School.objects.get()
    assert school.department.code == "75"
    assert school.region.code == "paris"
    assert school.phone == "+33 1 44 32 82 00"
    assert school.status == School.Status.PENDING
    assert SchoolMembership.objects.filter(school=school, user=user).exists()
    user.teacher_profile.refresh_from_db()
    assert user.teacher_profile.status == TeacherProfile.Status.AWAITING_VERIFICATION
    head_mail = mail.outbox[-1]
    assert head_mail.to == ["proviseur@example.fr"]
    assert head_mail.subject == "Merci de confirmer que Lycée Louis-le-Grand participe à Jumelage"
    assert AuditEntry.objects.filter(action="school.registered", subject_user=user).exists()


def test_head_email_is_in_english_when_the_site_lacks_the_countrys_language(
    client, django_capture_on_commit_callbacks, settings
):
    # Every founding country's language is shipped: a site shipping only two lacks German.
    settings.LANGUAGES = [("en", "English"), ("fr", "Français")]
    confirmed_teacher(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("schools:register"),
            {**SCHOOL, "country": "DE", "national_id": "BE-1042", "phone": "+49 30 1234567"},
        )
    assert "Please confirm that" in mail.outbox[-1].subject


def test_invalid_uai_and_phone_are_refused_with_the_expected_form(client):
    confirmed_teacher(client)
    response = client.post(
        reverse("schools:register"), {**SCHOOL, "national_id": "0750654E", "phone": "12"}
    )
    assert response.status_code == 200
    assert "0750654D" in response.text  # names the expected form
    assert "not a valid phone number" in response.text
    assert 'value="Lycée Louis-le-Grand"' in response.text  # nothing typed is lost
    assert not School.objects.exists()


def test_a_teacher_whose_school_exists_asks_to_join_it_instead_of_duplicating(client):
    school = make_school("FR", national_id="0750654D", verified=False)
    user = confirmed_teacher(client)
    response = client.post(
        reverse("schools:register"),
        {"country": "FR", "national_id": "0750 654d"},
        follow=True,
    )
    assert "is already registered: we asked its head teacher" in response.text
    assert School.objects.count() == 1
    # A request, not a membership: the school gives nothing until someone vouches.
    assert not SchoolMembership.objects.filter(school=school, user=user).exists()
    assert JoinRequest.objects.filter(school=school, user=user, status="pending").exists()


def test_new_school_needs_its_details(client):
    confirmed_teacher(client)
    response = client.post(
        reverse("schools:register"), {"country": "FR", "national_id": "0750654D"}
    )
    assert response.status_code == 200
    assert "required to register a new school" in response.text


def test_similar_names_in_the_same_town_are_possible_duplicates():
    a = make_school("FR", name="Lycée Louis-le-Grand", town="Paris", verified=False)
    b = make_school("FR", name="Lycee Louis le Grand", town="PARIS")
    c = make_school("FR", name="Lycée Louis-le-Grand", town="Lyon")
    d = make_school("FR", name="Collège Victor Hugo", town="Paris")
    found = services.possible_duplicates([a])[a.pk]
    assert b in found
    assert c not in found and d not in found


def test_a_page_of_schools_finds_the_same_duplicates_as_comparing_each_pair():
    """The queue's grouping by town and difflib's quick bounds change no outcome."""
    names = [
        "École Jean Moulin",
        "Ecole Jean-Moulin annexe",
        "École Jean Monnet",
        "Collège Jean Moulin",
        "Lycée Marie Curie",
        "Lycee Pierre et Marie Curie",
        "Lycée Curie",
        "Institution Sainte-Marie",
        "",
    ]
    schools = [
        make_school("FR", name=name or "-", town=town, verified=False)
        for town in ("Lille", "LILLE", "Arras")
        for name in names
    ]
    page = schools[::2]
    found = services.possible_duplicates(page)
    for school in page:
        expected = {
            other.pk
            for other in schools
            if other.pk != school.pk
            and other.town.lower() == school.town.lower()
            and services.similar_names(other.name, school.name)
        }
        assert {other.pk for other in found[school.pk]} == expected, school.name
    assert any(found.values())


def test_head_confirms_once_and_a_second_time_changes_nothing(client):
    school = make_school("FR", verified=False)
    url = reverse("schools:head_confirm", args=[services.head_token(school)])
    response = client.get(url)
    assert "I confirm that my school takes part" in response.text
    school.refresh_from_db()
    assert school.head_confirmed_at is None  # a GET (e.g. a mail scanner) changes nothing
    client.post(url)
    school.refresh_from_db()
    first = school.head_confirmed_at
    assert first is not None
    response = client.post(url)
    assert "You already confirmed" in response.text
    school.refresh_from_db()
    assert school.head_confirmed_at == first
    assert AuditEntry.objects.filter(action="school.head_confirmed").count() == 1


def test_tampered_head_link_and_a_link_for_an_old_head_address_are_refused(client):
    school = make_school("FR", verified=False)
    token = services.head_token(school)
    response = client.post(reverse("schools:head_confirm", args=[token + "x"]))
    assert response.status_code == 400
    school.head_email = "new.head@example.fr"
    school.save()
    response = client.post(reverse("schools:head_confirm", args=[token]))
    assert response.status_code == 400
    school.refresh_from_db()
    assert school.head_confirmed_at is None


def test_a_rejected_teacher_corrects_the_school_and_resubmits(client):
    teacher = make_teacher("FR", verified=False)
    school = teacher.schools.get()
    school.status = School.Status.REJECTED
    school.registered_by = teacher
    school.save()
    TeacherProfile.objects.filter(user=teacher).update(status="rejected", rejection_reason="?")
    client.force_login(teacher)
    response = client.get(reverse("core:dashboard"))
    assert "Ask to be verified again" in response.text
    data = {**SCHOOL, "national_id": "0750655E"}
    response = client.post(reverse("schools:edit", args=[school.pk]), data)
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.status == School.Status.PENDING and school.national_id == "0750655E"
    client.post(reverse("schools:resubmit"))
    teacher.teacher_profile.refresh_from_db()
    assert teacher.teacher_profile.status == TeacherProfile.Status.AWAITING_VERIFICATION
    # Replayed: nothing changes and it says so.
    response = client.post(reverse("schools:resubmit"), follow=True)
    assert "nothing changed" in response.text


def test_school_pages_refuse_outsiders(client):
    school = make_school("FR", verified=False)
    member = make_teacher("FR", verified=False, school=school)
    school.registered_by = member
    school.save()
    other = make_teacher("FR", verified=False)
    edit = reverse("schools:edit", args=[school.pk])
    assert client.get(edit).status_code == 302  # anonymous: to login
    assert client.get(reverse("schools:register")).status_code == 302
    client.force_login(other)
    assert client.get(edit).status_code == 404
    client.force_login(member)
    assert client.get(edit).status_code == 200
    assert client.get(reverse("schools:resubmit")).status_code == 405
    verified = make_school("FR")
    SchoolMembership.objects.create(school=verified, user=member)
    assert client.get(reverse("schools:edit", args=[verified.pk])).status_code == 404


def test_an_expired_head_link_is_refused_and_changes_nothing(client):
    school = make_school("FR", verified=False)
    forty_days_ago = time.time() - 40 * 86400
    with patch("django.core.signing.time.time", return_value=forty_days_ago):
        token = services.head_token(school)
    response = client.post(reverse("schools:head_confirm", args=[token]))
    assert response.status_code == 400
    assert "This link has expired" in response.text
    school.refresh_from_db()
    assert school.head_confirmed_at is None
