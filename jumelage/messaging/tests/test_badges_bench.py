"""Smoke test of bench/ws_badges.py at a tiny scale (the full run is in docs/benchmarks.md).

Six teachers on their personal socket over two uvicorn processes in two "nodes", the
Redis channel layer and this test's PostgreSQL database; two sender processes write
twinmail: every message moves both badges of its recipient (twinmail and notifications)
live, on whichever process the recipient's socket is, and no badge ends stale.
"""

import argparse
import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

from jumelage.chat.tests.test_fanout_bench import server_env
from jumelage.realtime.testing import ensure_reference_data

BENCH = Path(__file__).resolve().parents[3] / "bench" / "ws_badges.py"

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def load_bench():
    sys.path.insert(0, str(BENCH.parent))
    spec = importlib.util.spec_from_file_location("ws_badges", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_twinmail_moves_both_badges_live_on_either_process(postgres, redis_url, tmp_path):
    bench = load_bench()
    ensure_reference_data()
    user_ids, cookies, threads, counts = bench.prepare(6)
    env = server_env(redis_url)
    servers = bench.start_servers(env, processes=2, nodes=2)
    args = argparse.Namespace(
        servers=servers, workdir=tmp_path, env_for_senders=env, senders=2, rate=6.0, duration=2.0
    )
    try:
        result = asyncio.run(bench.run(servers, user_ids, cookies, threads, args))
    finally:
        bench.stop_servers(servers)
    counted = bench.tally(result, user_ids, counts)
    timed = [began for _i, began in result["sent"] if began is not None]
    assert len(timed) >= 6  # about 12 sent in 2 s at 6 a second
    assert counted["lost"] == 0 and counted["stale"] == 0
    assert len(counted["latencies"]) == 2 * len(timed)  # both badges of every message
    assert {p.front.port for p in result["people"]} == {s.port for s in servers}
