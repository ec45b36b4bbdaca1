"""WSGI entry point for ordinary HTTP in production (gunicorn; docs/production.md).

WebSockets go to the ASGI workers (jumelage.asgi) through nginx's /ws/ location. A
synchronous Django page served by a WSGI worker costs a fifth of the same page through
the ASGI adapter (issue 16), so pages are served here.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
django_application = get_wsgi_application()

_LIVE_BODY = b'{"status": "ok"}'


def application(environ, start_response):
    """Answer GET /livez before Django, as the ASGI entry point does (core.health)."""
    if environ.get("PATH_INFO") != "/livez":
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
