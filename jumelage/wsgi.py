"""WSGI entry point for ordinary HTTP in production (gunicorn; docs/production.md).

WebSockets go to the ASGI workers (jumelage.asgi) through nginx's /ws/ location. A
synchronous Django page served by a WSGI worker costs a fifth of the same page through
the ASGI adapter (issue 16), so pages are served here.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
django_application = get_wsgi_application()

from jumelage.core import collector  # noqa: E402

collector.tune()

_LIVE_BODY = b'{"status": "ok"}'
# Set for the health pool only (deploy/Procfile, systemd): the page workers keep the full
# Django path for /healthz, so what they answer is what a page would go through.
HEALTH_POOL = os.environ.get("HEALTH_POOL") == "1"


def warm_up() -> None:
    """What every page needs, loaded before the worker takes its first request.

    gunicorn starts a worker afresh every few thousand requests (--max-requests); its
    first page imported the URL configuration and every view module (370 ms of CPU),
    built the URL resolver (110 ms), the template libraries and the layout (40 ms): the
    page its user waited for took 0.4-0.6 s instead of 10 ms (docs/benchmarks.md, "Cold
    workers", stop 46). Loaded here, the other workers serve meanwhile.
    """
    from django.template import engines
    from django.urls import get_resolver

    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 - imports the views and builds the resolver
    engine = engines["django"]
    engine.engine.template_libraries  # noqa: B018 - imports the template tag libraries
    engine.get_template("base.html")


if not HEALTH_POOL:
    warm_up()


def _readiness(environ, start_response):
    """GET /healthz, /readyz without the middleware stack, on a kept database connection:
    the health pool answers monitors in a few ms even while pages are loaded."""
    import json

    from jumelage.core.health import readiness_fast

    ok, checks = readiness_fast()
    body = json.dumps({"status": "ok" if ok else "error", **checks}).encode()
    start_response(
        "200 OK" if ok else "503 Service Unavailable",
        [
            ("Content-Type", "application/json"),
            ("Cache-Control", "no-store"),
            ("Content-Length", str(len(body))),
        ],
    )
    return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]


def application(environ, start_response):
    """Answer GET /livez before Django, as the ASGI entry point does (core.health); in
    the health pool (HEALTH_POOL=1, deploy/Procfile) /healthz and /readyz too."""
    path = environ.get("PATH_INFO")
    if (
        HEALTH_POOL
        and path in ("/healthz", "/readyz")
        and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
    ):
        return _readiness(environ, start_response)
    if path != "/livez":
        return django_application(environ, start_response)
    method = environ.get("REQUEST_METHOD", "GET")
    if method not in ("GET", "HEAD"):
        start_response(
            "405 Method Not Allowed", [("Content-Type", "text/plain"), ("Allow", "GET, HEAD")]
        )
        return [b"Method Not Allowed"]
    start_response(
        "200 OK",
        [
            ("Content-Type", "application/json"),
            ("Cache-Control", "no-store"),
            ("Content-Length", str(len(_LIVE_BODY))),
        ],
    )
    return [b"" if method == "HEAD" else _LIVE_BODY]
