"""Server time and query count of the main pages on a big data set, in-process.

    .venv/bin/python bench/pages_at_scale.py --database-url postgres://postgres@127.0.0.1:5432/jw_scale_full
    .venv/bin/python bench/pages_at_scale.py --database-url .../jw_scale_demo --json var/demo.json
    .venv/bin/python bench/pages_at_scale.py --compare var/demo.json     # query counts side by side

Each page is requested through Django's test Client (no HTTP server, no network): the
time is the server's (middleware, view, queries, template). It picks the subjects the
way an operator would look for the worst cases: the project with the most members (its
TwinSpace home, forum, pages, members), the teacher in the most projects (dashboard,
partner search), the public project directory, and the office of the country with the
most teachers awaiting verification (its queue, signed in with a passed second factor).
The same script on the demo data (`manage.py load_demo`) gives the query counts to
compare: a page whose count grows with the data has an N+1 or an unbounded list.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def subjects():
    """The biggest project and its first admin, the busiest teacher, the fullest queue."""
    from django.db.models import Count, Q

    from jumelage.accounts.models import TeacherProfile
    from jumelage.network.models import SupportRole
    from jumelage.projects.models import Membership, Project

    project = (
        Project.objects.filter(status=Project.Status.ACTIVE)
        .annotate(n=Count("memberships"))
        .order_by("-n", "id")
        .first()
    )
    admin = (
        Membership.objects.filter(project=project, role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("-is_founder", "id")
        .first()
        .user
    )
    busiest = (
        Membership.objects.filter(role__in=[Membership.Role.ADMIN, Membership.Role.TEACHER])
        .values("user_id")
        .annotate(n=Count("id"))
        .order_by("-n", "user_id")
        .first()
    )
    from jumelage.accounts.models import User

    teacher = User.objects.get(pk=busiest["user_id"])
    awaiting = (
        TeacherProfile.objects.filter(status=TeacherProfile.Status.AWAITING_VERIFICATION)
        .values("user__schools__country_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if awaiting is None:  # nobody waits (the demo data): the first office's empty queue
        first = SupportRole.objects.filter(can_verify=True).order_by("id").first()
        awaiting = {"user__schools__country_id": first.country_id, "n": 0}
    country = awaiting["user__schools__country_id"]
    office = (
        SupportRole.objects.filter(country_id=country, can_verify=True)
        .filter(Q(user__is_active=True))
        .select_related("user")
        .order_by("id")
        .first()
        .user
    )
    from jumelage.forum.models import Topic

    longest = (
        Topic.objects.filter(project=project)
        .annotate(n=Count("posts"))
        .order_by("-n", "id")
        .first()
    )
    return {
        "project": project,
        "topic": longest,
        "project_members": project.n,
        "admin": admin,
        "teacher": teacher,
        "teacher_projects": busiest["n"],
        "country": country,
        "awaiting": awaiting["n"],
        "office": office,
    }


def pages(s) -> list[tuple[str, object, str]]:
    """(label, who is signed in or None, URL) of each page measured."""
    from django.urls import reverse

    pid = s["project"].pk
    return [
        ("TwinSpace home (biggest project)", s["admin"], reverse("twinspace:home", args=[pid])),
        ("forum (biggest project)", s["admin"], reverse("forum:topic_list", args=[pid])),
        ("pages (biggest project)", s["admin"], reverse("wiki:index", args=[pid])),
        ("members (biggest project)", s["admin"], reverse("projects:members", args=[pid])),
        (
            "members, last page (biggest project)",
            s["admin"],
            reverse("projects:members", args=[pid]) + "?page=9999",
        ),
        ("materials (biggest project)", s["admin"], reverse("materials:index", args=[pid])),
        *(
            [
                (
                    f"topic with most replies ({s['topic'].n}, biggest project)",
                    s["admin"],
                    reverse("forum:topic_detail", args=[pid, s["topic"].pk]),
                )
            ]
            if s["topic"] is not None
            else []
        ),  # fmt: skip
        ("project (biggest project)", s["admin"], reverse("projects:detail", args=[pid])),
        ("dashboard (teacher in most projects)", s["teacher"], reverse("core:dashboard")),
        ("my projects (same teacher)", s["teacher"], reverse("projects:mine")),
        ("project directory (public)", None, reverse("projects:directory")),
        ("project directory, page 50", None, reverse("projects:directory") + "?page=50"),
        (
            f"project directory, country {s['country']}",
            None,
            reverse("projects:directory") + f"?country={s['country']}",
        ),
        (
            f"office queue ({s['country']})",
            s["office"],
            reverse("schools:queue_country", args=[s["country"]]),
        ),
        ("partner search: theatre", s["teacher"], reverse("partners:search") + "?q=theatre"),
    ]


def _sign_in(client, user):
    """As the login flow leaves them: staff with a passed second factor, on the device they
    already have (a run adds no row to the shared database after the first)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from jumelage.accounts.policies import needs_second_factor

    client.force_login(user)
    if needs_second_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def measure(repeat=20, warmup=2, progress=print, only=None) -> dict:
    """{label: {median_ms, p95_ms, queries, status, url}} for every page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    s = subjects()
    progress(
        f"biggest project {s['project'].pk} ({s['project_members']} members), teacher "
        f"{s['teacher'].pk} in {s['teacher_projects']} projects, queue {s['country']} "
        f"({s['awaiting']} teachers awaiting)"
    )
    results = {}
    clients = {}
    for label, user, url in pages(s):
        if only and only not in label:
            continue
        key = user.pk if user else None
        if key not in clients:
            clients[key] = Client()
            if user is not None:
                _sign_in(clients[key], user)
        client = clients[key]
        times, status, queries = [], None, None
        for n in range(warmup + repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - start) * 1000
            status = response.status_code
            queries = len(captured)
            if n >= warmup:
                times.append(elapsed)
        times.sort()
        results[label] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
            "queries": queries,
            "status": status,
            "url": url,
        }
        progress(f"  {label}: {results[label]}")
    results["_subjects"] = {
        "project_members": s["project_members"],
        "teacher_projects": s["teacher_projects"],
        "awaiting": s["awaiting"],
    }
    return results


def table(results, compare=None) -> str:
    head = "| page | status | median ms | p95 ms | queries |"
    rule = "|---|---|---|---|---|"
    if compare:
        head += " queries on demo | same? |"
        rule += "---|---|"
    lines = [head, rule]
    for label, r in results.items():
        if label.startswith("_"):
            continue
        line = f"| {label} | {r['status']} | {r['median_ms']} | {r['p95_ms']} | {r['queries']} |"
        if compare:
            demo = _find(compare, label)
            same = "" if demo is None else ("yes" if demo == r["queries"] else "**no**")
            line += f" {'' if demo is None else demo} | {same} |"
        lines.append(line)
    return "\n".join(lines)


def _find(compare, label):
    """The demo's count for the same page (labels name the country, which may differ)."""
    prefix = label.split(" (")[0] if label.startswith("office queue") else label
    prefix = label.split(", country")[0] + ", country" if ", country " in label else prefix
    for other, r in compare.items():
        if other == label or (prefix != label and other.startswith(prefix)):
            return r["queries"]
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SCALE_DATABASE_URL"))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--only", help="measure only the pages whose label contains this")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--compare", help="results of another run (JSON) to compare counts")
    args = parser.parse_args(argv)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # outbox in memory, 'testserver' allowed
    print(f"load average before: {os.getloadavg()}")
    results = measure(repeat=args.repeat, warmup=args.warmup, only=args.only)
    print(f"load average after: {os.getloadavg()}\n")
    compare = json.loads(Path(args.compare).read_text()) if args.compare else None
    print(table(results, compare))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
