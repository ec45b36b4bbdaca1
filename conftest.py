"""Fixtures shared by the whole suite.

`make test` runs the suite twice: on SQLite with the in-memory channel layer,
then on PostgreSQL and Redis (DATABASE_URL and REDIS_URL set) with the Redis
channel layer. Tests marked `services` run only in the second pass; tests marked
`e2e` need Chromium. With JUMELAGE_REQUIRE_SERVICES=1 what is missing fails.
"""

import asyncio
import os
import shutil
import socket
import threading
import time

import pytest

REQUIRE_SERVICES = os.environ.get("JUMELAGE_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    # WebRTC between two pages of this machine: plain host candidates, loopback allowed.
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    "--allow-loopback-in-peer-connection",
]


def pytest_collection_modifyitems(items):
    """Transactional tests flush the tables, reference data included: restore it.

    Serialized rollback reloads what the migrations installed (countries,
    subjects, kits...) before each transactional test.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


def _missing(what: str):
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (JUMELAGE_REQUIRE_SERVICES=1) but missing")
    pytest.skip(f"{what} is not available")


@pytest.fixture(autouse=True, scope="session")
def _fast_and_local():
    """Cheap password hashing; Celery tasks in-process unless a test starts a worker.

    The cache gets a key prefix of its own for this run: each run's test database
    numbers its rows from 1 again, and a shared Redis still held the last run's
    entries for those numbers (a meeting removal refused the next run's teacher).
    """
    import uuid

    from django.conf import settings
    from django.test import override_settings

    from jumelage.celery import app

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    default = settings.CACHES["default"]
    prefix = f"{default.get('KEY_PREFIX', '')}-test-{uuid.uuid4().hex[:12]}"
    with override_settings(
        CACHES={**settings.CACHES, "default": {**default, "KEY_PREFIX": prefix}}
    ):
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file in WAL mode, as `make run` serves it.

    Django's default, shared-cache memory, locks by table and fails a write at once
    ("database table is locked") while another thread holds the table: a test's own
    write (signing a second teacher in) failed while the live server's thread wrote a
    chat follow-up or a meeting seat. On the file, writers wait their turn (timeout)
    and readers never block them. Not synced to disk: nothing outlives the run.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("database") / "test.sqlite3"
        )
        options = database.setdefault("OPTIONS", {})
        options["init_command"] = options.get("init_command", "") + "PRAGMA synchronous=OFF;"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request signed in as a French reader
    leaves French active in the thread (the middleware activates per request and never
    restores), and a later test reading translated text would depend on the order."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_reference_choices():
    """A test's reference rows are rolled back without a signal: each test reads them afresh."""
    from jumelage.reference import choices

    choices.forget()
    yield
    choices.forget()


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch):
    """Each test starts with fresh login/mail counters (without flushing a shared Redis)."""
    import uuid

    from jumelage.accounts import ratelimit

    monkeypatch.setattr(ratelimit, "NAMESPACE", uuid.uuid4().hex)


@pytest.fixture
def world(db):
    """The shared cast (healthchecks' alice, bob and charlie): an active project with
    world.users["admin"|"teacher"|"guest"|"pupil"|"pupil_admin"|"visitor"] (docs/roles.md),
    and outsiders of another project
    (world.users["outsider_teacher"|"outsider_pupil"]), people of no project
    (world.users["unverified_teacher"|"staff"|"staff_abroad"|"superuser"]; staff sign in
    with core.testing.sign_in), world.users["anonymous"] is None."""
    from jumelage.testing.matrix import build_world

    return build_world()


@pytest.fixture
def redis_url():
    from django.conf import settings

    if not settings.REDIS_URL:
        _missing("Redis (REDIS_URL)")
    return settings.REDIS_URL


@pytest.fixture
def postgres(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        _missing("PostgreSQL (DATABASE_URL)")
    return connection


_PORTS_GIVEN: set[int] = set()


def _free_port() -> int:
    """A port free now and never handed out before in this run.

    The kernel may give back a port it just gave (bind, close, bind): two servers of one
    fixture (nginx's http and https) then shared a port and nginx refused its config.
    """
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _PORTS_GIVEN:
            _PORTS_GIVEN.add(port)
            return port


class _Server:
    def __init__(self, url, server, thread):
        self.url, self._server, self._thread = url, server, thread

    def stop(self):
        self._server.should_exit = True
        self._thread.join(timeout=10)
        # A consumer cut off with its server's event loop may leave the process-wide
        # channel layer mid-receive on that dead loop: the next server starts afresh.
        from jumelage.realtime.testing import fresh_channel_layers

        fresh_channel_layers()


def start_asgi_server(app=None) -> _Server:
    """Serve the ASGI application (HTTP + WebSocket) with uvicorn in a thread."""
    import uvicorn

    if app is None:
        from jumelage.asgi import application as app
    port = _free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        # As in production (--no-proxy-headers): the application alone decides which
        # forwarded headers to believe (jumelage.core.middleware.TrustedProxyMiddleware).
        proxy_headers=False,
        ws="websockets-sansio",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return _Server(f"http://127.0.0.1:{port}", server, thread)


@pytest.fixture
def live_asgi(transactional_db, django_db_serialized_rollback, settings):
    """The whole platform served over HTTP and WebSocket on a free loopback port."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    server = start_asgi_server()
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    settings.SITE_URL = server.url
    yield server.url
    server.stop()


@pytest.fixture
def _playwright():
    # Function-scoped on purpose: while sync_playwright runs, the main thread is in
    # another context, where Django's connection objects lack the serialized test
    # data, so transactional tests after it would lose the reference data.
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        _missing("Chromium (/usr/bin/chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture
def browser(_playwright):
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts (separate cookies); all closed afterwards."""
    contexts = []

    def open_page(locale="en-GB"):
        context = browser.new_context(locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page_as(new_page, live_asgi):
    """A Chromium page already signed in as `user` (session cookie from force_login)."""
    from django.conf import settings
    from django.test import Client

    def open_as(user, locale="en-GB"):
        client = Client()
        client.force_login(user)
        page = new_page(locale)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_asgi}]
        )
        return page

    return open_as


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def smtp_sink():
    """A real SMTP server (aiosmtpd) on loopback; `.messages` holds what it received."""
    from email import message_from_bytes

    from aiosmtpd.controller import Controller

    class Sink:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
            self.messages.append(message_from_bytes(envelope.content))
            return "250 OK"

    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    handler.host, handler.port, handler.controller = "127.0.0.1", controller.port, controller
    yield handler
    controller.stop()


