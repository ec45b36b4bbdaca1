"""Time the statistics pages on the daily figures that eTwinning's full scale implies.

    .venv/bin/python bench/statistics_page.py                 # 5 years, 33 countries
    .venv/bin/python bench/statistics_page.py --runs 50 --years 1

It (re)creates the database named by --database-url (default jw_statistics_bench;
never point it at a database you care about: it is dropped), migrates it, writes the
daily figures with COPY (every flow metric for every day, country and Europe, the
verification-time histogram, and one snapshot per country and region) sized so the
totals are those of the full platform (1.2 M teachers, 295 k schools, 160 k projects,
3 M pupils), then renders the French office's page and the Europe page in-process
(Django test client, PostgreSQL) and prints p50/p95 per page and period.
"""

import argparse
import datetime as dt
import math
import os
import random
import statistics as stats
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jw_statistics_bench"
TEACHERS, SCHOOLS, PROJECTS, PUPILS = 1_200_000, 295_000, 160_000, 3_000_000
COUNTRY_WEIGHT = {
    "TR": 20, "IT": 12, "PL": 10, "ES": 10, "RO": 8, "GR": 7, "FR": 7, "DE": 5, "PT": 5,
    "HR": 3, "SK": 3, "CZ": 3, "BG": 3, "MK": 2, "HU": 2, "LT": 2, "LV": 1, "EE": 1, "SI": 1,
    "BE": 2, "NL": 1, "AT": 1, "CH": 1, "SE": 1, "FI": 1, "DK": 1, "NO": 1, "IS": 1, "IE": 1,
    "GB": 1, "LU": 1, "MT": 1, "CY": 1,
}  # fmt: skip


def _poisson_like(rng, mean: float) -> int:
    """A cheap non-negative integer around `mean` (the exact law does not matter here)."""
    if mean < 30:
        value, threshold = 0, rng.random()
        # Knuth's method is slow for large means; fine below 30.
        p = math.exp(-mean)
        cumulative = p
        while threshold > cumulative and value < 200:
            value += 1
            p *= mean / value
            cumulative += p
        return value
    return max(0, int(rng.gauss(mean, mean**0.5)))


