"""Killed and retried uploads (issue 13): no temporary file outlives its request,
and a retried upload is stored once."""

import os
import select
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from jumelage import testing
from jumelage.materials.models import Item
from jumelage.materials.tests import samples

PDF_SIZE = 6 * 1024 * 1024  # above FILE_UPLOAD_MAX_MEMORY_SIZE: kept in a temporary file


def post(client, project, key, *files):
    return client.post(
        reverse("materials:upload", args=[project.pk]),
        {"files": list(files), "upload_key": str(key)},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )


@pytest.mark.django_db
def test_a_retry_with_the_same_upload_key_stores_one_file(client, project, teacher):
    """The first answer was lost: the page sends the file again with the same key."""
    client.force_login(teacher)
    key = uuid.uuid4()
    first = post(client, project, key, samples.pdf("plan.pdf"))
    again = post(client, project, key, samples.pdf("plan.pdf"))
    assert first.json()["results"][0]["ok"]
    result = again.json()["results"][0]
    assert result["ok"] and result["message"] == "“plan.pdf” was already added."
    assert result["url"] == first.json()["results"][0]["url"]
    assert Item.objects.count() == 1
    # A new sending (a new key) of the same file is a new file, as the person asked.
    post(client, project, uuid.uuid4(), samples.pdf("plan.pdf"))
    assert Item.objects.count() == 2


@pytest.mark.django_db
def test_a_form_sent_twice_without_javascript_stores_each_file_once(client, project, teacher):
    client.force_login(teacher)
    page = client.get(reverse("materials:index", args=[project.pk]))
    key = page.context["upload_form"]["upload_key"].value()
    assert f'name="upload_key" value="{key}"' in page.text
    for _ in range(2):
        client.post(
            reverse("materials:upload", args=[project.pk]),
            {"files": [samples.pdf("a.pdf"), samples.png("b.png")], "upload_key": str(key)},
        )
    assert sorted(Item.objects.values_list("name", flat=True)) == ["a.pdf", "b.png"]


@pytest.mark.django_db
def test_a_bad_upload_key_is_a_message_not_an_error(client, project, teacher):
    client.force_login(teacher)
    response = post(client, project, "not-a-key", samples.pdf())
    assert response.status_code == 400
    assert "reload the page" in response.json()["results"][0]["message"]


@pytest.mark.django_db
def test_the_database_holds_one_file_per_person_and_upload_key(project, teacher):
    key = uuid.uuid4()
    fields = {"project": project, "uploaded_by": teacher, "kind": "pdf", "size": 1}
    Item.objects.create(name="a.pdf", upload_key=key, **fields)
    Item.objects.create(name="b.pdf", upload_key=None, **fields)
    Item.objects.create(name="c.pdf", upload_key=None, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(name="d.pdf", upload_key=key, **fields)


# --- A real server process --------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server_process(postgres, transactional_db, django_db_serialized_rollback, tmp_path):
    """uvicorn in its own process on the test database; its temporary directories are
    tmp_path/system (TMPDIR) and tmp_path/uploads (FILE_UPLOAD_TEMP_DIR)."""
    db = postgres.settings_dict
    dirs = [tmp_path / "system", tmp_path / "uploads"]
    for path in dirs:
        path.mkdir()
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TMPDIR": str(dirs[0]),
        "FILE_UPLOAD_TEMP_DIR": str(dirs[1]),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "jumelage.asgi:application", "--host", "127.0.0.1"]
        + ["--port", str(port), "--log-level", "warning"],
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
    process.port, process.dirs = port, dirs
    yield process
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


def _session(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _upload_request(project, user, size) -> tuple[bytes, bytes]:
    """Headers and multipart body of a PDF upload, CSRF token included."""
    boundary = uuid.uuid4().hex
    token = uuid.uuid4().hex  # any 32 characters: the cookie and the header must agree
    content = b"%PDF-1.4\n" + b"0" * (size - 20) + b"\n%%EOF\n"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="upload_key"\r\n\r\n'
            f"{uuid.uuid4()}\r\n--{boundary}\r\n"
            f'Content-Disposition: form-data; name="files"; filename="big.pdf"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    path = reverse("materials:upload", args=[project.pk])
    headers = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Cookie: sessionid={_session(user)}; csrftoken={token}\r\n"
        f"X-CSRFToken: {token}\r\nX-Requested-With: XMLHttpRequest\r\n\r\n"
    ).encode()
    return headers, body


def _open_in(pid, dirs) -> list[str]:
    """What the process holds open inside the temporary directories."""
    found = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if any(target.startswith(str(d)) for d in dirs):
            found.append(target)
    return found


def _left_in(dirs) -> list[str]:
    return [str(p) for d in dirs for p in d.rglob("*") if p.is_file()]


