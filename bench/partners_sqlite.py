"""Build a SQLite partner-search database (FTS5, the embedded default) from the PostgreSQL one.

    .venv/bin/python bench/partners_sqlite.py                 # 100,000 teachers -> var/bench/search_100k.sqlite3
    .venv/bin/python bench/partners_search.py --database-url sqlite:///var/bench/search_100k.sqlite3

It migrates a fresh SQLite file and copies, from the database `partners_generate.py`
filled, the search documents of the first N teachers (by id: the generator spreads
countries, subjects, ages and texts evenly over ids, so any N of them are a fair
sample). The FTS5 triggers index them as the platform would, then FTS5 merges its
segments ('optimize'). Only the search tables are filled: the benchmark reads nothing
else (the documents' users are not copied, foreign keys are off for the load).
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = "postgres://postgres@127.0.0.1:5432/jumelage_bench"


def _naive_utc(moment) -> str:
    """Django's SQLite form of an aware datetime (UTC, no offset)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def migrate(target: Path) -> None:
    """A fresh SQLite file with the platform's tables (FTS5 table and triggers among them)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{target}"}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, check=True, cwd=ROOT)


def build(source, target: Path, teachers: int, progress=print) -> int:
    """Copy the documents of the first `teachers` teachers of `source` (a psycopg
    connection) into the migrated SQLite file `target`; return how many."""
    copied = 0
    db = sqlite3.connect(target)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("DELETE FROM search_searchdocument")
    with source.cursor() as cursor:
        cursor.execute(
            "SELECT max(user_id) FROM (SELECT user_id FROM accounts_teacherprofile"
            " ORDER BY user_id LIMIT %s) AS t",
            [teachers],
        )
        last_teacher, after = cursor.fetchone()[0] or 0, 0
        while True:
            cursor.execute(
                "SELECT user_id, name, body, facets, active_at, updated_at"
                " FROM search_searchdocument WHERE user_id > %s AND user_id <= %s"
                " ORDER BY user_id LIMIT 5000",
                [after, last_teacher],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            db.executemany(
                "INSERT INTO search_searchdocument (user_id, name, body, facets, active_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                [(*r[:4], _naive_utc(r[4]), _naive_utc(r[5])) for r in rows],
            )
            copied += len(rows)
            after = rows[-1][0]
            progress(f"{copied} documents")
    db.commit()
    db.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    db.commit()
    db.execute("VACUUM")
    db.execute("ANALYZE")
    db.close()
    return copied


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SOURCE)
    )
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--path", type=Path, default=ROOT / "var/bench/search_100k.sqlite3")
    args = parser.parse_args(argv)
    import psycopg
    from environ import Env

    started = time.monotonic()
    target = args.path.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    migrate(target)
    cfg = Env.db_url_config(args.source_url)
    with psycopg.connect(
        dbname=cfg["NAME"],
        user=cfg.get("USER") or None,
        host=cfg.get("HOST") or None,
        port=cfg.get("PORT") or None,
        password=cfg.get("PASSWORD") or None,
    ) as source:
        copied = build(source, target, args.teachers, progress=lambda m: None)
    size = target.stat().st_size / 1024 / 1024
    print(
        f"{copied:,} findable teachers of the first {args.teachers:,} copied to {target}"
        f" ({size:.0f} MB) in {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
