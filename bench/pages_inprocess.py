"""Time the 12 main pages in-process (Django test client, full middleware).

    .venv/bin/python bench/pages_inprocess.py                   # build jw_pages_bench, measure
    .venv/bin/python bench/pages_inprocess.py --keep            # measure again, same data
    .venv/bin/python bench/pages_inprocess.py --runs 50 --scale 0.2

It (re)creates the database named by --database-url (default jw_pages_bench; it is
dropped first, so never point it at a database you care about), migrates it, loads
the demo data and a moderate boost of the demo project (about 100 members, hundreds of
wiki pages, forum topics and replies, blog posts, chat messages, files and events) and
puts the demo founder in 40 projects. Then, signed in as that founder, it requests each
page `--warmup` times, then `--runs` times, and prints a Markdown table: median and p95
of the server time (the test client's round trip: URL resolution, middleware, view,
template) and the queries each page runs. Budget: a median of at most 8 ms per page.

Give --redis-url to use the Redis cache as production does (default: the embedded
locmem cache). A tiny-scale smoke test runs in the PostgreSQL pass of the suite
(jumelage/core/tests/test_pages_bench.py).
"""

import argparse
import datetime as dt
import os
import statistics as stats
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jw_pages_bench"
FOUNDER = "claire.martin@demo.jumelage.eu"
DEMO_PROJECT = "Nos villes, nos vies"
BUDGET_MS = 8.0
# At scale 1.0: the demo project's boost, and the founder's number of projects.
BOOST = {
    "teachers": 40,
    "pupils": 60,
    "pages": 300,
    "topics": 200,
    "replies": 300,  # in the measured topic (the others get one or two)
    "blog_posts": 150,
    "messages": 2000,
    "files": 200,
    "events": 100,
    "projects": 40,
}


def build(*, scale: float = 1.0, progress=print) -> dict:
    """Load the demo data, then add the boost (scaled) to the demo project. Returns counts."""
    from django.core.management import call_command

    from jumelage.accounts.models import User
    from jumelage.projects.models import Membership, Project

    call_command("load_demo", stdout=StringIO())
    n = {key: max(2, int(value * scale)) for key, value in BOOST.items()}
    founder = User.objects.get(email=FOUNDER)
    project = Project.objects.get(title__startswith=DEMO_PROJECT, memberships__user=founder)
    boost(project, founder, n)
    counts = {
        "members": project.memberships.count(),
        "founder_projects": Membership.objects.filter(user=founder).count(),
        **{key: n[key] for key in ("pages", "topics", "replies", "blog_posts", "messages")},
        **{key: n[key] for key in ("files", "events")},
    }
    progress(f"data: {counts}")
    return counts


def boost(project, founder, n: dict) -> None:
    """Add n[kind] items of each kind (BOOST's keys) to `project`, the last topic getting
    n["replies"] replies; make `founder` a member of n["projects"] projects in all."""
    from django.db import transaction
    from django.utils import timezone

    from jumelage import testing
    from jumelage.blog.models import Post as BlogPost
    from jumelage.calendar.models import Event
    from jumelage.chat.models import Message, Room
    from jumelage.chat.services import ensure_rooms
    from jumelage.forum.models import Post, Topic
    from jumelage.materials.models import Item
    from jumelage.projects.models import Membership
    from jumelage.wiki.models import Page, Revision

    now = timezone.now()
    tag = f"{now.timestamp():.6f}"
    with transaction.atomic():
        countries = ["DE", "IT", "ES", "PL", "FR"]
        teachers = [
            testing.add_member(project, country=countries[i % len(countries)])
            for i in range(n["teachers"])
        ]
        pupils = [testing.make_pupil(project, founder) for _ in range(n["pupils"])]
        people = [founder, *teachers, *pupils]
        pages = Page.objects.bulk_create(
            Page(
                project=project,
                title=f"Page {i}",
                body=f"<p>Page {i} of the journal: what we found out this week.</p>" * 5,
                position=100 + i,
                author=people[i % len(people)],
                updated_by=people[i % len(people)],
            )
            for i in range(n["pages"])
        )
        Revision.objects.bulk_create(
            Revision(
                page=page,
                project=project,
                number=1,
                title=page.title,
                body=page.body,
                author=page.author,
            )  # fmt: skip
            for page in pages
        )
        topics = Topic.objects.bulk_create(
            Topic(
                project=project,
                author=people[i % len(people)],
                title=f"Topic {i}",
                body="<p>What do you think?</p>",
            )
            for i in range(n["topics"])
        )
        big = topics[-1]
        Post.objects.bulk_create(
            [
                *(
                    Post(
                        topic=big,
                        project=project,
                        author=people[i % len(people)],
                        body=f"<p>Reply {i}</p>",
                    )
                    for i in range(n["replies"])
                ),
                *(
                    Post(
                        topic=t,
                        project=project,
                        author=people[i % len(people)],
                        body="<p>Agreed.</p>",
                    )
                    for i, t in enumerate(topics[:-1])
                ),
            ]
        )
        BlogPost.objects.bulk_create(
            BlogPost(
                project=project,
                author=people[i % len(people)],
                title=f"Blog post {i}",
                body="<p>Our visit to the museum.</p>" * 10,
                status=BlogPost.Status.PUBLISHED,
                published_at=now - dt.timedelta(hours=i),
            )
            for i in range(n["blog_posts"])
        )
        ensure_rooms(project)
        general = Room.objects.get(project=project, kind=Room.Kind.GENERAL)
        Message.objects.bulk_create(
            Message(
                room=general,
                author=people[i % len(people)],
                body=f"Message {i}: hello from our class!",
                client_id=f"bench-{tag}-{i}",
            )
            for i in range(n["messages"])
        )
        Item.objects.bulk_create(
            Item(
                project=project,
                name=f"worksheet-{i:03d}.pdf",
                file=f"bench/worksheet-{i:03d}.pdf",
                kind=Item.Kind.PDF,
                content_type="application/pdf",
                size=12_000 + i,
                uploaded_by=people[i % len(people)],
            )
            for i in range(n["files"])
        )
        Event.objects.bulk_create(  # upcoming: on the dashboard and in this month's calendar
            Event(
                project=project,
                title=f"Event {i}",
                starts_at=now + dt.timedelta(hours=1 + 6 * i),
                ends_at=now + dt.timedelta(hours=2 + 6 * i),
                created_by=founder,
            )
            for i in range(n["events"])
        )
        already = Membership.objects.filter(user=founder).count()
        for _ in range(max(0, n["projects"] - already)):
            other = testing.make_project([founder, testing.make_teacher("DE")])
            ensure_rooms(other)


