"""The whole cycle on a scratch instance: back up, destroy, restore, log in, find it all.

Every step runs as the operator would run it, in its own process (manage.py, then
uvicorn), against a scratch database and media directory that are not the test
database: SQLite in the first pass, PostgreSQL in the second.
"""

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable

SEED = """
import hashlib, json
from django.core.files.base import ContentFile
from django.urls import reverse
from jumelage import testing
from jumelage.materials.models import Item

teacher = testing.make_teacher("FR")
project = testing.make_project([teacher, testing.make_teacher("DE")], title="Garden diaries")
data = b"%PDF-1.4 restored bytes " + bytes(range(256)) * 64
item = Item(project=project, name="plan.pdf", kind=Item.Kind.PDF,
            content_type="application/pdf", size=len(data), uploaded_by=teacher)
item.file.save("plan.pdf", ContentFile(data), save=True)
print(json.dumps({
    "email": teacher.email,
    "password": testing.PASSWORD,
    "title": project.title,
    "login": reverse("accounts:login"),
    "mine": reverse("projects:mine"),
    "download": reverse("materials:download", args=[project.pk, item.pk]),
    "sha256": hashlib.sha256(data).hexdigest(),
}))
"""


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
    return result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(env: dict):
    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", "jumelage.asgi:application", "--host", "127.0.0.1"]
        + ["--port", str(port), "--lifespan", "off", "--no-proxy-headers"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/", timeout=2)
            return server, url
        except httpx.TransportError:
            if server.poll() is not None:
                raise AssertionError(server.stderr.read().decode()) from None
            time.sleep(0.3)
    server.kill()
    raise AssertionError("uvicorn did not start")


def _log_in_and_fetch(env: dict, seed: dict) -> None:
    """As the teacher, over HTTP: the project is listed and the file has its bytes."""
    server, url = _serve(env)
    try:
        with httpx.Client(base_url=url, follow_redirects=True, timeout=20) as client:
            page = client.get(seed["login"])
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            response = client.post(
                seed["login"],
                data={
                    "csrfmiddlewaretoken": token,
                    "username": seed["email"],
                    "password": seed["password"],
                },
            )
            assert response.status_code == 200
            mine = client.get(seed["mine"])
            assert mine.status_code == 200
            assert seed["title"] in mine.text
            download = client.get(seed["download"])
            assert download.status_code == 200
            assert hashlib.sha256(download.content).hexdigest() == seed["sha256"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def _environment(tmp_path: Path, database_url: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
        and not key.startswith("PYTEST")
    }
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path / "media"),
        SECRET_KEY="scratch-" + uuid.uuid4().hex,
        JUMELAGE_VAR_DIR=str(tmp_path / "var"),
        SITE_URL="http://127.0.0.1",
        PYTHONUNBUFFERED="1",
    )
    return env


def _cycle(tmp_path: Path, env: dict, destroy, recreate) -> Path:
    _manage(env, "migrate", "--no-input", "-v", "0")
    seed = json.loads(_manage(env, "shell", "-c", SEED).strip().splitlines()[-1])
    made = Path(_manage(env, "backup_instance", "--to", str(tmp_path / "backups")).strip())

    manifest = json.loads((made / "manifest.json").read_text())
    assert manifest["media_files"] == 1
    assert manifest["jumelage_version"] != "unknown"
    assert "projects" in manifest["migrations"]
    for part in ("secret_key", "config.env", "manifest.json"):
        assert (made / part).stat().st_mode & 0o077 == 0, part
    assert (made / "secret_key").read_text().strip() == env["SECRET_KEY"]
    assert f"DATABASE_URL={env['DATABASE_URL']}" in (made / "config.env").read_text()

    destroy()
    shutil.rmtree(env["MEDIA_ROOT"])
    recreate()
    output = _manage(env, "restore_instance", "--from", str(made))
    assert "SECRET_KEY" in output

    _log_in_and_fetch(env, seed)
    return made


def test_backup_destroy_restore_on_sqlite(tmp_path):
    database = tmp_path / "scratch.sqlite3"
    env = _environment(tmp_path, f"sqlite:///{database}")

    def destroy():
        for path in tmp_path.glob("scratch.sqlite3*"):
            path.unlink()

    made = _cycle(tmp_path, env, destroy, lambda: None)

    # A second restore over the live instance is refused, then allowed with --force.
    refused = subprocess.run(
        [PYTHON, "manage.py", "restore_instance", "--from", str(made)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "not empty" in refused.stderr
    _manage(env, "restore_instance", "--from", str(made), "--force")


def _postgres_server() -> dict:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        if os.environ.get("JUMELAGE_REQUIRE_SERVICES") == "1":
            pytest.fail("PostgreSQL (DATABASE_URL) is required but missing")
        pytest.skip("PostgreSQL (DATABASE_URL) is not available")
    return db


def _pg_url(db: dict, name: str) -> str:
    auth = f"{db.get('USER') or 'postgres'}"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


@pytest.mark.services
def test_backup_destroy_restore_on_postgresql(tmp_path):
    db = _postgres_server()
    # Derived from this worker's database name, so parallel runs do not collide.
    name = f"{db['NAME']}_scratch_{uuid.uuid4().hex[:8]}"
    url = _pg_url(db, name)
    pg_env = {
        **os.environ,
        "PGHOST": db.get("HOST") or "127.0.0.1",
        "PGPORT": str(db.get("PORT") or 5432),
        "PGUSER": db.get("USER") or "postgres",
        "PGPASSWORD": db.get("PASSWORD") or "",
    }

    def pg(*command):
        subprocess.run(command, env=pg_env, check=True, capture_output=True)

    pg("createdb", name)
    try:
        env = _environment(tmp_path, url)
        _cycle(
            tmp_path,
            env,
            destroy=lambda: pg("dropdb", "--force", name),
            recreate=lambda: pg("createdb", name),
        )
    finally:
        pg("dropdb", "--if-exists", "--force", name)


@pytest.mark.services
def test_a_failed_dump_leaves_no_backup_behind(tmp_path):
    db = _postgres_server()
    missing = f"{db['NAME']}_missing_{uuid.uuid4().hex[:8]}"
    env = _environment(tmp_path, _pg_url(db, missing))
    result = subprocess.run(
        [PYTHON, "manage.py", "backup_instance", "--to", str(tmp_path / "backups")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "pg_dump failed" in result.stderr and missing in result.stderr
    assert list((tmp_path / "backups").iterdir()) == []
