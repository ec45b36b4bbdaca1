"""The WebSocket origin check: scheme, host and port, as a browser's same-origin rule.

A browser sends Origin with every WebSocket handshake; another site's page can
open a socket to us with the visitor's cookies (cross-site WebSocket hijacking),
so the handshake is refused unless Origin is exactly one of:
- this request's own origin: http(s) as the socket is ws(s), and the Host
  header, itself in ALLOWED_HOSTS;
- SITE_URL's origin (behind a TLS-terminating proxy the socket may look like ws);
- an entry of CSRF_TRUSTED_ORIGINS ("https://*.example.org" covers subdomains).
Channels' AllowedHostsOriginValidator compared the host alone.
"""

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str):
    """(scheme, host, port) of an origin, or None if it is not one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not host:
        return None
    return scheme, host, port or DEFAULT_PORTS[scheme]


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def allowed_origins(scope) -> set:
    origins = {_origin(settings.SITE_URL)}
    host = _header(scope, b"host")
    if host and validate_host(split_domain_port(host)[0], settings.ALLOWED_HOSTS):
        scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
        origins.add(_origin(f"{scheme}://{host}"))
    origins |= {_origin(o) for o in settings.CSRF_TRUSTED_ORIGINS if "*" not in o}
    origins.discard(None)
    return origins


def _wildcard_match(origin) -> bool:
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if "://*." not in trusted:
            continue
        pattern = _origin(trusted.replace("://*.", "://wildcard.", 1))
        if pattern is None:
            continue
        suffix = pattern[1].removeprefix("wildcard")  # ".example.org"
        if origin[0] == pattern[0] and origin[2] == pattern[2] and origin[1].endswith(suffix):
            return True
    return False


def origin_allowed(scope) -> bool:
    origin = _origin(_header(scope, b"origin") or "")
    if origin is None:
        return False
    return origin in allowed_origins(scope) or _wildcard_match(origin)


class OriginValidator:
    """ASGI middleware: a WebSocket from another origin is refused at the handshake."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not origin_allowed(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.app(scope, receive, send)
