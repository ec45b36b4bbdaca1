"""Request id and HTTP metrics, first in MIDDLEWARE so they see every request whole."""

import logging
import time

from jumelage.core.middleware import trusted_proxy_networks

from . import context, metrics
from .network import address_in

access_log = logging.getLogger("jumelage.access")


class RequestIdMiddleware:
    """Take X-Request-ID from a trusted proxy (nginx), else make one; echo it back.

    Runs before TrustedProxyMiddleware, so REMOTE_ADDR is still the TCP peer: the
    header is believed only when that peer is in TRUSTED_PROXIES (with BEHIND_PROXY),
    the same rule as for X-Forwarded-For. A client writing the header itself gets a
    fresh id, so it can neither forge nor collide with another request's id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID")
        networks = trusted_proxy_networks()
        if (
            networks
            and context.acceptable(given)
            and address_in(request.META.get("REMOTE_ADDR", ""), networks)
        ):
            request_id = given
        else:
            request_id = context.new_request_id()
        request.META["HTTP_X_REQUEST_ID"] = request_id
        request.request_id = request_id
        token = context.set_current(request_id)
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response["X-Request-ID"] = request_id
        return response


class MetricsMiddleware:
    """Count each request and its duration by route name (bounded), method, status class.

    The route name is the URL pattern's name ("chat:room"), never the path: paths
    hold ids and tokens. A request that matched no pattern, or was answered before
    the URL was resolved (a redirect to the second factor), counts as "<unresolved>".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - start
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match and match.view_name else None) or "<unresolved>"
        method = metrics.method_label(request.method)
        metrics.HTTP_REQUESTS.labels(view, method, metrics.status_label(response.status_code)).inc()
        metrics.HTTP_LATENCY.labels(view, method).observe(elapsed)
        access_log.info(
            "%s %s %s %.1fms",
            method,
            view,
            response.status_code,
            elapsed * 1000,
            extra={"view": view, "status": response.status_code, "duration_ms": elapsed * 1000},
        )
        return response
