import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from jumelage.testing import make_teacher

pytestmark = pytest.mark.django_db


def test_home_says_what_the_platform_is_in_english_and_french(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Twin your class with a school in another European country" in response.text
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Jumelez votre classe avec une école d'un autre pays européen" in response.text
    assert 'lang="fr"' in response.text


def test_home_is_accessible_html(client):
    html = client.get("/").text
    assert 'class="skip-link" href="#main"' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert '<label for="language-select">' in html


def test_language_choice_is_remembered_on_the_account(client):
    teacher = make_teacher()
    client.force_login(teacher)
    response = client.post(reverse("core:set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.language == "fr"
    # A new session without the cookie still gets French once logged in.
    client.cookies.clear()
    client.force_login(teacher)
    assert "Jumelez votre classe" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").text


def test_language_switch_refuses_unknown_languages_and_foreign_redirects(client):
    response = client.post(
        reverse("core:set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_healthz_checks_database_and_channel_layer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}


def test_dashboard_refuses_anonymous(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_not_found_page_in_the_sites_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "skip-link" in response.text


def test_server_error_page_in_the_sites_style(client):
    from django.test import RequestFactory

    from jumelage.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Nothing you had saved is lost" in response.content


def test_security_headers_and_csp_without_inline_scripts(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert (
        "'self'" in script_src
        and "unsafe-inline" not in script_src
        and "unsafe-eval" not in script_src
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.text


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "x9!" * 20 + "production-secret-key-for-the-check",
        "ALLOWED_HOSTS": "jumelage.example.org",
        "JUMELAGE_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_models_and_migrations_agree():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_english_text_has_one_translation_across_the_apps():
    """Django merges every app's catalogue: the same msgid translated two ways in two apps
    shows one of them at random ("Subject" became "Discipline" on the twinmail form).
    Where one English word has two meanings, the code gives each its pgettext context."""
    import polib

    translations: dict = {}
    for path in (settings.BASE_DIR / "jumelage").rglob("locale/*/LC_MESSAGES/django.po"):
        language = path.parts[-3]
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.translated():
                continue
            value = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            key = (language, entry.msgctxt, entry.msgid)
            translations.setdefault(key, {}).setdefault(value, []).append(path.parts[-5])
    clashes = [f"{k}: {v}" for k, v in translations.items() if len(v) > 1]
    assert not clashes, "\n".join(clashes)


def test_healthz_json_is_served_over_asgi(live_asgi):
    import urllib.request

    with urllib.request.urlopen(live_asgi + "/healthz", timeout=10) as response:
        assert json.load(response)["channel_layer"] == "ok"


def test_make_run_on_another_port_writes_links_with_that_port():
    """`make run PORT=8101` wrote http://127.0.0.1:8000 into emails and pupil cards (issue 14)."""
    import shutil

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    shown = subprocess.run(
        ["make", "-n", "run", "PORT=8101"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    serve = next(line for line in shown.splitlines() if "uvicorn" in line)
    printed = subprocess.run(
        ["bash", "-c", serve.split(" .venv/bin/uvicorn")[0] + " bash -c 'echo $SITE_URL'"],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
    ).stdout.strip()
    assert printed == "http://127.0.0.1:8101"


@pytest.mark.django_db
def test_the_favicon_is_served_instead_of_a_404_on_every_page(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert 'rel="icon"' in client.get("/").text
