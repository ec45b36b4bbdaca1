"""The bare Django view of the benchmarks: the floor that pages are measured against.

It runs the whole middleware stack (sessions, authentication, CSRF, CSP...) and one
`SELECT 1`, nothing else, so "pages reach N % of the bare view" holds on any machine
(issue 16, bench/load_journeys.py). Routed only when JUMELAGE_BENCH_VIEW=1 (settings):
it is an instrument, not part of the product, and has no row in the permission matrix.
"""

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def bare(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    # Touch the user as every page does (session + auth middleware do the work).
    return HttpResponse(f"ok {int(request.user.is_authenticated)}", content_type="text/plain")
