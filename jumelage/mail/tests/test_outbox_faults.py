"""The outbox against real faults: a Celery worker process killed mid-SMTP, the broker down.

Before: a row cut off by a killed worker stayed in "sending" for ten minutes,
then went out again with a new Message-ID, so the recipient got two different
emails. Now every attempt carries the Message-ID recorded with the row, and
the lease is short.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from email import message_from_bytes

import pytest
from django.db import transaction

from jumelage.mail import outbox
from jumelage.mail.models import OutboxMessage
from jumelage.mail.sending import send_templated_mail

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

BATCH = 12
KILL_AT = 5  # the worker dies while the SMTP server holds the 5th email


class KillingSink:
    """aiosmtpd server that, on the KILL_AT-th email, kills the worker before answering 250.

    The email counts as received (the worst case: the server delivered it but
    the worker never heard "250 OK" and never marked the row sent).
    """

    def __init__(self):
        self.messages = []
        self.worker_pid = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        self.messages.append(message_from_bytes(envelope.content))
        if len(self.messages) == KILL_AT and self.worker_pid:
            os.kill(self.worker_pid, signal.SIGKILL)
            self.worker_pid = None
        return "250 OK"


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "jumelage", "worker"),
            *("--pool", "solo", "--without-gossip", "--without-mingle", "--without-heartbeat"),
            *("--loglevel", "WARNING"),
        ],
        env=env,
    )


def worker_env(redis_url, smtp_port) -> dict:
    from django.db import connection

    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "OUTBOX_LEASE_SECONDS": "2",
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }


def use_broker(url) -> None:
    """Point this process's Celery producer at `url` (dropping pooled connections)."""
    from jumelage.celery import app

    app.conf.task_always_eager = url is None
    if url is not None:
        app.conf.broker_url = url
    app._after_fork()  # the public reset of the producer pools


def wait_for(condition, what, limit=120):
    """Poll until `condition()`; the limit only turns a hang into a failure."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.2)


def test_a_worker_killed_mid_smtp_loses_nothing_and_any_resend_keeps_its_message_id(
    postgres, redis_url, settings
):
    from aiosmtpd.controller import Controller

    from jumelage.celery import app

    sink = KillingSink()
    from .test_outbox import _closed_port

    port = _closed_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env = worker_env(redis_url, port)
    settings.OUTBOX_LEASE_SECONDS = 2
    use_broker(redis_url)
    workers = []
    try:
        app.control.purge()  # tasks left on this Redis database by earlier runs
        with transaction.atomic():
            for n in range(BATCH):
                send_templated_mail(f"pupil{n}@example.org", "notifications/email/digest", {})
        workers.append(start_worker(env))
        sink.worker_pid = workers[0].pid
        workers[0].wait(timeout=120)  # killed by the SMTP server, mid-exchange
        assert workers[0].returncode == -signal.SIGKILL
        assert OutboxMessage.objects.filter(status="sending").count() == 1  # the one cut off

        workers.append(start_worker(env))  # restarted; the periodic sweep rescues the rest

        def all_sent():
            outbox.sweep()  # what beat runs every minute
            return OutboxMessage.objects.exclude(status="sent").count() == 0

        wait_for(all_sent, "every email sent after the restart")
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
        controller.stop()
        use_broker(None)

    rows = {r.recipients[0]: r for r in OutboxMessage.objects.all()}
    assert len(rows) == BATCH
    received: dict[str, set[str]] = {}
    for message in sink.messages:
        received.setdefault(message["To"], set()).add("".join(message["Message-ID"].split()))
    assert set(received) == set(rows)  # every email delivered
    for address, ids in received.items():
        assert ids == {rows[address].message_id}  # never two different Message-IDs
    resent = len(sink.messages) - BATCH
    assert resent <= 1  # only the email cut off by the kill, and with its Message-ID


def start_redis(port, directory) -> subprocess.Popen:
    process = subprocess.Popen(
        [shutil.which("redis-server"), "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=directory,
        stdout=subprocess.DEVNULL,
    )

    def ready():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            return False

    wait_for(ready, "redis-server started")
    return process


def test_with_the_broker_down_mail_waits_in_the_outbox_then_goes_once(
    postgres, redis_url, smtp_sink, settings, tmp_path
):
    """A private Redis broker is stopped: the page still commits, the email waits, then goes."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    from .test_outbox import _closed_port

    port = _closed_port()
    broker = f"redis://127.0.0.1:{port}/0"
    settings.OUTBOX_LEASE_SECONDS = 2
    processes = [start_redis(port, tmp_path)]
    use_broker(broker)
    try:
        processes[0].kill()  # the broker goes down
        processes[0].wait(timeout=10)
        with transaction.atomic():  # e.g. an invitation: the caller's work commits
            send_templated_mail("down@example.org", "notifications/email/digest", {})
        row = OutboxMessage.objects.get()
        assert row.status == "pending" and not smtp_sink.messages

        processes.append(start_redis(port, tmp_path))  # back, empty: the task was never queued
        processes.append(start_worker(worker_env(broker, smtp_sink.port)))

        def sent():
            outbox.sweep()  # what beat runs every minute
            return OutboxMessage.objects.get(pk=row.pk).status == "sent"

        wait_for(sent, "the email sent once the broker is back")
    finally:
        use_broker(None)
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
    row.refresh_from_db()
    assert [m["To"] for m in smtp_sink.messages] == ["down@example.org"]
    assert "".join(smtp_sink.messages[0]["Message-ID"].split()) == row.message_id
