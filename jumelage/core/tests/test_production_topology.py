"""The production topology (deploy/, `make prod`) brought up on loopback and driven.

One module, processes started once: deploy/prod.py runs nginx, gunicorn (pages and the
health pool), uvicorn (WebSockets) and a Celery worker on this pass's PostgreSQL and
Redis; Chromium logs in through nginx, chats across two pages and uploads then
downloads a file. Then a second web node (gunicorn + uvicorn on other ports) joins
behind one nginx with a server block per node, and a chat message sent through node A
reaches a client connected through node B. Last, the load test (bench/load_journeys.py)
runs at tiny scale against the topology with no error.
"""

import asyncio
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import websockets
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from conftest import _free_port, _missing

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "deploy"))
import prod  # noqa: E402  (deploy/prod.py: the tested command itself)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
PASSWORD = "topology-pass-1"


def _wait_http(url: str, procs, timeout=90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def _stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def topology(django_db_setup, django_db_blocker, tmp_path_factory):
    """`deploy/prod.py --no-setup` on free ports, on this pass's test database and Redis."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        _missing("PostgreSQL and Redis (DATABASE_URL, REDIS_URL)")
    if not prod.nginx_binary():
        _missing("nginx (apt-get install nginx-light)")
    started = time.monotonic()
    base = tmp_path_factory.mktemp("prod")
    static_root, media_root = base / "static", base / "media"
    with override_settings(STATIC_ROOT=static_root):  # what nginx serves from disk
        call_command("collectstatic", "--noinput", "--link", verbosity=0)
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "PROD_DIR": str(base / "prod"),
        "PROD_ENV_FILE": str(base / "none.env"),
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "JUMELAGE_VAR_DIR": str(base / "var"),
        # This process's key: the sessions it makes (force_login) are valid there too.
        "SECRET_KEY": settings.SECRET_KEY,
        "HTTP_PORT": str(_free_port()),
        "WSGI_PORT": str(_free_port()),
        "ASGI_PORT": str(_free_port()),
        "HEALTH_PORT": str(_free_port()),
        "WEB_WORKERS": "1",
        "CELERY_CONCURRENCY": "1",
        "NGINX_WORKERS": "1",
        "GRACEFUL_TIMEOUT": "1",
        "JUMELAGE_BENCH_VIEW": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    log = open(base / "prod.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "deploy" / "prod.py"), "--no-setup",
         "--only", "nginx,web,health,ws,worker"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{env['HTTP_PORT']}"
    try:
        _wait_http(url + "/healthz", [proc])
        print(f"topology up in {time.monotonic() - started:.1f} s")
        yield {"url": url, "env": env, "base": base, "procs": [proc]}
    except BaseException:
        log.flush()
        print((base / "prod.log").read_text()[-5000:])
        raise
    finally:
        _stop(proc)
        log.close()


@pytest.fixture
def project_world(transactional_db):
    from jumelage.chat.models import Room
    from jumelage.realtime.testing import ensure_reference_data
    from jumelage.testing import make_project, make_pupil

    ensure_reference_data()
    project = make_project(pupils_need_approval=False)
    teacher = project.created_by
    # The servers hash with the production hasher: give the teacher a hash they verify.
    teacher.password = PBKDF2PasswordHasher().encode(PASSWORD, "topologysalt", iterations=1000)
    teacher.save(update_fields=["password"])
    pupil = make_pupil(project, name="Pia")
    room = Room.objects.create(project=project, kind="general")
    return project, teacher, pupil, room


def _cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), "purple").save(out, "PNG")
    return out.getvalue()


def test_the_whole_topology_serves_login_chat_and_files_through_nginx(
    topology, project_world, new_page
):
    project, teacher, pupil, room = project_world
    url = topology["url"]
    with urllib.request.urlopen(url + "/static/core/favicon.ico") as response:
        assert response.headers["Server"].startswith("nginx")  # from disk, not Django
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url + "/media/materials/anything.png")
    assert refused.value.code == 404  # media only through the views' access checks

    # The teacher logs in through the form (gunicorn), the pupil has a session.
    teacher_page = new_page()
    teacher_page.goto(url + "/accounts/login/")
    teacher_page.fill("#id_username", teacher.email)
    teacher_page.fill("#id_password", PASSWORD)
    teacher_page.get_by_role("button", name="Log in").click()
    # The first login rehashes the password with the production hasher: seconds.
    teacher_page.wait_for_url(url + "/dashboard/", timeout=60_000)
    pupil_page = new_page()
    pupil_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": _cookie(pupil), "url": url}]
    )

    # Chat: WebSockets through nginx's /ws/ to uvicorn, across the Redis channel layer.
    chat = f"{url}/projects/{project.pk}/space/chat/rooms/{room.pk}/"
    for page in (teacher_page, pupil_page):
        page.goto(chat)
        page.wait_for_selector("#chat[data-socket=open]")
    teacher_page.get_by_role("textbox", name="Message").fill("Bonjour through nginx")
    teacher_page.get_by_role("button", name="Send").click()
    pupil_page.locator(".chat-message", has_text="Bonjour through nginx").wait_for()

    # Materials: upload in the browser, then download through the access-checked view.
    teacher_page.goto(f"{url}/projects/{project.pk}/space/materials/")
    picture = _png()
    teacher_page.get_by_label("Files", exact=True).set_input_files(
        [{"name": "class-photo.png", "mimeType": "image/png", "buffer": picture}]
    )
    teacher_page.get_by_role("button", name="Upload").click()
    teacher_page.locator("[data-upload-status]").get_by_text("added").wait_for()
    teacher_page.get_by_role("link", name="Show the updated list").click()
    href = teacher_page.get_by_role("link", name="class-photo.png").first.get_attribute("href")
    downloaded = teacher_page.context.request.get(url + href)
    assert downloaded.status == 200
    assert downloaded.body() == picture
    # Someone of no project gets a 404 for the same file, through the same nginx.
    assert pupil_page.context.request.get(url + href).status == 200  # a member
    stranger = new_page().context.request.get(url + href, max_redirects=0)
    assert stranger.status in (302, 404)


async def _ws(base_url, project_id, cookie):
    return await websockets.connect(
        base_url.replace("http://", "ws://") + f"/ws/projects/{project_id}/",
        additional_headers={"Cookie": f"sessionid={cookie}"},
        origin=base_url,
        open_timeout=15,
    )


async def _until(ws, kind, timeout=15):
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == kind:
                return frame


@pytest.fixture(scope="module")
def two_nodes(topology):
    """Node A: the topology's gunicorn + uvicorn. Node B: a second pair on other ports.

    One more nginx with a server block per node (node_a, node_b ports), each block's
    upstreams on its node alone: a client is forced to a node by the port it uses.
    """
    env = {**topology["env"], "WSGI_PORT": str(_free_port()), "ASGI_PORT": str(_free_port()),
           "PROD_DIR": str(topology["base"] / "node-b")}  # fmt: skip
    node_b = subprocess.Popen(
        [sys.executable, str(ROOT / "deploy" / "prod.py"), "--no-setup", "--only", "web,ws"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    a, b = topology["env"], env
    port_a, port_b = _free_port(), _free_port()
    sites = [
        prod.render_site(
            listen=f"127.0.0.1:{port}",
            node=node,
            wsgi=[f"127.0.0.1:{n['WSGI_PORT']}"],
            asgi=[f"127.0.0.1:{n['ASGI_PORT']}"],
            health=[f"127.0.0.1:{n['WSGI_PORT']}"],
            static_root=a["STATIC_ROOT"],
            media_root=a["MEDIA_ROOT"],
        )  # fmt: skip
        for node, port, n in (("_a", port_a, a), ("_b", port_b, b))
    ]
    prefix = topology["base"] / "nginx-two-nodes"
    conf = prod.write_nginx(prefix, sites, workers="1")
    nginx = subprocess.Popen(
        [prod.nginx_binary(), "-p", str(prefix), "-c", str(conf), "-e", "stderr"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_http(f"http://127.0.0.1:{port_b}/healthz", [node_b, nginx])
        _wait_http(f"http://127.0.0.1:{port_a}/healthz", [nginx])
        yield {"a": f"http://127.0.0.1:{port_a}", "b": f"http://127.0.0.1:{port_b}"}
    finally:
        _stop(nginx)
        _stop(node_b)


def test_a_chat_message_sent_through_node_a_reaches_a_client_of_node_b(two_nodes, project_world):
    from jumelage.chat.models import Message

    project, teacher, pupil, room = project_world
    teacher_cookie, pupil_cookie = _cookie(teacher), _cookie(pupil)

    async def scenario():
        via_a = await _ws(two_nodes["a"], project.pk, teacher_cookie)
        via_b = await _ws(two_nodes["b"], project.pk, pupil_cookie)
        try:
            for ws in (via_a, via_b):
                await ws.send(json.dumps({"type": "chat.join", "room": room.pk}))
                await _until(ws, "chat.history")
            await via_a.send(
                json.dumps({"type": "chat.send", "room": room.pk, "client_id": "x1",
                            "body": "from node A"})
            )  # fmt: skip
            return (await _until(via_b, "chat.message"))["message"]
        finally:
            await via_a.close()
            await via_b.close()

    received = asyncio.run(scenario())
    assert received["body"] == "from node A"
    assert Message.objects.get(room=room).body == "from node A"  # one row, shared PostgreSQL
    _wait_until_the_nodes_are_idle()


def _wait_until_the_nodes_are_idle(timeout: float = 15) -> None:
    """Let the servers finish the closed sockets' clean-up before the test's flush.

    The flush (TRUNCATE of every table) and a node's clean-up query, taking their
    locks in other orders, deadlocked once (stop 32's CI run).
    """
    from django.db import connection

    deadline, quiet = time.monotonic() + timeout, 0
    while quiet < 3 and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state <> 'idle'"
            )
            busy = cursor.fetchone()[0]
        quiet = quiet + 1 if busy == 0 else 0
        time.sleep(0.1)


def test_the_load_test_runs_at_tiny_scale_with_no_error(topology, project_world):
    from jumelage.forum.models import Topic

    project, teacher, pupil, room = project_world
    Topic.objects.create(project=project, author=teacher, title="Recettes", body="<p>Oui</p>")
    out = topology["base"] / "load"
    # 20 s of journeys: a login POST checks the production hash (about a second, several
    # under the CI's load); in 6 s none had finished once (no "log in" row).
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load_journeys.py"), "--host", topology["url"],
         "--users", "3", "--seconds", "20", "--saturate-users", "2", "--saturate-seconds", "4",
         "--think", "0.2,0.5", "--login-share", "1", "--password", PASSWORD, "--set-passwords", "--accounts", "2",
         "--out", str(out), "--json", "--server-log", str(topology["base"] / "prod.log")],
        env=topology["env"], cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    pages = {p["name"]: p for p in report["pages"]}
    assert pages["Aggregated"]["errors"] == 0, pages
    assert {"log in", "space home", "/healthz"} <= set(pages)
    assert report["saturation_errors"] == 0
    # Both saturation phases measured something (the runner warms each page first: a cold
    # worker's first page once outlasted a phase and it recorded nothing).
    assert report["bare_requests"] > 0 and report["pages_requests"] > 0, report
    # Every request is recorded: those after the ramp get their own percentiles.
    steady = pages["Aggregated"]["steady"]
    assert 0 < steady["requests"] <= pages["Aggregated"]["requests"], pages["Aggregated"]
    assert steady["p50"] <= steady["p95"] <= steady["p99"], steady
    # The server's own times of the same phase, from the page workers' access log.
    server = pages["space home"]["server"]
    assert server["requests"] >= pages["space home"]["requests"] - 1, pages["space home"]
    assert server["p50"] <= server["p95"] <= server["p99"], server


def _established_to(port: int) -> set[int]:
    """The client ports of the open TCP connections to `port` on this machine (IPv4)."""
    ports = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, remote, state = line.split()[1:4]
        if state == "01" and int(local.rsplit(":", 1)[1], 16) == port:  # 01: ESTABLISHED
            ports.add(int(remote.rsplit(":", 1)[1], 16))
    return ports


def test_nginx_keeps_its_connection_to_the_pages_across_idle_seconds(topology):
    """gunicorn keeps an idle connection longer than nginx does: nginx never sends a
    request on a connection gunicorn is closing (a 502 under load, with gunicorn's 2 s)."""
    url, port = topology["url"], int(topology["env"]["WSGI_PORT"])
    with urllib.request.urlopen(url + "/accounts/login/") as response:
        assert response.status == 200
    kept = _established_to(port)
    assert kept, "nginx keeps a connection to gunicorn"
    time.sleep(3.5)  # past gunicorn's default keep-alive of 2 s
    assert _established_to(port) & kept, "gunicorn closed nginx's idle connection"
    with urllib.request.urlopen(url + "/accounts/login/") as response:
        assert response.status == 200
    assert _established_to(port) & kept
