"""The metrics each process counts, and the registry a scrape reads.

Several processes serve the platform (uvicorn workers, Celery). When the environment
variable PROMETHEUS_MULTIPROC_DIR names a directory (set before the process starts,
emptied before the service starts, shared by the processes of one host), each process
writes its counters there and a scrape adds them up (prometheus_client's multiprocess
mode). Without it, the scrape reads this process's own registry.

Labels are bounded: a view's route name, never its path; a status class, not a code.
"""

import os
import re
from pathlib import Path

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    multiprocess,
)

disable_created_metrics()  # the *_created series double the output for nothing here

HTTP_REQUESTS = Counter(
    "jumelage_http_requests",
    "HTTP requests answered by Django, by route name, method and status class.",
    ["view", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "jumelage_http_request_duration_seconds",
    "Time Django took to answer, by route name and method.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
WEBSOCKETS_OPEN = Gauge(
    "jumelage_websockets_open",
    "WebSocket connections open now (accepted, not yet ended).",
    ["kind"],
    multiprocess_mode="livesum",
)
WEBSOCKETS_OPENED = Counter(
    "jumelage_websockets_opened", "WebSocket connections accepted.", ["kind"]
)
WEBSOCKETS_CLOSED = Counter(
    "jumelage_websockets_closed",
    "WebSocket connections ended, by reason (close code family).",
    ["kind", "reason"],
)
CHAT_MESSAGES = Counter("jumelage_chat_messages", "Chat messages stored.")
LOGIN_FAILURES = Counter("jumelage_login_failures", "Failed sign-in attempts.")

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def method_label(method: str | None) -> str:
    return method if method in METHODS else "other"


def status_label(status: int) -> str:
    return f"{status // 100}xx" if 100 <= status < 600 else "other"


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


_LIVE_GAUGE_FILE = re.compile(r"gauge_live\w*?_(\d+)\.db")


def forget_dead_processes(path: str) -> None:
    """Drop the live gauges of processes that ended (a worker restarted or crashed).

    uvicorn has no hook when a worker dies, so the scrape does it: all the processes
    writing to the directory run on this host, and a pid that no longer exists ended.
    """
    for file in Path(path).glob("gauge_live*.db"):
        match = _LIVE_GAUGE_FILE.fullmatch(file.name)
        if not match:
            continue
        pid = int(match.group(1))
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            multiprocess.mark_process_dead(pid, path)
        except PermissionError:
            pass  # alive, another user's


class _ProcessRegistry:
    """This process's own metrics (the default registry), in a per-scrape registry."""

    def collect(self):
        return REGISTRY.collect()


def scrape_registry(extra=()) -> CollectorRegistry:
    """A registry for one scrape: every process's counters (or this one's), plus `extra`."""
    registry = CollectorRegistry(auto_describe=False)
    path = multiprocess_dir()
    if path:
        forget_dead_processes(path)
        multiprocess.MultiProcessCollector(registry, path=path)
    else:
        registry.register(_ProcessRegistry())
    for collector in extra:
        registry.register(collector)
    return registry
