"""H2: nobody can lock a person or a school network out; credential stuffing stays slow."""

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.testing import PASSWORD, make_project, make_teacher

pytestmark = pytest.mark.django_db

ATTACKER = "198.51.100.66"
SCHOOL = "203.0.113.10"


def login(client, email, password=PASSWORD, ip="192.0.2.1"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_victim_still_logs_in_from_home_after_50_failures_from_elsewhere():
    victim = make_teacher()
    attacker = Client()
    for _ in range(50):
        assert login(attacker, victim.email, "guess", ATTACKER).status_code in (200, 429)
    # The attacker's own pair is paused...
    assert login(attacker, victim.email, PASSWORD, ATTACKER).status_code == 429
    # ...but the victim, from their own network, is not.
    home = Client()
    assert login(home, victim.email, PASSWORD, "192.0.2.44").status_code == 302
    assert home.get(reverse("core:dashboard")).status_code == 200


def test_50_junk_logins_from_a_school_do_not_block_another_teacher_there():
    junk = Client()
    for n in range(50):
        login(junk, f"junk{n}@example.org", "junk", SCHOOL)
    colleague = make_teacher()
    assert login(Client(), colleague.email, PASSWORD, SCHOOL).status_code == 302


def test_forwarded_headers_are_not_the_client_address():
    """REMOTE_ADDR is the client here (the edge sets it); a spoofed header changes nothing."""
    victim = make_teacher()
    attacker = Client()
    for n in range(10):
        attacker.post(
            reverse("accounts:login"),
            {"username": victim.email, "password": "guess"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"10.1.1.{n}",
        )
    response = attacker.post(
        reverse("accounts:login"),
        {"username": victim.email, "password": PASSWORD},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR="10.2.2.2",
    )
    assert response.status_code == 429


def test_credential_stuffing_from_one_ip_over_many_accounts_is_throttled(settings):
    ceiling = settings.LOGIN_IP_CEILING
    teachers = [make_teacher() for _ in range(3)]
    stuffer = Client()
    for n in range(ceiling):
        response = login(stuffer, f"leaked{n}@example.org", "leaked-password", ATTACKER)
        assert response.status_code == 200
    # Past the ceiling even a right password of an account never seen from there is refused.
    for teacher in teachers:
        response = login(stuffer, teacher.email, PASSWORD, ATTACKER)
        assert response.status_code == 429
        assert "Too many failed logins came from this network" in response.text
    # Another network is unaffected.
    assert login(Client(), teachers[0].email, PASSWORD, SCHOOL).status_code == 302


def test_teachers_and_pupils_known_at_a_school_survive_a_flood_from_it(settings):
    settings.LOGIN_IP_CEILING = 20
    teacher = make_teacher()
    project = make_project()
    founder = project.memberships.filter(is_founder=True).first().user
    ((pupil, card_password),) = services.create_pupils(access_for(founder, project), ["Ana"])
    # They logged in from the school before.
    assert login(Client(), teacher.email, PASSWORD, SCHOOL).status_code == 302
    pupil_url = reverse("accounts:pupil_login")
    first = Client().post(
        pupil_url, {"login": pupil.username, "password": card_password}, REMOTE_ADDR=SCHOOL
    )
    assert first.status_code == 302
    flood = Client()
    for n in range(30):
        login(flood, f"junk{n}@example.org", "junk", SCHOOL)
    assert login(flood, "junk99@example.org", "junk", SCHOOL).status_code == 429
    assert login(Client(), teacher.email, PASSWORD, SCHOOL).status_code == 302
    again = Client().post(
        pupil_url, {"login": pupil.username, "password": card_password}, REMOTE_ADDR=SCHOOL
    )
    assert again.status_code == 302


def test_an_unreachable_cache_fails_open_and_pages_still_work(settings):
    """Nothing listens on this port: a real connection refused, as when Redis is down."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    settings.CACHES = {
        "default": {
            "BACKEND": "jumelage.core.cache.SharedClientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "retry": Retry(NoBackoff(), 0)},
        }
    }
    teacher = make_teacher()
    client = Client()
    assert login(client, teacher.email, "wrong").status_code == 200
    assert login(client, teacher.email).status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    # The per-pair lock lives in the database and still holds.
    for _ in range(5):
        login(Client(), teacher.email, "wrong", ATTACKER)
    assert login(Client(), teacher.email, PASSWORD, ATTACKER).status_code == 429


def test_the_pause_of_a_pair_grows_with_each_failure_during_it():
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    victim = make_teacher()
    attacker = Client()
    for _ in range(5):
        login(attacker, victim.email, "guess", ATTACKER)
    first = login(attacker, victim.email, "guess", ATTACKER)
    assert first.status_code == 429
    assert "Try again in 10 minutes" in first.text
    second = login(attacker, victim.email, "guess", ATTACKER)
    assert "Try again in 20 minutes" in second.text

    def age(minutes):
        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))

    age(11)  # the first pause would be over, the grown one is not
    third = login(attacker, victim.email, PASSWORD, ATTACKER)
    assert third.status_code == 429  # any try during a pause counts, and doubles it
    assert "Try again in 40 minutes" in third.text
    age(41)
    assert login(attacker, victim.email, PASSWORD, ATTACKER).status_code == 302
