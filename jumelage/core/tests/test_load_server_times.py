"""The load test reads the server's own time per page from gunicorn's access log
(bench/load_journeys.py --server-log): on a small machine the load generator shares the
CPU, and what it measures includes its own work. The journeys' pages are named as the
load test names them; a redirect followed is a request of its own."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def load_journeys():
    spec = importlib.util.spec_from_file_location(
        "load_journeys", ROOT / "bench" / "load_journeys.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LOG = """\
07:03:00 web    | 127.0.0.1 "GET /projects/mine/ HTTP/1.1" 200 5740 8ms
07:03:00 web    | 127.0.0.1 "GET /projects/mine/ HTTP/1.1" 200 5740 12ms
07:03:00 web    | 127.0.0.1 "GET /projects/12/space/ HTTP/1.1" 200 9100 17ms
07:03:00 web    | 127.0.0.1 "GET /projects/12/space/ HTTP/1.1" 200 9100 21ms
07:03:01 web    | 127.0.0.1 "POST /projects/12/space/forum/3/reply/ HTTP/1.1" 302 0 30ms
07:03:01 web    | 127.0.0.1 "POST /projects/12/space/forum/3/reply/ HTTP/1.1" 302 0 40ms
07:03:01 web    | 127.0.0.1 "GET /projects/12/space/forum/3/?post=9 HTTP/1.1" 200 9 11ms
07:03:01 web    | 127.0.0.1 "GET /projects/12/space/forum/3/ HTTP/1.1" 200 9 13ms
07:03:01 web    | 127.0.0.1 "POST /accounts/pupils/login/ HTTP/1.1" 302 0 60ms
07:03:01 web    | 127.0.0.1 "POST /accounts/login/ HTTP/1.1" 302 0 70ms
07:03:02 ws     | INFO: connection open
07:03:02 web    | 127.0.0.1 "GET /static/app.css HTTP/1.1" 200 10 1ms
"""


def test_the_server_times_are_read_per_page_as_the_journeys_name_them():
    times = load_journeys().server_times(LOG.splitlines())
    assert times[("GET", "my projects")] == {"p50": 10, "p95": 12, "p99": 12, "requests": 2}
    assert times[("GET", "space home")]["requests"] == 2
    assert times[("POST", "reply (post)")]["p50"] == 35
    assert times[("GET", "topic")]["requests"] == 2  # the reply's redirect, and a reading
    assert times[("POST", "log in")]["requests"] == 2  # a pupil's and a teacher's
    assert times[("", "Aggregated")]["requests"] == 10  # not the static file, not the socket
