"""Smoke test of bench/sfu_capacity.py at a tiny scale (the full run is in docs/benchmarks.md)."""

import importlib.util
import os
import shutil
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "sfu_capacity.py"
REQUIRE = os.environ.get("JUMELAGE_REQUIRE_SERVICES") == "1"


def test_two_fake_participants_hear_each_other_through_janus():
    if not shutil.which("janus") or not os.path.exists("/usr/bin/chromium"):
        if REQUIRE:
            pytest.fail("Janus and Chromium are required (JUMELAGE_REQUIRE_SERVICES=1)")
        pytest.skip("Janus or Chromium is not available")
    spec = importlib.util.spec_from_file_location("sfu_capacity", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    # Playwright's sync API wants a thread without a running event loop.
    with socket.socket() as probe:  # a free port: another Janus may hold a fixed one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(bench.run, [2], 1.0, port, "20000-20999").result(timeout=120)
    (result,) = report["results"]
    assert result["audio_streams"] == 2 and result["audio_packets"] > 0
    assert result["ok"] and report["carried"] == 2