def _wait_for(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_server_killed_during_an_upload_leaves_no_temporary_file(server_process, project):
    """kill -9 while the upload is being stored: the kernel frees its temporary file."""
    import psycopg
    from django.db import connection

    from jumelage.projects.models import Project

    teacher = project.memberships.filter(is_founder=True).first().user
    headers, body = _upload_request(project, teacher, PDF_SIZE)
    db = connection.settings_dict
    # Hold the project's row: the upload, which locks it to check the quota, waits there
    # with its file received and its temporary file open.
    with psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"]
    ) as lock:
        lock.execute(
            f"SELECT id FROM {Project._meta.db_table} WHERE id = %s FOR UPDATE",  # noqa: S608
            [project.pk],
        )
        with socket.create_connection(("127.0.0.1", server_process.port)) as client:
            client.sendall(headers + body)

            def waiting_on_the_lock():
                with connection.cursor() as cursor:  # outside the lock's transaction
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    )
                    return cursor.fetchone()[0]

            _wait_for(waiting_on_the_lock, "the upload to reach the quota check")
            assert _open_in(server_process.pid, server_process.dirs), "no temporary file open"
            server_process.send_signal(signal.SIGKILL)
            server_process.wait(timeout=10)
        lock.rollback()
    assert _left_in(server_process.dirs) == []
    assert not Item.objects.exists()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_client_that_hangs_up_mid_upload_leaves_no_temporary_file(server_process, project):
    teacher = project.memberships.filter(is_founder=True).first().user
    headers, body = _upload_request(project, teacher, 2 * PDF_SIZE)
    with socket.create_connection(("127.0.0.1", server_process.port)) as client:
        client.sendall(headers + body[: PDF_SIZE + PDF_SIZE // 2])  # spooled to disk by now
        _wait_for(
            lambda: _open_in(server_process.pid, server_process.dirs), "the body to be received"
        )
    _wait_for(lambda: not _open_in(server_process.pid, server_process.dirs), "the server to let go")
    assert _left_in(server_process.dirs) == []
    assert server_process.poll() is None  # still serving
    assert not Item.objects.exists()


# --- The size limit holds while the body streams (issue 12) ----------------------


def _status_and_text(connection) -> tuple[int, str]:
    connection.settimeout(30)  # a hang guard: the answer is expected before the body is sent
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = int(
        next(
            (
                line.split(b":")[1]
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            ),
            b"0",
        )
    )
    while len(rest) < length:
        rest += connection.recv(65536)
    return int(head.split()[1]), rest.decode()


def _upload_head(live_asgi, extra: str) -> bytes:
    port = live_asgi.rsplit(":", 1)[1]
    return (
        f"POST /projects/1/space/materials/upload/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\nAccept-Language: en\r\n"
        f"{extra}\r\n"
    ).encode()


def _connect(live_asgi):
    host, port = live_asgi.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)))


def test_an_upload_declared_over_the_limit_is_refused_before_its_body_is_sent(live_asgi, settings):
    settings.JUMELAGE_MAX_FILE_SIZE = 1024 * 1024
    with _connect(live_asgi) as connection:
        connection.sendall(_upload_head(live_asgi, f"Content-Length: {50 * 1024 * 1024}\r\n"))
        status, text = _status_and_text(connection)  # not one byte of the body was sent
    assert status == 413
    assert text == "This upload is too large: the limit is 1.0\xa0MB a file."


def test_an_upload_growing_past_the_limit_is_cut_off_while_it_streams(live_asgi, settings):
    settings.JUMELAGE_MAX_FILE_SIZE = 1024 * 1024
    chunk = b"0" * 65536
    with _connect(live_asgi) as connection:
        connection.sendall(_upload_head(live_asgi, "Transfer-Encoding: chunked\r\n"))
        for _ in range(40):  # 2.5 MiB (over the file limit plus the form's margin), never ending
            # Stop sending once the server answered: writing on after its close would
            # reset the connection and lose the answer.
            if select.select([connection], [], [], 0.02)[0]:
                break
            connection.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        status, text = _status_and_text(connection)
    assert status == 413
    assert "This upload is too large" in text


def test_stale_upload_files_are_swept_and_fresh_ones_kept(settings, tmp_path):
    from django.core.management import call_command

    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    stale, fresh = tmp_path / "tmpold.upload.jpg", tmp_path / "tmpnew.upload.jpg"
    stale.write_bytes(b"x" * 1000)
    fresh.write_bytes(b"y")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stale, (two_hours_ago, two_hours_ago))
    call_command("sweep_uploads", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not stale.exists() and fresh.exists()
    assert settings.CELERY_BEAT_SCHEDULE["core.sweep_upload_temp"]["schedule"] == 3600


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_retries_at_once_with_one_key_store_one_file(postgres):
    """The first request is still running when the page's retry arrives."""
    import threading

    from django.db import connections

    from jumelage.materials import services

    project = testing.make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    key = uuid.uuid4()
    start = threading.Barrier(4)
    stored = []

    def upload():
        try:
            start.wait()
            stored.append(
                services.store_upload(project, teacher, samples.pdf("plan.pdf"), None, key).pk
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=upload) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(stored) == 4 and len(set(stored)) == 1
    assert Item.objects.count() == 1