def generate(connection, *, scale=1.0, years=5.0, today=None, progress=print) -> dict:
    """Write the daily figures with COPY through `connection` (a Django connection)."""
    from jumelage.reference.models import Country, Region, Subject
    from jumelage.statistics import models as m
    from jumelage.statistics.materialise import LAST_DAY_BUCKET, WIDE_BUCKETS, roll_up

    rng = random.Random(21)
    today = today or dt.date.today()
    days = max(1, int(365 * years))
    first = today - dt.timedelta(days=days)
    countries = [c for c in Country.objects.values_list("code", flat=True) if c in COUNTRY_WEIGHT]
    weight_sum = sum(COUNTRY_WEIGHT[c] for c in countries)
    regions: dict[str, list[int]] = {c: [] for c in countries}
    for pk, code in Region.objects.values_list("id", "country_id"):
        if code in regions:
            regions[code].append(pk)
    subjects = list(Subject.objects.values_list("code", flat=True))
    buckets = [*range(0, LAST_DAY_BUCKET + 1), *WIDE_BUCKETS]
    per_day = {
        m.REGISTRATIONS: TEACHERS * scale / days,
        m.SCHOOLS_REGISTERED: SCHOOLS * scale / days,
        m.PROJECTS_FOUNDED: PROJECTS * scale / days,
        m.PROJECTS_CLOSED: PROJECTS * scale * 0.6 / days,
        m.PUPILS_ADDED: PUPILS * scale / days,
    }
    rows = 0
    started = time.perf_counter()
    connection.ensure_connection()
    copy_sql = (
        "COPY statistics_dailyfigure (day, country, region_id, metric, key, value) FROM STDIN"
    )
    with connection.connection.cursor() as cursor:
        with cursor.copy(copy_sql) as copy:

            def put(day, country, region, metric, key, value):
                nonlocal rows
                if value > 0:
                    copy.write_row((day, country, region, metric, key, value))
                    rows += 1

            for offset in range(days):
                day = first + dt.timedelta(days=offset)
                europe: dict = {}
                for country in countries:
                    share = COUNTRY_WEIGHT[country] / weight_sum
                    for metric, mean in per_day.items():
                        value = _poisson_like(rng, mean * share)
                        europe[(metric, "")] = europe.get((metric, ""), 0) + value
                        put(day, country, None, metric, "", value)
                    verified = _poisson_like(rng, per_day[m.REGISTRATIONS] * share * 0.8)
                    put(day, country, None, m.VERIFICATIONS, "", verified)
                    europe[(m.VERIFICATIONS, "")] = europe.get((m.VERIFICATIONS, ""), 0) + verified
                    for _ in range(verified):
                        bucket = str(buckets[min(int(rng.expovariate(1 / 6)), len(buckets) - 1)])
                        europe[(m.VERIFY_DAYS, bucket)] = europe.get((m.VERIFY_DAYS, bucket), 0) + 1
                    for key in ("registered", "attended"):
                        value = _poisson_like(
                            rng, 40 * scale * share * (0.8 if key[0] == "a" else 1)
                        )
                        put(day, country, None, m.TRAINING, key, value)
                        europe[(m.TRAINING, key)] = europe.get((m.TRAINING, key), 0) + value
                # The country histograms: the Europe one split by weight (cheap, realistic).
                for (metric, key), value in europe.items():
                    put(day, "", None, metric, key, value)
                    if metric == m.VERIFY_DAYS:
                        for country in countries:
                            share = COUNTRY_WEIGHT[country] / weight_sum
                            put(day, country, None, metric, key, round(value * share))
                if offset % 365 == 0:
                    progress(f"  {day}: {rows:,} rows, {time.perf_counter() - started:.0f} s")

            # One snapshot, dated today: per region and per country, and Europe.
            for country in countries:
                share = COUNTRY_WEIGHT[country] / weight_sum
                places = [(r, 1 / len(regions[country])) for r in regions[country]] or []
                for region, part in [(None, 1.0), *places]:
                    for status, part2 in (("verified", 0.85), ("pending", 0.1), ("rejected", 0.05)):
                        put(
                            today,
                            country,
                            region,
                            m.SCHOOLS,
                            status,
                            round(SCHOOLS * scale * share * part * part2),
                        )
                    for status, part2 in (
                        ("active", 0.3),
                        ("closed", 0.5),
                        ("archived", 0.15),
                        ("draft", 0.05),
                    ):
                        put(
                            today,
                            country,
                            region,
                            m.PROJECTS,
                            status,
                            round(PROJECTS * scale * share * part * part2 * 1.8),
                        )
                    put(today, country, region, m.PUPILS, "", round(PUPILS * scale * share * part))
                for other in countries:
                    if other != country:
                        put(
                            today,
                            country,
                            None,
                            m.PARTNERS,
                            other,
                            round(
                                PROJECTS * scale * share * COUNTRY_WEIGHT[other] / weight_sum * 2
                            ),
                        )
                for code in subjects:
                    put(
                        today,
                        country,
                        None,
                        m.SUBJECTS,
                        code,
                        rng.randint(1, max(1, int(PROJECTS * scale * share / 5))),
                    )
                for age in range(3, 20):
                    put(
                        today,
                        country,
                        None,
                        m.AGES,
                        str(age),
                        rng.randint(1, max(1, int(PROJECTS * scale * share / 3))),
                    )
            for status, part in (("verified", 0.85), ("pending", 0.1), ("rejected", 0.05)):
                put(today, "", None, m.SCHOOLS, status, round(SCHOOLS * scale * part))
            for status, part in (
                ("active", 0.3),
                ("closed", 0.5),
                ("archived", 0.15),
                ("draft", 0.05),
            ):
                put(today, "", None, m.PROJECTS, status, round(PROJECTS * scale * part))
            put(today, "", None, m.PUPILS, "", round(PUPILS * scale))
            for country in countries:
                put(
                    today,
                    "",
                    None,
                    m.PARTNERS,
                    country,
                    round(PROJECTS * scale * COUNTRY_WEIGHT[country] / weight_sum * 2),
                )
            for code in subjects:
                put(
                    today,
                    "",
                    None,
                    m.SUBJECTS,
                    code,
                    rng.randint(1, max(1, int(PROJECTS * scale / 5))),
                )
            for age in range(3, 20):
                put(
                    today,
                    "",
                    None,
                    m.AGES,
                    str(age),
                    rng.randint(1, max(1, int(PROJECTS * scale / 3))),
                )
        cursor.execute("ANALYZE statistics_dailyfigure")
    rolled = time.perf_counter()
    monthly = roll_up(first, today - dt.timedelta(days=1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE statistics_monthlyfigure")
    progress(f"  {monthly:,} monthly figures in {time.perf_counter() - rolled:.0f} s")
    progress(f"  {rows:,} daily figures in {time.perf_counter() - started:.0f} s")
    return {"rows": rows, "monthly": monthly, "days": days, "countries": len(countries)}


def measure(*, runs=100, warmup=5, progress=print) -> dict:
    """Render each page `runs` times in-process; returns {label: (p50 ms, p95 ms)}."""
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from jumelage import testing
    from jumelage.accounts.models import User
    from jumelage.statistics.materialise import GENERATION_KEY

    office = User.objects.filter(
        support_roles__country="FR", support_roles__role="national"
    ).first() or testing.make_staff("FR")
    admin = User.objects.filter(email="bench-admin@example.org").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "bench-admin@example.org", testing.PASSWORD, display_name="Bench admin"
        )
    results = {}
    for who, user, url in (
        ("office FR", office, reverse("statistics:country", args=["FR"])),
        ("Europe", admin, reverse("statistics:europe")),
    ):
        client = Client()
        testing.sign_in(client, user)
        for period in ("12", "all"):
            for mode in ("cold", "cached"):
                for _ in range(warmup):
                    assert client.get(url, {"range": period}).status_code == 200
                times = []
                for _ in range(runs):
                    if mode == "cold":  # as after a nightly run: nothing cached
                        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
                    start = time.perf_counter()
                    response = client.get(url, {"range": period})
                    times.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200
                times.sort()
                p50 = stats.median(times)
                p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
                results[f"{who}, {period}, {mode}"] = (round(p50, 1), round(p95, 1))
                progress(
                    f"  {who:10} range={period:4} {mode:6} n={runs} "
                    f"p50 {p50:.1f} ms p95 {p95:.1f} ms"
                )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is")
    args = parser.parse_args()

    name = args.database_url.rsplit("/", 1)[1]
    if not args.keep:
        base = args.database_url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", base, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", base, "-qc", f"CREATE DATABASE {name}"], check=True)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from jumelage.statistics.materialise import GENERATION_KEY

    setup_test_environment()  # the test client's host, in-memory email
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)  # the figures are new: a new run
    if not args.keep:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.0f} s")
        generate(connection, scale=args.scale, years=args.years)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), pg_size_pretty(pg_total_relation_size('statistics_dailyfigure')) FROM statistics_dailyfigure"
        )
        count, size = cursor.fetchone()
        print(f"daily figures: {count:,} rows, {size}")
    measure(runs=args.runs)
    print(f"cache: {settings.CACHES['default']['BACKEND']}")


if __name__ == "__main__":
    main()
