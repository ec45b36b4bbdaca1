"""Smoke test of bench/ws_fanout.py at a tiny scale (the full run is in docs/benchmarks.md).

Two uvicorn processes, two "nodes", the Redis channel layer and this test's
PostgreSQL database: a few clients spread over both, one sender per room; every
copy of every stored message arrives, some of them from the other process, and a
teacher's pages read meanwhile are served. Then the same through nginx, as `make prod`
configures it, with the pages from gunicorn.
"""

import asyncio
import importlib.util
import os
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from conftest import _missing
from jumelage.realtime.testing import ensure_reference_data

BENCH = Path(__file__).resolve().parents[3] / "bench" / "ws_fanout.py"

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def load_bench():
    spec = importlib.util.spec_from_file_location("ws_fanout", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def server_env(redis_url: str) -> dict:
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jumelage.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "CHANNEL_PREFIX": f"fanout-smoke-{os.getpid()}",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions' hashes were made with it
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "0",
    }


def test_two_processes_deliver_every_copy_to_clients_on_both(postgres, redis_url):
    bench = load_bench()
    ensure_reference_data()
    project_id, room_ids, cookies, teacher = bench.prepare(clients=6, rooms=2)
    paths = bench.page_paths(project_id, room_ids[0])
    servers = bench.start_servers(server_env(redis_url), processes=2, nodes=2)
    try:
        run, clients, _elapsed = asyncio.run(
            bench.run_clients(
                servers,
                project_id,
                room_ids,
                cookies,
                rate=4.0,
                duration=1.0,
                pages=(paths, teacher, 6.0, servers),
            )
        )
    finally:
        bench.stop_servers(servers)
    stored = bench.stored_messages(room_ids, after_id=0)
    counts = bench.tally(clients, stored)
    assert len(stored) >= 4 and len(stored) == run.sent  # every send stored, once
    assert counts["lost"] == 0 and counts["received"] == counts["expected"] == 3 * len(stored)
    assert counts["duplicates"] == 0 and counts["stored_twice"] == 0
    assert run.cross_process > 0  # stored by one process, delivered by the other
    assert {client.server.node for client in clients} == {0, 1}
    # The pages, read on both processes while the chat ran: each served whole.
    assert {path for path, _status, _seconds in run.pages} == set(paths)
    assert [status for _path, status, _seconds in run.pages] == [200] * len(run.pages)


def test_through_nginx_every_copy_and_every_page_arrives(postgres, redis_url, tmp_path):
    sys.path.insert(0, str(BENCH.parents[1] / "deploy"))
    import prod  # deploy/prod.py, whose nginx configuration the benchmark runs

    if prod.nginx_binary() is None:
        _missing("nginx (apt-get install nginx-light)")
    bench = load_bench()
    ensure_reference_data()
    project_id, room_ids, cookies, teacher = bench.prepare(clients=6, rooms=2)
    paths = bench.page_paths(project_id, room_ids[0])
    env = server_env(redis_url)
    servers = bench.start_servers(env, processes=2, nodes=2)
    page_server = bench.start_page_server(env, workers=1, threads=2)
    fronts = bench.start_fronts(servers, page_server, tmp_path)
    try:
        run, clients, _elapsed = asyncio.run(
            bench.run_clients(
                fronts,
                project_id,
                room_ids,
                cookies,
                rate=4.0,
                duration=1.0,
                front_cpu=lambda: bench.cpu_seconds(fronts[:1]),
                pages=(paths, teacher, 6.0, fronts),
            )
        )
    finally:
        bench.stop_servers([*fronts[:1], *servers, page_server])
    stored = bench.stored_messages(room_ids, after_id=0)
    counts = bench.tally(clients, stored)
    assert len(stored) >= 4 and len(stored) == run.sent
    assert counts["lost"] == 0 and counts["received"] == counts["expected"] == 3 * len(stored)
    assert counts["duplicates"] == 0 and counts["stored_twice"] == 0
    assert run.cross_process > 0  # sent through one node's nginx, received through the other's
    assert {client.server.port for client in clients} == {front.port for front in fronts}
    assert {path for path, _status, _seconds in run.pages} == set(paths)
    assert [status for _path, status, _seconds in run.pages] == [200] * len(run.pages)
