"""Run the whole suite: on SQLite, then on PostgreSQL + Redis when they are reachable.

Pass 1: SQLite, in-memory channel layer, eager Celery, browser tests (Chromium).
Pass 2: PostgreSQL (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/jumelage)
        and Redis (REDIS_URL, else redis://127.0.0.1:6379/0): Redis channel layer,
        real Celery worker tests, full-text search on PostgreSQL.
With JUMELAGE_REQUIRE_SERVICES=1, an unreachable PostgreSQL or Redis is a failure.
Extra arguments go to pytest on both passes.

The two passes share nothing (database, channel layer, media under each test's tmp_path),
so they run at the same time, one per core: the suite takes the longer pass, not the sum.
Pass 1 prints as it goes, pass 2 when it ends. JUMELAGE_SERIAL_PASSES=1 runs them one
after the other, both printing as they go. Tests marked `alone` (four browsers and an
SFU on two cores) are pass 1's, but run once both passes have ended: beside pass 2 the
machine is too loaded for them to say anything about the product.
"""

import os
import subprocess
import sys
import tempfile

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/jumelage"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def reachable_postgres(url: str) -> str | None:
    try:
        import psycopg
        from environ import Env

        cfg = Env.db_url_config(url)
        with psycopg.connect(
            dbname="postgres",
            user=cfg.get("USER") or None,
            password=cfg.get("PASSWORD") or None,
            host=cfg.get("HOST") or None,
            port=cfg.get("PORT") or None,
            connect_timeout=3,
        ):
            return None
    except Exception as exc:  # noqa: BLE001
        return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def reachable_redis(url: str) -> str | None:
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
        return None
    except Exception as exc:  # noqa: BLE001
        return str(exc)


def pytest(args, env) -> int:
    print(" ".join(["pytest", *args]), flush=True)
    return subprocess.call([sys.executable, "-m", "pytest", *args], env=env)


def main(argv) -> int:
    require = os.environ.get("JUMELAGE_REQUIRE_SERVICES") == "1"
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    pg_url = os.environ.get("DATABASE_URL", "")
    if not pg_url.startswith("postgres"):
        pg_url = DEFAULT_PG
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS

    pass1 = ["-m", "not services", *argv]
    pg_error, redis_error = reachable_postgres(pg_url), reachable_redis(redis_url)
    if pg_error or redis_error:
        message = f"PostgreSQL: {pg_error or 'ok'}; Redis: {redis_error or 'ok'}"
        print("== pass 1: SQLite, in-memory channel layer ==", flush=True)
        status = pytest(pass1, base)
        if require:
            print(f"FAILED: services required but unreachable ({message})", flush=True)
            return 1
        print(f"== pass 2 skipped: {message} ==", flush=True)
        return status

    env = {**base, "DATABASE_URL": pg_url, "REDIS_URL": redis_url}
    # Its own var/ (uploads in flight, backups, generated sites), apart from pass 1's.
    env.setdefault("JUMELAGE_VAR_DIR", os.path.join(base.get("JUMELAGE_VAR_DIR", "var"), "pass2"))
    # Its own Janus and coturn (the SFU tests of both passes run at the same time; each
    # fixture refuses a port already taken).
    env.setdefault("JANUS_TEST_PORT", str(int(base.get("JANUS_TEST_PORT", "9510")) + 10))
    env.setdefault("TURN_TEST_PORT", str(int(base.get("TURN_TEST_PORT", "3478")) + 10))
    pass2 = ["-m", "not e2e", *argv]
    statuses = []
    if os.environ.get("JUMELAGE_SERIAL_PASSES") == "1":
        print("== pass 1: SQLite, in-memory channel layer ==", flush=True)
        statuses.append(pytest(pass1, base))
        print("== pass 2: PostgreSQL + Redis ==", flush=True)
        statuses.append(pytest(pass2, env))
    else:
        pass1 = ["-m", "not services and not alone", *argv]
        with tempfile.TemporaryFile("w+") as log:
            print("== pass 2: PostgreSQL + Redis (running beside pass 1) ==", flush=True)
            second = subprocess.Popen(
                [sys.executable, "-m", "pytest", *pass2], env=env, stdout=log, stderr=log
            )
            print("== pass 1: SQLite, in-memory channel layer ==", flush=True)
            statuses.append(pytest(pass1, base))
            statuses.append(second.wait())
            log.seek(0)
            print("== pass 2: PostgreSQL + Redis ==", flush=True)
            print(" ".join(["pytest", *pass2]), flush=True)
            sys.stdout.write(log.read())
            sys.stdout.flush()
        print("== pass 1, the tests that need the machine to itself ==", flush=True)
        statuses.append(pytest(["-m", "alone and not services", *argv], base))
    # pytest exits 5 when a pass selects no test (e.g. a filtered run): not a failure.
    failures = [s for s in statuses if s != 5]
    return max(failures) if failures else 5


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