@pytest.fixture
def celery_worker_real(transactional_db, django_db_serialized_rollback, redis_url):
    """A real Celery worker on the Redis broker, in a thread of this process."""
    from celery.contrib.testing.worker import start_worker

    from jumelage.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = redis_url
    environ = dict(os.environ)  # Celery's logging setup writes CELERY_LOG_LEVEL=30 into it
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING") as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True
        os.environ.clear()
        os.environ.update(environ)  # deploy/prod.py passes it on: `celery --loglevel 30` fails


# --- The SFU (Janus) and TURN (coturn), started by the tests themselves -------
# Ports of this suite: Janus' HTTP API on JANUS_TEST_PORT, RTP in 20000-20999,
# coturn on 3478 with relay ports 49160-49200 (docs/meetings.md).
JANUS_TEST_PORT = int(os.environ.get("JANUS_TEST_PORT", "9510"))
TURN_TEST_PORT = int(os.environ.get("TURN_TEST_PORT", "3478"))


def _wait_for_port(port: int, proc, what: str, udp: bool = False, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        if udp:
            import subprocess

            out = subprocess.run(["ss", "-Hlun"], capture_output=True, text=True).stdout
            if f":{port} " in out:
                return
        else:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port}")


def _stop(proc) -> None:
    import subprocess

    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def janus_server(tmp_path_factory):
    """A real Janus process with the platform's configuration (sfu.write_config)."""
    import secrets
    import subprocess

    binary = shutil.which("janus")
    if binary is None:
        _missing("Janus (apt-get install janus)")
    from jumelage.meetings import sfu

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", JANUS_TEST_PORT)) == 0:
            pytest.fail(f"port {JANUS_TEST_PORT} is taken: another Janus (JANUS_TEST_PORT)")
    folder = tmp_path_factory.mktemp("janus")
    conf = {"token_secret": secrets.token_hex(16), "admin_key": secrets.token_hex(16)}
    sfu.write_config(folder, http_port=JANUS_TEST_PORT, **conf)
    log = open(folder / "janus.log", "w")  # noqa: SIM115 - closed after the process
    proc = subprocess.Popen(
        [binary, "-C", str(folder / "janus.jcfg"), "-F", str(folder)], stdout=log, stderr=log
    )
    try:
        _wait_for_port(JANUS_TEST_PORT, proc, "Janus")
        yield {
            "url": f"http://127.0.0.1:{JANUS_TEST_PORT}/janus",
            "log": folder / "janus.log",
            **conf,
        }
    finally:
        _stop(proc)
        log.close()


@pytest.fixture
def janus(janus_server, settings):
    """The platform configured to send rooms over 6 through the test's Janus."""
    settings.JANUS_URL = janus_server["url"]
    settings.JANUS_TOKEN_SECRET = janus_server["token_secret"]
    settings.JANUS_ADMIN_KEY = janus_server["admin_key"]
    return janus_server


@pytest.fixture
def coturn(tmp_path, settings):
    """A real coturn (use-auth-secret) on loopback; the platform hands out its credentials."""
    import secrets
    import subprocess

    binary = shutil.which("turnserver")
    if binary is None:
        _missing("coturn (apt-get install coturn)")
    from jumelage.meetings import sfu

    secret = secrets.token_hex(16)
    conf = sfu.write_turn_config(
        tmp_path / "turnserver.conf",
        port=TURN_TEST_PORT,
        secret=secret,
        realm="jumelage.test",
        loopback_peers=True,
        userdb=str(tmp_path / "turndb"),
    )
    log = open(tmp_path / "turnserver.log", "w")  # noqa: SIM115 - closed after the process
    proc = subprocess.Popen([binary, "-c", str(conf)], stdout=log, stderr=log)
    try:
        _wait_for_port(TURN_TEST_PORT, proc, "coturn", udp=True)
        settings.WEBRTC_TURN_URLS = [f"turn:127.0.0.1:{TURN_TEST_PORT}?transport=udp"]
        settings.WEBRTC_TURN_SECRET = secret
        yield {"secret": secret, "log": tmp_path / "turnserver.log"}
    finally:
        _stop(proc)
        log.close()
