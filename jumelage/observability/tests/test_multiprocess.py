"""Multiprocess mode: counters of several processes add up in one scrape."""

import os
import subprocess
import sys
from pathlib import Path

from prometheus_client import generate_latest

from jumelage.observability import metrics

from .helpers import value

ROOT = Path(__file__).resolve().parents[3]

# A process of the platform: two requests through Django, one login failure, one open
# WebSocket gauge left up as a crashed worker would leave it.
WORKER = """
import django
django.setup()
from django.contrib.auth.signals import user_login_failed
from django.test import Client
from jumelage.observability import metrics
client = Client()
client.get("/metrics")
client.get("/metrics")
user_login_failed.send(sender=None, credentials={}, request=None)
metrics.WEBSOCKETS_OPEN.labels("project").inc()
"""


def _run_worker(directory: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(directory),
        "DJANGO_SETTINGS_MODULE": "jumelage.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "REDIS_URL": "",
    }
    subprocess.run([sys.executable, "-c", WORKER], env=env, cwd=ROOT, check=True, timeout=120)


def test_two_processes_counters_are_added_up(tmp_path, monkeypatch):
    directory = tmp_path / "prometheus"
    directory.mkdir()
    _run_worker(directory, tmp_path)
    _run_worker(directory, tmp_path)
    assert len(list(directory.glob("counter_*.db"))) == 2  # one file per process

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(directory))
    text = generate_latest(metrics.scrape_registry()).decode()
    refused = {"view": "observability:metrics", "status": "4xx"}
    assert value(text, "jumelage_http_requests_total", **refused) == 4
    assert value(text, "jumelage_login_failures_total") == 2
    # Both processes ended: their open connections are gone with them.
    assert value(text, "jumelage_websockets_open") == 0
    assert not list(directory.glob("gauge_live*"))
