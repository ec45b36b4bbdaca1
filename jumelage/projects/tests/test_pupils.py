"""Pupil accounts: created by their teacher, printed cards, login, retention."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.core.errors import Refused
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Membership, PupilAccount
from jumelage.projects.tasks import remove_expired_pupils
from jumelage.testing import add_member, make_project, make_pupil, make_teacher

pytestmark = pytest.mark.django_db


def _founder(project):
    return project.memberships.filter(is_founder=True).first().user


def _cards(html):
    return re.findall(
        r'<code class="login">([^<]+)</code>.*?<code class="password">([^<]+)</code>', html, re.S
    )


def _batch(client, project):
    page = client.get(reverse("projects:pupils", args=[project.pk])).content.decode()
    return re.search(r'name="batch" value="([^"]+)"', page).group(1)


def test_a_teacher_creates_a_class_and_prints_login_cards(client):
    project = make_project()
    teacher = _founder(project)
    client.force_login(teacher)
    data = {"names": "Léa\n\n  Hugo  \nInès", "batch": _batch(client, project)}
    response = client.post(reverse("projects:pupils", args=[project.pk]), data)
    cards = _cards(response.content.decode())
    assert len(cards) == 3
    pupils = User.objects.filter(kind="pupil").order_by("display_name")
    assert [p.display_name for p in pupils] == ["Hugo", "Inès", "Léa"]
    for pupil in pupils:
        assert pupil.email is None and pupil.must_change_password
        assert pupil.schools.get() == teacher.schools.get()
        m = Membership.objects.get(user=pupil)
        assert m.project == project and m.role == "pupil" and m.teacher == teacher
    login, password = cards[0]
    assert User.objects.get(username=login).check_password(password)
    # Reloading the cards page replays the form: nothing is created twice.
    replay = client.post(reverse("projects:pupils", args=[project.pk]), data, follow=True)
    assert "already created" in replay.content.decode()
    assert User.objects.filter(kind="pupil").count() == 3
    # The list shows the class, without the passwords.
    page = client.get(reverse("projects:pupils", args=[project.pk])).content.decode()
    assert login in page and password not in page


def test_empty_or_oversized_classes_are_refused_with_a_message(client):
    project = make_project()
    client.force_login(_founder(project))
    url = reverse("projects:pupils", args=[project.pk])
    batch = _batch(client, project)
    response = client.post(url, {"names": "  \n ", "batch": batch})
    assert "at least one name" in response.content.decode()
    too_many = "\n".join(f"P{n}" for n in range(61))
    response = client.post(url, {"names": too_many, "batch": batch})
    assert "At most 60" in response.content.decode()
    # What the teacher typed is kept in the form.
    assert "P59" in response.content.decode()
    assert not User.objects.filter(kind="pupil").exists()


def test_pupil_logs_in_changes_password_and_sees_only_their_projects(client):
    project = make_project(title="Our towns")
    other = make_project(title="Secret garden")
    make_pupil(other)
    cards = services.create_pupils(access_for(_founder(project), project), ["Léa"])
    pupil, password = cards[0]
    url = reverse("accounts:pupil_login")
    bad = client.post(url, {"login": pupil.username, "password": "wrong"})
    assert "do not match" in bad.content.decode()
    response = client.post(url, {"login": pupil.username.upper(), "password": password})
    assert response.url == reverse("accounts:pupil_password")
    # Until a new password is set, every page leads to the change form.
    assert client.get(reverse("projects:mine")).url == reverse("accounts:pupil_password")
    client.post(
        reverse("accounts:pupil_password"),
        {"new_password1": "blue-elephant-42", "new_password2": "blue-elephant-42"},
    )
    pupil.refresh_from_db()
    assert not pupil.must_change_password and pupil.check_password("blue-elephant-42")
    mine = client.get(reverse("projects:mine")).content.decode()
    assert "Our towns" in mine and "Secret garden" not in mine
    assert client.get(reverse("projects:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200


def test_pupils_cannot_do_teacher_actions(client):
    project = make_project()
    pupil = make_pupil(project)
    client.force_login(pupil)
    for name in ("pupils", "invitations", "edit"):
        assert client.get(reverse(f"projects:{name}", args=[project.pk])).status_code == 404
    assert client.post(reverse("projects:close", args=[project.pk])).status_code == 302
    project.refresh_from_db()
    assert project.is_active
    assert client.get(reverse("projects:create")).status_code == 404
    with pytest.raises(Refused):
        services.create_pupils(access_for(pupil, project), ["Intruder"])


def test_teacher_resets_only_their_own_pupils(client):
    project = make_project()
    first = _founder(project)
    other_teacher = add_member(project)
    ((pupil, _password),) = services.create_pupils(access_for(first, project), ["Léa"])
    membership = Membership.objects.get(user=pupil)
    url = reverse("projects:pupil_reset", args=[project.pk, membership.pk])
    client.force_login(other_teacher)
    assert client.post(url).status_code == 404
    client.force_login(first)
    cards = _cards(client.post(url).content.decode())
    pupil.refresh_from_db()
    assert pupil.check_password(cards[0][1]) and pupil.must_change_password


def test_accounts_no_project_holds_are_removed_after_retention(settings):
    settings.JUMELAGE_PUPIL_RETENTION_DAYS = 30
    project = make_project()
    kept_project = make_project()
    admin = _founder(project)
    (leaving, _), (staying, _) = services.create_pupils(access_for(admin, project), ["Léa", "Hugo"])
    Membership.objects.create(
        project=kept_project, user=staying, role="pupil", school=staying.schools.first()
    )
    services.close(access_for(admin, project))
    services.archive(access_for(admin, project))
    assert PupilAccount.objects.get(user=leaving).released_at is not None
    assert PupilAccount.objects.get(user=staying).released_at is None
    # Not yet: the retention period runs.
    assert remove_expired_pupils() == 0
    PupilAccount.objects.filter(user=leaving).update(
        released_at=timezone.now() - timedelta(days=31)
    )
    call_command("remove_expired_pupils")
    assert not User.objects.filter(pk=leaving.pk).exists()
    assert User.objects.filter(pk=staying.pk).exists()


def test_retention_runs_daily_with_celery_beat(settings):
    from jumelage.celery import app

    assert "projects.remove_expired_pupils" in app.tasks
    assert settings.CELERY_BEAT_SCHEDULE["projects.remove_expired_pupils"]["task"] == (
        "projects.remove_expired_pupils"
    )


def test_teachers_of_the_other_founding_school_create_their_own_class():
    project = make_project()
    second = project.memberships.filter(is_founder=True).order_by("id").last().user
    ((pupil, _),) = services.create_pupils(access_for(second, project), ["Jonas"])
    assert pupil.schools.get().country_id == "DE"


def test_pupil_login_page_is_public_and_rejects_bad_methods(client):
    assert client.get(reverse("accounts:pupil_login")).status_code == 200
    assert client.put(reverse("accounts:pupil_login")).status_code == 405
    assert client.get(reverse("accounts:pupil_password")).status_code == 302
    client.force_login(make_teacher("FR"))
    assert client.get(reverse("accounts:pupil_password")).status_code == 404


def test_pupil_pages_speak_french(client):
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("accounts:pupil_login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Connexion élève" in page and "Ton identifiant" in page
    response = client.post(
        reverse("accounts:pupil_login"),
        {"login": "nobody", "password": "x"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert "Demande à ton enseignant" in response.content.decode()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_retention_task_runs_on_a_real_celery_worker(celery_worker_real, settings):
    import time

    settings.JUMELAGE_PUPIL_RETENTION_DAYS = 1
    project = make_project()
    ((pupil, _),) = services.create_pupils(access_for(_founder(project), project), ["Léa"])
    Membership.objects.filter(user=pupil).delete()
    PupilAccount.objects.filter(user=pupil).update(released_at=timezone.now() - timedelta(days=2))
    remove_expired_pupils.delay()
    deadline = time.monotonic() + 20
    while User.objects.filter(pk=pupil.pk).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not User.objects.filter(pk=pupil.pk).exists()


def test_the_address_printed_on_earlier_cards_still_leads_to_the_pupil_login(client):
    response = client.get("/projects/pupils/login/")
    assert response.status_code == 301
    assert response.url == reverse("accounts:pupil_login")
