"""The server processes run with the garbage collector's thresholds of GC_THRESHOLDS.

Python's own made a loaded WebSocket server stop for 200 ms in full collections
(core/collector.py); an operator can set others, or Python's own back, by the env.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def run_probe(probe: str, unset=(), **env) -> str:
    """What `probe` prints in a fresh Python process with the project's settings (the
    names in `unset` taken out of this process's environment, `env` added)."""
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "jumelage.settings", **env}
    for name in unset:
        if name not in env:
            environ.pop(name, None)
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def _thresholds_of(entry_point: str, **env) -> tuple:
    probe = f"import gc, {entry_point}; print(*gc.get_threshold())"
    return tuple(int(x) for x in run_probe(probe, unset=["GC_THRESHOLDS"], **env).split())


@pytest.mark.parametrize("entry_point", ["jumelage.asgi", "jumelage.wsgi"])
def test_the_servers_collect_the_youngest_objects_after_ten_thousand_not_seven_hundred(
    entry_point,
):
    assert _thresholds_of(entry_point) == (10_000, 10, 10)


def test_an_operator_sets_other_thresholds_or_pythons_own_by_the_environment():
    assert _thresholds_of("jumelage.asgi", GC_THRESHOLDS="5000,20,30") == (5000, 20, 30)
    default = subprocess.run(
        [sys.executable, "-c", "import gc; print(*gc.get_threshold())"],
        capture_output=True,
        text=True,
    ).stdout.split()
    assert _thresholds_of("jumelage.wsgi", GC_THRESHOLDS="") == tuple(int(x) for x in default)
