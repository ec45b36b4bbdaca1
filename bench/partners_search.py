"""Run 1,000 varied partner searches through the search module and report p50/p95/p99.

    .venv/bin/python bench/partners_search.py             # on jumelage_bench (see partners_generate.py)
    .venv/bin/python bench/partners_search.py --searches 200 --database-url postgres://…/jumelage_bench

Searches mix text only (one or two words, any case, with or without accents, in
English, French, German or Spanish), filters only (countries, subjects, pupils'
ages, languages, school level, open request) and text with filters, on pages 1
to 3, exactly as the results page calls `jumelage.search.services.search`. Each
search is timed end to end (tsquery building, the page of ids and the capped count).
"""

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jumelage_bench"
WORDS = [
    "théâtre", "THEATRE", "theater", "musique", "music", "robotique", "robotics", "environnement",
    "climate", "climat", "poésie", "poetry", "école", "Ecole", "school", "journal", "patrimoine",
    "heritage", "échecs", "chess", "astronomie", "bees", "abeilles", "cuisine", "cooking",
    "programmation", "coding", "migration", "amitié", "friendship", "photography", "Schule",
    "Märchen", "cuentos", "teatro", "mathematics", "mathématiques", "history", "histoire",
    "Curie", "Comenius", "Erasmus", "Martin", "Rossi", "Weber", "Nowak", "Belrive", "Montburg",
    "primary", "élèves", "pupils", "project", "projet", "partner", "partenaires", "Europe",
    "France", "Allemagne", "Italy", "Spain", "Türkiye", "Poland", "sea", "mer", "comics", "cinéma",
]  # fmt: skip


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores, {cpu}{mem}, {platform.system()} {platform.release()}"


def make_queries(n, rnd, reference):
    from jumelage.search.backends import Query
    from jumelage.search.documents import OPEN_REQUEST, facet

    countries, subjects, languages, ages, levels = reference

    def some(values, kind, most=3):
        return tuple(facet(kind, v) for v in rnd.sample(values, rnd.randint(1, most)))

    queries = []
    for i in range(n):
        kind = ("text", "filters", "text+filters")[i % 3]
        text, groups = "", []
        if kind != "filters":
            text = " ".join(rnd.sample(WORDS, rnd.choice([1, 1, 2])))
        if kind != "text":
            options = [
                lambda: some(countries, "country"),
                lambda: some(subjects, "subject", 2),
                lambda: some(ages, "age", 4),
                lambda: some(languages, "language", 2),
                lambda: some(levels, "level", 2),
                lambda: (OPEN_REQUEST,),
            ]
            for make in rnd.sample(options, rnd.randint(1, 3)):
                groups.append(make())
        page = rnd.choice([1, 1, 1, 2, 3])
        queries.append((kind, Query(text=text, facet_groups=tuple(groups)), page))
    return queries


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--searches", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-slowest", type=int, default=0, metavar="N")
    parser.add_argument(
        "--plan-budget-ms",
        type=int,
        default=None,
        help="override jumelage.search.backends.PLAN_BUDGET_MS (0: planner's plan only)",
    )
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    import django

    django.setup()
    from django.db import connection

    from jumelage.reference.models import AgeBand, Country, Language
    from jumelage.schools.models import School
    from jumelage.search.models import SearchDocument
    from jumelage.search.services import search

    if args.plan_budget_ms is not None:
        from jumelage.search import backends

        backends.PLAN_BUDGET_MS = args.plan_budget_ms
    rnd = random.Random(args.seed)
    reference = (
        list(Country.objects.filter(can_found=True).values_list("code", flat=True)),
        [
            "art", "history", "music", "mathematics", "science", "drama", "computing",
            "foreign-languages", "language-literature", "geography", "physical-education",
        ],
        list(Language.objects.filter(eu_official=True).values_list("code", flat=True)),
        list(AgeBand.objects.values_list("min_age", flat=True)),
        list(School.Level.values),
    )  # fmt: skip
    documents = SearchDocument.objects.count()
    queries = make_queries(args.searches, rnd, reference)
    for _kind, query, page in make_queries(50, random.Random(args.seed + 1), reference):
        search(query, page=page)  # warm the caches
    timings: dict[str, list[float]] = {"all": []}
    totals, slowest = [], []
    for kind, query, page in queries:
        start = time.perf_counter()
        result = search(query, page=page)
        elapsed = (time.perf_counter() - start) * 1000
        timings["all"].append(elapsed)
        timings.setdefault(kind, []).append(elapsed)
        totals.append(result.total)
        slowest.append((elapsed, kind, query, page))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    load = os.getloadavg()
    print(f"machine: {machine()}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print(f"PostgreSQL {version}; {documents:,} findable teachers in the index")
    print(f"{len(queries)} searches; median results per search {statistics.median(totals):.0f}")
    print("| searches | n | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|")
    for kind, values in timings.items():
        print(
            f"| {kind} | {len(values)} | {percentile(values, 50):.1f} | {percentile(values, 95):.1f}"
            f" | {percentile(values, 99):.1f} | {max(values):.1f} |"
        )
    if args.show_slowest:
        for elapsed, kind, query, page in sorted(slowest, key=lambda x: -x[0])[: args.show_slowest]:
            print(f"{elapsed:.1f} ms {kind} page {page}: {query.text!r} {query.facet_groups}")
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
        print(f"commit {rev}")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
