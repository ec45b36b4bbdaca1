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
    workers", stop 46). The resolver is built per language (Django keys it so, for
    translated patterns) and each language loads its catalogues, and each template is
    compiled on its first use: a fresh worker's first dashboard in French still took
    113 ms and its first partner search 127 (stop 50). Loaded here, the other workers
    serve meanwhile. Every shipped language by default (2.5 s and 130 MB a worker, all
    28; a European platform meets them all sooner or later); WARM_LANGUAGES=fr,en
    (deploy/prod.env) warms those only, for a platform that speaks few.
    """
    import contextlib
    import gc
    import logging
    from pathlib import Path

    from django.conf import settings
    from django.template import engines
    from django.template.utils import get_app_template_dirs
    from django.urls import NoReverseMatch, get_resolver, reverse
    from django.utils import translation

    def build(resolver, path=""):
        """The resolver, and per namespace the one reverse("ns:name") builds (Django
        wraps the included patterns in a resolver of their own, per language)."""
        resolver.reverse_dict  # noqa: B018 - imports the views, builds the resolver
        for namespace, (_prefix, included) in resolver.namespace_dict.items():
            names = [key for key in included.reverse_dict if isinstance(key, str)]
            if names:
                with contextlib.suppress(NoReverseMatch):
                    reverse(f"{path}{namespace}:{names[0]}")
            build(included, f"{path}{namespace}:")

    shipped = [code for code, _name in settings.LANGUAGES]
    wanted = os.environ.get("WARM_LANGUAGES", "").replace(" ", "").split(",")
    for code in [c for c in wanted if c in shipped] or shipped:
        with translation.override(code):  # loads the language's catalogues
            build(get_resolver())
    engine = engines["django"]
    ours = Path(settings.BASE_DIR) / "jumelage"
    folders = [Path(d) for d in (*engine.engine.dirs, *get_app_template_dirs("templates"))]
    for folder in folders:
        if not folder.is_relative_to(ours):
            continue  # third-party templates (the admin's) load when first used
        for path in sorted(folder.rglob("*.*")):
            try:
                engine.get_template(path.relative_to(folder).as_posix())
            except Exception:  # noqa: BLE001 - a broken template fails its page, not the worker
                logging.getLogger(__name__).exception("warm-up: template %s", path)
    # What was loaded lives as long as the process: out of the collector's sight, or the
    # first full collection (during some user's page) scans it all.
    gc.collect()
    gc.freeze()


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
