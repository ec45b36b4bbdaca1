"""The Prometheus endpoint: for a bearer of METRICS_TOKEN or a client in METRICS_ALLOWED_NETWORKS."""

import hmac

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from . import metrics
from .collectors import StateCollector
from .network import address_in, parse_networks


def may_scrape(request) -> bool:
    """The token (constant-time compare) or the client address (REMOTE_ADDR, as
    TrustedProxyMiddleware set it). Neither configured: nobody."""
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if (
        token
        and header.startswith("Bearer ")
        and hmac.compare_digest(header[7:].strip().encode(), token.encode())
    ):
        return True
    networks = parse_networks(tuple(settings.METRICS_ALLOWED_NETWORKS))
    return bool(networks) and address_in(request.META.get("REMOTE_ADDR", ""), networks)


@never_cache
def metrics_view(request):
    """Refused with 404, whatever the method, to anyone not allowed: nothing to see here."""
    if not may_scrape(request):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    registry = metrics.scrape_registry(extra=[StateCollector()])
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
