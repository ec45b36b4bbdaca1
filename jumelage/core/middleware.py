"""Request middleware at the edge: client address, hostile input, private caching, language."""

import ipaddress
from functools import lru_cache
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .l10n import reader_language

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple:
    try:
        return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in trusted)
    except ValueError as exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {exc}") from exc


def _ip(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def trusted_proxy_networks() -> tuple:
    """The configured proxies (empty unless BEHIND_PROXY): addresses or CIDR ranges."""
    if not settings.BEHIND_PROXY:
        return ()
    return _networks(tuple(settings.TRUSTED_PROXIES))


class TrustedProxyMiddleware:
    """Trust X-Forwarded-For/-Proto only when the TCP peer is a configured proxy.

    From a trusted proxy, REMOTE_ADDR becomes the rightmost X-Forwarded-For hop
    that is not itself a trusted proxy (what a client writes to the left of it
    is ignored), and X-Forwarded-Proto is kept for SECURE_PROXY_SSL_HEADER.
    From anyone else the forwarded headers are removed, so no later code (login
    throttling, audit, is_secure()) can read a client-written value. Everything
    else reads the client address from REMOTE_ADDR only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        networks = trusted_proxy_networks()
        if networks and _is_trusted(_ip(meta.get("REMOTE_ADDR", "")), networks):
            client = _rightmost_untrusted(meta.get("HTTP_X_FORWARDED_FOR", ""), networks)
            if client is not None:
                meta["REMOTE_ADDR"] = str(client)
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)


def _rightmost_untrusted(header: str, networks):
    """The first hop, reading right to left, that is not a trusted proxy (None if unusable)."""
    hops = [hop for hop in (part.strip() for part in header.split(",")) if hop]
    for hop in reversed(hops):
        address = _ip(hop)
        if address is None:
            return None  # garbage written by a client: keep the proxy's address
        if not _is_trusted(address, networks):
            return address
    return _ip(hops[0]) if hops else None


def scope_client_and_scheme(scope) -> tuple[str, str]:
    """The same rule for a WebSocket (ASGI) scope: (client address, "ws"/"wss" or "http"/"https").

    For code outside Django's middleware, such as a WebSocket origin check that
    compares schemes behind a TLS-terminating proxy.
    """
    peer = (scope.get("client") or ("", 0))[0]
    scheme = scope.get("scheme", "ws" if scope.get("type") == "websocket" else "http")
    networks = trusted_proxy_networks()
    if not (networks and _is_trusted(_ip(peer), networks)):
        return peer, scheme
    headers = {
        k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])
    }
    client = _rightmost_untrusted(headers.get("x-forwarded-for", ""), networks)
    proto = headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    if proto in ("http", "https"):
        secure = proto == "https"
        scheme = ("wss" if secure else "ws") if scheme in ("ws", "wss") else proto
    return (str(client) if client is not None else peer), scheme


def client_ip(request) -> str:
    """The client address for throttling and audit (AXES_CLIENT_IP_CALLABLE): REMOTE_ADDR only."""
    return (getattr(request, "META", None) or {}).get("REMOTE_ADDR", "") or ""


def _bad_text(value: str) -> bool:
    """NUL, or a lone surrogate (what invalid UTF-8 becomes under surrogateescape)."""
    return "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value)


def _bad_bytes(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")  # strict: also refuses encoded surrogates (ED A0 80)
    except UnicodeDecodeError:
        return True
    return False


def _bad_encoded(encoded: str | bytes) -> bool:
    """A percent-encoded query string or urlencoded body with NUL or invalid UTF-8."""
    if isinstance(encoded, str):
        encoded = encoded.encode("utf-8", "surrogatepass")  # a lone surrogate stays invalid
    return _bad_bytes(unquote_to_bytes(encoded))


class RejectBadInputMiddleware:
    """Refuse with 400 a NUL byte, invalid UTF-8 or a lone surrogate in the request.

    PostgreSQL cannot store NUL in text, so such input used to reach the query
    and crash with a 500. Checked here once for the path, the query string,
    cookies and form fields, instead of in every view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._is_bad(request):
            return self._refuse(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The CSRF check parses every POST form a moment later anyway; a view
        # exempt from it may still set its own upload handlers, so leave it alone.
        if request.method != "POST" or getattr(view_func, "csrf_exempt", False):
            return None
        if self._bad_form(request):
            return self._refuse(request)
        return None

    def _is_bad(self, request) -> bool:
        if _bad_text(request.path_info) or _bad_text(request.path):
            return True
        if _bad_bytes(_raw_path(request)):
            return True
        if _bad_encoded(request.META.get("QUERY_STRING", "")):
            return True
        if any(_bad_text(k) or _bad_text(v) for k, v in request.COOKIES.items()):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            "application/x-www-form-urlencoded"
        ):
            try:
                body = request.body
            except Exception:  # noqa: BLE001 - too large etc.: Django answers that itself
                return False
            if _bad_encoded(body):
                return True
        return False

    def _bad_form(self, request) -> bool:
        for key, values in request.POST.lists():
            if _bad_text(key) or any(_bad_text(v) for v in values):
                return True
        return any(_bad_text(f.name or "") for f in request.FILES.values())

    def _refuse(self, request):
        with translation.override(translation.get_language_from_request(request)):
            message = _(
                "This address or form contains characters that are not allowed "
                "(a null character or invalid text). Remove them and try again."
            )
            response = render(request, "400.html", {"message": message}, status=400)
        add_never_cache_headers(response)
        return response


def _raw_path(request) -> bytes:
    """The path as the client sent it: ASGI keeps raw_path, WSGI gives latin-1 text."""
    scope = getattr(request, "scope", None)
    if scope and scope.get("raw_path"):
        return unquote_to_bytes(scope["raw_path"])
    return request.META.get("PATH_INFO", "").encode("latin-1", "replace")


class PrivateNoStoreMiddleware:
    """Never let a browser or a shared cache keep a page rendered for a signed-in user.

    Pupil login cards carry one-time passwords and every private page carries
    personal data: `Cache-Control: no-store` (with private, no-cache, max-age=0)
    on every response to an authenticated request, whatever the view set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "Cache-Control" in response:
                del response["Cache-Control"]
            add_never_cache_headers(response)
        return response


class UserLanguageMiddleware:
    """A signed-in user's chosen language wins over the cookie and the browser's; a pupil
    reads its variant for children where there is one (core.l10n.reader_language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.language or translation.get_language()
            if language:
                translation.activate(reader_language(language, is_pupil=user.is_pupil))
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class TrustedProxyScope:
    """ASGI middleware: a WebSocket scope gets the client and scheme TrustedProxyMiddleware
    gives a request, so the origin check and the consumers see what the browser used."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        client, scheme = scope_client_and_scheme(scope)
        port = (scope.get("client") or ("", 0))[1]
        scope = {**scope, "client": (client, port), "scheme": scheme}
        return await self.app(scope, receive, send)
