"""Time the POST that creates a class of pupils, with the production password hasher.

    .venv/bin/python bench/pupil_class.py                 # 30 pupils, 3 runs
    .venv/bin/python bench/pupil_class.py --pupils 60 --runs 5
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jumelage_bench .venv/bin/python bench/pupil_class.py

Builds a fresh database (SQLite in a temp directory unless DATABASE_URL is set: that
PostgreSQL database is dropped and created again, never point it at one you care about),
makes a project, then signs its founder in and posts the class form (names and
the card password style) as the browser does, through the whole middleware stack,
and prints the wall time of each POST (cards page included). The hashers are
Django's defaults (PBKDF2, 1,000,000 iterations for chosen passwords). Never run
in CI; the smoke test is jumelage/projects/tests/test_pupil_class_bench.py.
"""

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(project, pupils: int, style: str = "words") -> dict:
    """One class of `pupils` created by the founder over HTTP; seconds and cards shown."""
    from django.test import Client
    from django.urls import reverse

    teacher = project.memberships.filter(is_founder=True).first().user
    client = Client()
    client.force_login(teacher)
    url = reverse("projects:pupils", args=[project.pk])
    page = client.get(url).content.decode()
    batch = re.search(r'name="batch" value="([^"]+)"', page).group(1)
    names = "\n".join(f"Pupil {n}" for n in range(pupils))
    start = time.perf_counter()
    response = client.post(url, {"names": names, "batch": batch, "password_style": style})
    seconds = time.perf_counter() - start
    cards = response.content.decode().count('class="login-card"')
    return {"pupils": pupils, "style": style, "seconds": round(seconds, 3), "cards": cards}


def _fresh_postgres(url: str) -> None:
    from urllib.parse import urlsplit

    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jumelage-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    if os.environ["DATABASE_URL"].startswith("postgres"):
        _fresh_postgres(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from jumelage import testing

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    for run in range(args.runs):
        project = testing.make_project(title=f"Bench class {run}")
        for style in ("words", "random"):
            print(measure(project, args.pupils, style))
    return 0


if __name__ == "__main__":
    sys.exit(main())