def pages(founder=None, project=None) -> dict:
    """{label: url} of the 12 main pages (default: the demo founder and the demo project)."""
    from django.urls import reverse

    from jumelage.accounts.models import User
    from jumelage.chat.models import Room
    from jumelage.forum.models import Topic
    from jumelage.projects.models import Project
    from jumelage.wiki.models import Page

    founder = founder or User.objects.get(email=FOUNDER)
    project = project or Project.objects.get(
        title__startswith=DEMO_PROJECT, memberships__user=founder
    )
    p = {"project_id": project.pk}
    page = Page.objects.filter(project=project).order_by("-pk").first()
    topic = Topic.objects.filter(project=project).order_by("-pk").first()
    general = Room.objects.get(project=project, kind=Room.Kind.GENERAL)
    return {
        "dashboard": reverse("core:dashboard"),
        "project": reverse("projects:detail", kwargs=p),
        "TwinSpace home": reverse("twinspace:home", kwargs=p),
        "pages": reverse("wiki:index", kwargs=p),
        "a page": reverse("wiki:detail", kwargs={**p, "page_id": page.pk}),
        "forum": reverse("forum:topic_list", kwargs=p),
        "topic": reverse("forum:topic_detail", kwargs={**p, "topic_id": topic.pk}),
        "materials": reverse("materials:index", kwargs=p),
        "blog": reverse("blog:post_list", kwargs=p),
        "calendar": reverse("calendar:month", kwargs=p),
        "chat": reverse("chat:room", kwargs={**p, "room_id": general.pk}),
        "members": reverse("projects:members", kwargs=p),
        "partners": reverse("partners:search"),
    }


def measure(*, runs: int = 200, warmup: int = 10, progress=print, founder=None, project=None):
    """Request each page warmup + runs times.

    Returns {label: (p50 ms, p95 ms, CPU p50 ms, queries)}: wall-clock time of the
    request, and the CPU time of this thread (the page's Python, without the wait for
    PostgreSQL), which a machine shared with other busy processes inflates less.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jumelage import testing
    from jumelage.accounts.models import User

    founder = founder or User.objects.get(email=FOUNDER)
    client = Client()
    testing.sign_in(client, founder)
    results = {}
    for label, url in pages(founder, project).items():
        for _ in range(warmup):
            assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        count = len(queries)  # now: the next request empties the connection's query log
        times, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.thread_time()
            response = client.get(url)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
        times.sort()
        p50 = stats.median(times)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        cpu50 = stats.median(cpu)
        results[label] = (round(p50, 1), round(p95, 1), round(cpu50, 1), count)
        progress(
            f"  {label:15} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
            f"CPU p50 {cpu50:5.1f} ms  {count:3} queries"
        )
    return results


def table(results: dict, runs: int) -> str:
    lines = [
        f"| page | n | p50 ms | p95 ms | CPU p50 ms | queries | p50 ≤ {BUDGET_MS:g} ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, (p50, p95, cpu50, queries) in results.items():
        ok = "yes" if p50 <= BUDGET_MS else "no"
        lines.append(f"| {label} | {runs} | {p50} | {p95} | {cpu50} | {queries} | {ok} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--redis-url", default="", help="use the Redis cache (production)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is")
    args = parser.parse_args()

    name = args.database_url.rsplit("/", 1)[1]
    if not args.keep:
        base = args.database_url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", base, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", base, "-qc", f"CREATE DATABASE {name}"], check=True)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["REDIS_URL"] = args.redis_url
    # One persistent connection, as behind PgBouncer or with CONN_MAX_AGE in production:
    # the page's own time, not a PostgreSQL connection set up per request.
    os.environ.setdefault("CONN_MAX_AGE", "600")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command

    # Not setup_test_environment(): it makes every template render copy its context
    # for the test client, which is no part of a page's cost.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    if not args.keep:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        build(scale=args.scale)
        print(f"data: {time.perf_counter() - started:.0f} s")
        subprocess.run(["psql", args.database_url, "-qc", "VACUUM ANALYZE"], check=True)
    cache.clear()
    results = measure(runs=args.runs, warmup=args.warmup)
    print()
    print(table(results, args.runs))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\ncache: {settings.CACHES['default']['BACKEND']}; load average {load}")


if __name__ == "__main__":
    main()
