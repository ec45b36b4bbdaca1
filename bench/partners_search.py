"""Time varied partner searches through the search module: per kind, SQL against total, concurrently.

    .venv/bin/python bench/partners_search.py                       # 1,000 searches, a fresh seed
    .venv/bin/python bench/partners_search.py --query-sets 5        # 5 fresh query sets in a row
    .venv/bin/python bench/partners_search.py --concurrency 8       # 8 searchers at once
    .venv/bin/python bench/partners_search.py --seed 1234 --show-slowest 10   # one set again

Searches mix text only (one or two words, any case, with or without accents, in
English, French, German or Spanish), filters only (countries, subjects, pupils'
ages, languages, school level, open request) and text with filters, on pages 1
to 3, exactly as the results page calls `jumelage.search.services.search`. Each
search is timed end to end; the SQL it ran is recorded and, right after, replayed
alone on the same connection, so each search's time can be set against its own SQL.
Each run draws a fresh seed (printed) unless --seed is given. The database is the
one `partners_generate.py` fills (PostgreSQL) or, with --sqlite, a SQLite file.
"""

import argparse
import multiprocessing
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jumelage_bench"
KINDS = ("text", "filters", "text+filters")
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
SUBJECTS = [
    "art", "history", "music", "mathematics", "science", "drama", "computing",
    "foreign-languages", "language-literature", "geography", "physical-education",
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
        kind = KINDS[i % 3]
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
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def setup(database_url):
    """Configure Django for `database_url` (already configured, e.g. under pytest: kept)."""
    from django.apps import apps

    if apps.ready:
        return
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    import django

    django.setup()
    from jumelage.core import collector

    collector.tune()  # the garbage collector as in the server processes that search


def reference_values():
    from jumelage.reference.models import AgeBand, Country, Language
    from jumelage.schools.models import School

    return (
        list(Country.objects.filter(can_found=True).values_list("code", flat=True)),
        SUBJECTS,
        list(Language.objects.filter(eu_official=True).values_list("code", flat=True)),
        list(AgeBand.objects.values_list("min_age", flat=True)),
        list(School.Level.values),
    )


class Recorder:
    """Collects the statements a search runs (a Django execute wrapper)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def replay(cursor, statements) -> float:
    """Time the search's own reading statements alone (transaction control left out)."""
    start = time.perf_counter()
    for sql, params in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def run_searches(queries, *, measure_sql=True, warm=()):
    """[(kind, total ms, own SQL ms, results, query, page)] for each search, in order."""
    from django.db import connection

    from jumelage.search.services import search

    for _kind, query, page in warm:
        search(query, page=page)
    rows = []
    for kind, query, page in queries:
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            start = time.perf_counter()
            result = search(query, page=page)
            elapsed = (time.perf_counter() - start) * 1000
        sql_ms = None
        if measure_sql:
            with connection.cursor() as cursor:
                sql_ms = replay(cursor.cursor, recorder.statements)
        rows.append((kind, elapsed, sql_ms, result.total, query, page))
    return rows


def _worker(share, warm, results):
    """One searcher (a forked process with its own connection)."""
    results.put([row[:4] for row in run_searches(share, measure_sql=False, warm=warm)])


def run_concurrently(queries, warm, searchers):
    from django.db import connections

    connections.close_all()  # each forked searcher opens its own connection
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [
        context.Process(target=_worker, args=(queries[i::searchers], warm[i::searchers], results))
        for i in range(searchers)
    ]
    for worker in workers:
        worker.start()
    parts = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    return [(k, t, None, n, None, None) for part in parts for k, t, _sql, n in part]


def report(rows, title):
    print(f"\n{title}")
    print(
        "| searches | n | p50 ms | p95 ms | p99 ms | max ms | own SQL p50 ms | SQL p95 ms | total/SQL p50 | max | over 2× |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for kind in ("all", *KINDS):
        mine = [r for r in rows if kind in ("all", r[0])]
        times = [r[1] for r in mine]
        sqls = [r[2] for r in mine if r[2] is not None]
        ratios = [r[1] / r[2] for r in mine if r[2]]
        cells = [
            kind, len(times), *(f"{percentile(times, p):.1f}" for p in (50, 95, 99)),
            f"{max(times):.1f}",
        ]  # fmt: skip
        if sqls:
            cells += [
                f"{percentile(sqls, 50):.1f}", f"{percentile(sqls, 95):.1f}",
                f"{percentile(ratios, 50):.2f}", f"{max(ratios):.2f}",
                f"{sum(1 for x in ratios if x > 2)}",
            ]  # fmt: skip
        else:
            cells += ["–"] * 5
        print("| " + " | ".join(str(c) for c in cells) + " |")
    over = [(r[1], r[2]) for r in rows if r[2] and r[1] > 2 * r[2]]
    if over:
        # Over 2x is mostly where the SQL takes a millisecond or two: say by how much.
        print(
            f"over 2x its own SQL: {len(over)} searches; their SQL p50"
            f" {percentile([s for _t, s in over], 50):.1f} ms, max {max(s for _t, s in over):.1f}"
            f" ms; time beyond their SQL p50 {percentile([t - s for t, s in over], 50):.1f} ms,"
            f" max {max(t - s for t, s in over):.1f} ms"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--searches", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=None, help="default: a fresh one, printed")
    parser.add_argument(
        "--query-sets", type=int, default=1, help="fresh seeds, one after the other"
    )
    parser.add_argument(
        "--concurrency", type=int, default=0, metavar="N", help="N searchers at once"
    )
    parser.add_argument("--show-slowest", type=int, default=0, metavar="N")
    parser.add_argument(
        "--prewarm",
        action="store_true",
        help="PostgreSQL: load the search table, its filters' copy and its GIN index into"
        " shared_buffers"
        " first (pg_prewarm), as after a restart with autoprewarm (the TOAST holds the"
        " body texts, which no search reads since migration search 0005)",
    )
    args = parser.parse_args(argv)
    setup(args.database_url)
    from django.db import connection

    from jumelage.search.models import SearchDocument

    reference = reference_values()
    documents = SearchDocument.objects.count()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = "PostgreSQL " + cursor.fetchone()[0]
            cursor.execute("SHOW shared_buffers")
            version += f", shared_buffers {cursor.fetchone()[0]}"
            if args.prewarm:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
                cursor.execute(
                    "SELECT pg_prewarm('search_searchdocument')"
                    " + pg_prewarm('search_documentfilters')"
                    " + pg_prewarm('search_doc_vector_gin')"
                )
                version += f", {cursor.fetchone()[0]:,} blocks prewarmed"
        else:
            cursor.execute("SELECT sqlite_version()")
            version = "SQLite " + cursor.fetchone()[0]
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
    except OSError:
        rev = "?"
    print(f"machine: {machine()}")
    print(f"{version}; {documents:,} findable teachers in the index; commit {rev}")
    seeds = [args.seed] if args.seed is not None else []
    seeds += [secrets.randbelow(10**9) for _ in range(args.query_sets - len(seeds))]
    everything = []
    for seed in seeds:
        rnd = random.Random(seed)
        queries = make_queries(args.searches, rnd, reference)
        warm = make_queries(50, random.Random(seed + 1), reference)
        load = os.getloadavg()
        if args.concurrency:
            start = time.perf_counter()
            rows = run_concurrently(queries, warm, args.concurrency)
            wall = time.perf_counter() - start
            title = (
                f"seed {seed}: {len(rows)} searches by {args.concurrency} concurrent searchers"
                f" in {wall:.1f} s ({len(rows) / wall:.0f}/s); load average before"
                f" {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
            )
        else:
            rows = run_searches(queries, warm=warm)
            title = (
                f"seed {seed}: {len(rows)} searches; median results per search"
                f" {statistics.median(r[3] for r in rows):.0f}; load average before"
                f" {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
            )
        after = os.getloadavg()
        report(rows, title + f", after {after[0]:.1f} {after[1]:.1f} {after[2]:.1f}")
        everything += rows
        if args.show_slowest:
            for kind, elapsed, sql_ms, total, query, page in sorted(rows, key=lambda r: -r[1])[
                : args.show_slowest
            ]:
                sql = f" (SQL {sql_ms:.1f} ms)" if sql_ms is not None else ""
                described = f"{query.text!r} {query.facet_groups}" if query else ""
                print(f"{elapsed:.1f} ms{sql} {kind} page {page}, {total} results: {described}")
    if len(seeds) > 1:
        report(everything, f"all {len(seeds)} query sets: seeds {', '.join(map(str, seeds))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
