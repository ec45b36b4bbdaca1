"""Scale-out settings: replica routing keeps a writer on the primary; PgBouncer mode."""

import os
import subprocess
import sys

import pytest
from django.http import HttpResponse

from jumelage.core import dbrouting


def _through_middleware(rf, settings, method, cookies=None, write=False):
    """The alias the router picks for a read, after an optional write, inside a request."""
    settings.DATABASE_REPLICA_URL = "postgres://app@replica.internal/jumelage"
    settings.REPLICA_PIN_SECONDS = 10
    router = dbrouting.PrimaryReplicaRouter()
    seen = {}

    def view(request):
        if write:
            router.db_for_write(None)
        seen["read"] = router.db_for_read(None)
        return HttpResponse("ok")

    request = getattr(rf, method.lower())("/")
    request.COOKIES.update(cookies or {})
    response = dbrouting.ReplicaMiddleware(view)(request)
    return seen["read"], response


def test_a_page_reads_the_replica_a_post_and_its_next_pages_read_the_primary(rf, settings):
    read, response = _through_middleware(rf, settings, "GET")
    assert read == "replica"
    assert dbrouting.PIN_COOKIE not in response.cookies

    read, response = _through_middleware(rf, settings, "POST")
    assert read == "default"
    pin = response.cookies[dbrouting.PIN_COOKIE]
    assert pin["max-age"] == 10 and pin["httponly"]
    # The redirect after the POST, and the pages of the next seconds: the primary.
    read, _ = _through_middleware(rf, settings, "GET", cookies={dbrouting.PIN_COOKIE: "1"})
    assert read == "default"


def test_a_get_that_writes_reads_its_own_write_from_the_primary(rf, settings):
    read, _ = _through_middleware(rf, settings, "GET", write=True)
    assert read == "default"


def test_outside_a_request_everything_reads_the_primary(settings):
    """Celery tasks, commands, WebSocket consumers: never the replica."""
    settings.DATABASE_REPLICA_URL = "postgres://app@replica.internal/jumelage"
    router = dbrouting.PrimaryReplicaRouter()
    assert router.db_for_read(None) == "default"
    assert router.allow_migrate("replica", "projects") is False


def _settings_with(env: dict) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({'dbs': {k: {'ssc': v.get('DISABLE_SERVER_SIDE_CURSORS', False),"
        " 'opts': v.get('OPTIONS', {})} for k, v in s.DATABASES.items()},"
        " 'routers': s.DATABASE_ROUTERS, 'mw': s.MIDDLEWARE,"
        " 'storage': s.STORAGES['default']['BACKEND']}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "jumelage.settings", **env},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def test_environment_switches_replica_pgbouncer_and_s3_media():
    primary = "postgres://app@10.0.0.1:6432/jumelage"
    seen = _settings_with(
        {
            "DATABASE_URL": primary,
            "DATABASE_REPLICA_URL": "postgres://app@10.0.0.2:5432/jumelage",
            "PGBOUNCER": "1",
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": "jumelage-media",
        }
    )
    assert set(seen["dbs"]) == {"default", "replica"}
    for db in seen["dbs"].values():
        assert db["ssc"] is True and db["opts"]["prepare_threshold"] is None
    assert seen["routers"] == ["jumelage.core.dbrouting.PrimaryReplicaRouter"]
    assert seen["mw"].index("jumelage.core.dbrouting.ReplicaMiddleware") < seen["mw"].index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )
    assert seen["storage"] == "storages.backends.s3.S3Storage"

    default = _settings_with({})
    assert set(default["dbs"]) == {"default"} and default["routers"] == []
    assert default["storage"] == "django.core.files.storage.FileSystemStorage"


def test_prepared_statements_without_pgbouncer_only():
    direct = _settings_with({"DATABASE_URL": "postgres://app@10.0.0.1:5432/jumelage"})
    options = direct["dbs"]["default"]["opts"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 5
    pooled = _settings_with({"DATABASE_URL": "postgres://app@10.0.0.1:6432/j", "PGBOUNCER": "1"})
    assert "server_side_binding" not in pooled["dbs"]["default"]["opts"]
    off = _settings_with(
        {"DATABASE_URL": "postgres://app@10.0.0.1:5432/j", "DB_PREPARED_STATEMENTS": "0"}
    )
    assert "prepare_threshold" not in off["dbs"]["default"]["opts"]


@pytest.mark.services
def test_a_query_a_connection_runs_again_is_planned_once(postgres):
    """PostgreSQL keeps the statement prepared on the connection from the fifth run."""
    from jumelage.accounts.models import User

    def prepared() -> int:
        with postgres.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return cursor.fetchone()[0]

    before = prepared()
    for n in range(6):
        list(User.objects.filter(pk=n, is_active=True).values_list("pk"))
    assert prepared() > before
