"""Statistics pages: thin views over figures.page (daily and monthly figures only, cached per run)."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from jumelage.reference.models import Country

from . import figures, policies
from .materialise import last_materialised_day


def _range(request) -> str:
    value = request.GET.get("range", figures.DEFAULT_RANGE)
    return value if value in figures.RANGES else figures.DEFAULT_RANGE


@login_required
def index(request):
    """Platform admins go to Europe, a national office to its country; others find nothing."""
    countries = policies.statistics_countries(request.user)
    if countries is None:
        return redirect("statistics:europe")
    if not countries:
        raise Http404
    return redirect("statistics:country", code=sorted(countries)[0])


def _country(request, code):
    if not policies.can_see_country(request.user, code):
        raise Http404
    return get_object_or_404(Country, code=code)


def _page(request, *, country, tables, grid=None):
    range_key = _range(request)
    return render(
        request,
        "statistics/page.html",
        {
            "country": country,
            "tables": tables,
            "grid": grid,
            "range_key": range_key,
            "ranges": [("12", "12"), ("24", "24"), ("all", "all")],
            "as_of": last_materialised_day(),
            "countries": None if country is None else policies.statistics_countries(request.user),
        },
    )


def _csv(tables, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["table", "row", "column", "value"])
    for table in tables:
        for row in table.rows:
            if len(table.header) > 1:
                label, columns, values = row[0], table.header[1:], row[1:]
            else:
                label, columns, values = "", table.header, row
            for column, value in zip(columns, values, strict=True):
                writer.writerow([table.slug, label, column, value])
    return response


@login_required
def country(request, code):
    country = _country(request, code)
    tables, _grid = figures.page(country.code, _range(request), country=country)
    return _page(request, country=country, tables=tables)


@login_required
def country_csv(request, code):
    country = _country(request, code)
    tables, _grid = figures.page(country.code, _range(request), country=country)
    return _csv(tables, f"statistics-{country.code}-{timezone.localdate():%Y-%m-%d}.csv")


def _europe_allowed(request):
    if not policies.can_see_europe(request.user):
        raise Http404


@login_required
def europe(request):
    _europe_allowed(request)
    tables, grid = figures.page(figures.EUROPE, _range(request))
    return _page(request, country=None, tables=tables, grid=grid)


@login_required
def europe_csv(request):
    _europe_allowed(request)
    tables, _grid = figures.page(figures.EUROPE, _range(request))
    return _csv(tables, f"statistics-europe-{timezone.localdate():%Y-%m-%d}.csv")
