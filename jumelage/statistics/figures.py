"""The statistics of a page, read from the daily figures only: a fixed number of queries.

Each page is a list of `Table`s (caption, header, rows); the charts and the CSV
are drawn from the same tables, so what a chart shows is always in a table too.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jumelage.projects.models import Project
from jumelage.reference.models import Country, Region, Subject
from jumelage.schools.models import School

from . import models as m
from .charts import bar_chart, svg
from .materialise import GENERATION_KEY, LAST_DAY_BUCKET
from .models import EUROPE, DailyFigure, MonthlyFigure

RANGES = {"12": 12, "24": 24, "all": None}
CACHE_SECONDS = 24 * 60 * 60
CACHE_VERSION = "1"  # change with the shape of Table: a deploy never reads older pickles
DEFAULT_RANGE = "12"


@dataclass
class Table:
    slug: str
    caption: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    chart: dict | None = None
    note: str = ""
    body: str = ""


def range_start(range_key: str, today: dt.date | None = None) -> dt.date | None:
    months = RANGES.get(range_key)
    if months is None:
        return None
    today = today or timezone.localdate()
    index = today.year * 12 + today.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, month = [], first.replace(day=1)
    while month <= last:
        out.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def median_days(histogram: dict[int, int]) -> int | None:
    """The median of a days histogram (bucket key -> count); None when it is empty."""
    total = sum(histogram.values())
    if not total:
        return None
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen * 2 >= total:
            return bucket
    return None  # pragma: no cover


def median_label(days: int | None) -> str:
    if days is None:
        return "—"
    if days > LAST_DAY_BUCKET:
        return _("more than %(days)s days") % {"days": days - 1}
    return str(days)


def _series_chart(title, months, series) -> dict:
    labels = [formats.date_format(mo, "M Y") for mo in months]
    return bar_chart(title, labels, series)


def _categories_chart(title, rows, column=1) -> dict:
    return bar_chart(
        title, [str(r[0]) for r in rows], [(title, [r[column] for r in rows])], horizontal=True
    )


def build(scope: str, range_key: str, *, country: Country | None = None) -> list[Table]:
    """The tables of a country's page (scope = its code) or of Europe's (scope = "")."""
    start = range_start(range_key)
    flows = MonthlyFigure.objects.filter(country=scope, metric__in=m.FLOWS)
    if start:
        flows = flows.filter(month__gte=start)
    monthly: dict = {
        (metric, key, month): value
        for metric, key, month, value in flows.values_list("metric", "key", "month", "value")
    }
    snapshot: dict = defaultdict(int)
    for row in DailyFigure.objects.filter(country=scope, metric__in=m.SNAPSHOTS).values(
        "region_id", "metric", "key", "value"
    ):
        snapshot[(row["region_id"], row["metric"], row["key"])] += row["value"]

    today = timezone.localdate()
    found = [k[2] for k in monthly]
    first = start or (min(found) if found else today.replace(day=1))
    months = _months(first, today)

    def series(metric, key=""):
        return [monthly.get((metric, key, mo), 0) for mo in months]

    tables: list[Table] = []

    # Teachers.
    regs, vers = series(m.REGISTRATIONS), series(m.VERIFICATIONS)
    overall: dict[int, int] = defaultdict(int)
    rows = []
    by_month: dict = defaultdict(dict)
    for (metric, key, month), n in monthly.items():
        if metric == m.VERIFY_DAYS:
            by_month[month][int(key)] = n
            overall[int(key)] += n
    for i, mo in enumerate(months):
        hist = by_month.get(mo, {})
        rows.append(
            [formats.date_format(mo, "F Y"), regs[i], vers[i], median_label(median_days(hist))]
        )
    table = Table(
        "teachers",
        _("Teachers: registrations and verifications by month"),
        [_("Month"), _("Registrations"), _("Verifications"), _("Median days to verify")],
        rows,
        _series_chart(
            _("Registrations and verifications by month"),
            months,
            [(_("Registrations"), regs), (_("Verifications"), vers)],
        ),
    )
    table.note = _("Median time to verify over the period: %(days)s days.") % {
        "days": median_label(median_days(overall))
    }
    tables.append(table)

    # Schools: by region for a country, by country for Europe (given by the caller).
    if country is not None:
        regions = list(Region.objects.filter(country=country).order_by("name_en"))
        statuses = list(School.Status)
        rows = []
        for region in regions:
            values = [snapshot.get((region.pk, m.SCHOOLS, s.value), 0) for s in statuses]
            rows.append([region.name, *values, sum(values)])
        values = [snapshot.get((None, m.SCHOOLS, s.value), 0) for s in statuses]
        rows.append([_("Whole country"), *values, sum(values)])
        tables.append(
            Table(
                "schools",
                _("Schools by region"),
                [_("Region"), *[s.label for s in statuses], _("Total")],
                rows,
                _categories_chart(_("Schools by region"), rows[:-1], column=len(statuses) + 1)
                if regions
                else None,
            )
        )
    else:
        regions = []

    # Projects.
    founded, closed = series(m.PROJECTS_FOUNDED), series(m.PROJECTS_CLOSED)
    pupils_added = series(m.PUPILS_ADDED)
    tables.append(
        Table(
            "projects-by-month",
            _("Projects founded and closed by month"),
            [_("Month"), _("Founded"), _("Closed"), _("Pupil accounts created")],
            [
                [formats.date_format(mo, "F Y"), founded[i], closed[i], pupils_added[i]]
                for i, mo in enumerate(months)
            ],
            _series_chart(
                _("Projects founded and closed by month"),
                months,
                [(_("Founded"), founded), (_("Closed"), closed)],
            ),
        )
    )
    statuses = list(Project.Status)
    rows = [[s.label, snapshot.get((None, m.PROJECTS, s.value), 0)] for s in statuses]
    tables.append(
        Table(
            "projects",
            _("Projects by status, today"),
            [_("Status"), _("Projects")],
            rows,
            _categories_chart(_("Projects by status, today"), rows),
        )
    )
    if regions:
        rows = [
            [
                r.name,
                snapshot.get((r.pk, m.PROJECTS, Project.Status.ACTIVE), 0),
                snapshot.get((r.pk, m.PROJECTS, Project.Status.CLOSED), 0),
                snapshot.get((r.pk, m.PUPILS, ""), 0),
            ]
            for r in regions
        ]
        tables.append(
            Table(
                "regions",
                _("Projects and pupils by region, today"),
                [_("Region"), _("Active projects"), _("Closed projects"), _("Pupils in projects")],
                rows,
                _categories_chart(_("Active projects by region"), rows),
            )
        )

    names = {c.code: c.name for c in Country.objects.all()}
    partners = sorted(
        ((names.get(k, k), n) for (r, metric, k), n in snapshot.items() if metric == m.PARTNERS),
        key=lambda p: (-p[1], p[0]),
    )
    tables.append(
        Table(
            "partners",
            _("Partner countries of the projects")
            if scope
            else _("Projects involving each country"),
            [_("Country"), _("Projects")],
            [list(p) for p in partners],
            _categories_chart(_("Projects by partner country"), partners) if partners else None,
        )
    )
    subject_names = {s.code: s.name for s in Subject.objects.all()}
    subjects = sorted(
        (
            (subject_names.get(k, k), n)
            for (r, metric, k), n in snapshot.items()
            if metric == m.SUBJECTS
        ),
        key=lambda p: (-p[1], p[0]),
    )
    tables.append(
        Table(
            "subjects",
            _("Subjects of the projects"),
            [_("Subject"), _("Projects")],
            [list(s) for s in subjects],
            _categories_chart(_("Projects by subject"), subjects) if subjects else None,
        )
    )
    ages = sorted(
        (int(k), n) for (r, metric, k), n in snapshot.items() if metric == m.AGES and k.isdigit()
    )
    tables.append(
        Table(
            "ages",
            _("Pupils' ages in the projects"),
            [_("Age"), _("Projects")],
            [list(a) for a in ages],
            bar_chart(
                _("Projects by pupils' age"),
                [str(a) for a, _n in ages],
                [(_("Projects"), [n for _a, n in ages])],
            )
            if ages
            else None,
        )
    )
    tables.append(
        Table(
            "pupils",
            _("Pupils involved, today"),
            [_("Pupils in at least one project")],
            [[snapshot.get((None, m.PUPILS, ""), 0)]],
        )
    )
    labels = sorted(
        (k, sum(monthly.get((m.LABELS, k, mo), 0) for mo in months))
        for (metric, k, mo) in monthly
        if metric == m.LABELS
    )
    tables.append(
        Table(
            "labels",
            _("Quality labels"),
            [_("Label"), _("Awarded")],
            [list(x) for x in dict(labels).items()],
            note=_("No quality label has been awarded on the platform yet.") if not labels else "",
        )
    )
    registered, attended = series(m.TRAINING, "registered"), series(m.TRAINING, "attended")
    tables.append(
        Table(
            "training",
            _("Training attendance by month"),
            [_("Month"), _("Places taken"), _("Present")],
            [
                [formats.date_format(mo, "F Y"), registered[i], attended[i]]
                for i, mo in enumerate(months)
            ],
            _series_chart(
                _("Training attendance by month"),
                months,
                [(_("Places taken"), registered), (_("Present"), attended)],
            ),
        )
    )
    for table in tables:
        # Strings now: the template neither localises nor formats a number again.
        table.rows = [[str(cell) for cell in row] for row in table.rows]
        table.body = _body(table)
        if table.chart:
            table.chart["svg"] = svg(table.chart, table.slug)
    return tables


def _body(table: Table) -> str:
    """The <tbody> rows, written here: a thousand cells cost a template far more."""
    if not table.rows:
        return format_html(
            '<tr><td colspan="{}">{}</td></tr>', len(table.header), _("Nothing yet.")
        )
    headed = len(table.header) > 1
    lines = []
    for row in table.rows:
        cells = [
            f'<th scope="row">{escape(cell)}</th>'
            if headed and i == 0
            else f"<td>{escape(cell)}</td>"
            for i, cell in enumerate(row)
        ]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return mark_safe("".join(lines))  # noqa: S308 - every cell is escaped


def country_grid() -> list[dict]:
    """One tile per country for the Europe page: schools, active projects, pupils."""
    figures: dict = defaultdict(int)
    for row in (
        DailyFigure.objects.filter(region=None, metric__in=(m.SCHOOLS, m.PROJECTS, m.PUPILS))
        .exclude(country=EUROPE)
        .values("country", "metric", "key", "value")
    ):
        if row["metric"] == m.SCHOOLS:
            figures[(row["country"], "schools")] += row["value"]
        elif row["metric"] == m.PROJECTS and row["key"] == Project.Status.ACTIVE:
            figures[(row["country"], "projects")] = row["value"]
        elif row["metric"] == m.PUPILS:
            figures[(row["country"], "pupils")] = row["value"]
    return [
        {
            "code": c.code,
            "name": c.name,
            "schools": str(figures[(c.code, "schools")]),
            "projects": str(figures[(c.code, "projects")]),
            "pupils": str(figures[(c.code, "pupils")]),
        }
        for c in Country.objects.all()
    ]


def page(scope: str, range_key: str, *, country: Country | None = None) -> tuple[list, list]:
    """(tables, country grid) of a page, cached until the next materialisation run.

    The key holds the run's generation, the language (the tables hold translated
    labels) and the day (the last 12 months end today); a cache miss costs build().
    """
    generation = cache.get(GENERATION_KEY)
    key = ":".join(
        [
            "statistics:page",
            CACHE_VERSION,
            str(generation),
            scope or "EU",
            range_key,
            get_language() or "",
            timezone.localdate().isoformat(),
        ]
    )
    cached = cache.get(key) if generation else None
    if cached is None:
        cached = (build(scope, range_key, country=country), country_grid() if not scope else [])
        if generation:
            cache.set(key, cached, CACHE_SECONDS)
    return cached


def warm() -> int:
    """Build every page's tables into the cache right after the nightly run, so that no
    viewer pays for the first render of the day (the Europe page's p95 was above 200 ms
    uncached under load; see docs/benchmarks.md). Returns the number of pages built."""
    from django.conf import settings
    from django.utils import translation

    # Every period of the Europe page; the default period of each country with figures.
    from .models import DailyFigure

    codes = DailyFigure.objects.exclude(country=EUROPE).values("country").distinct()
    countries = list(Country.objects.filter(code__in=codes))
    built = 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for range_key in RANGES:
                page(EUROPE, range_key)
                built += 1
            for country in countries:
                page(country.code, DEFAULT_RANGE, country=country)
                built += 1
    return built
