"""Load test of real journeys (locust) against a running server, with the bare view as floor.

Teachers and pupils log in, open the dashboard and their TwinSpace, read a forum topic,
reply, upload a file to the materials library and search partners, with think time.
In the same run, on the same server, the runner measures (issue 16):

1. *bare*: the bare Django view (/_bench/bare, core/bare.py: the whole middleware stack
   and one SELECT 1; the server needs JUMELAGE_BENCH_VIEW=1) at saturation, signed in;
2. *pages*: the mixed main pages at saturation (the same users, no think time);
3. *journeys*: the journeys with think time, plus a /healthz probe every second. A
   person reads a page before the next click: the think time comes after every page of
   a visit (--think-between pages). --think-between visits sends a visit's five or six
   pages back to back and thinks between visits only (the model until stop 46: 200 such
   users ask about 150 requests a second, 200 readers about 35).

It reports req/s of 1 and 2 and their ratio (which holds on any machine), then p50, p95,
p99 and errors per page of 3. A share of the journey users (--login-share, 10 %) logs in
through the form (the password hash's CPU); the others come back with a session, as
most visits do. Accounts come from the database (DATABASE_URL, as the
server's): active teachers and pupils with a project; --set-passwords gives them the
load-test password first (a benchmark database only!).

    DATABASE_URL=... .venv/bin/python bench/load_journeys.py --host http://127.0.0.1:8080 \
        --users 100 --seconds 60 --set-passwords
The same file is the locustfile (`locust -f bench/load_journeys.py`).
"""

import contextlib
import csv
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD_ENV = "LOAD_PASSWORD"
ACCOUNTS_ENV = "LOAD_ACCOUNTS_FILE"
THINK_ENV = "LOAD_THINK"  # "min,max" seconds
LOGIN_SHARE_ENV = "LOAD_LOGIN_SHARE"  # share of visits that start with a real login
THINK_BETWEEN_ENV = "LOAD_THINK_BETWEEN"  # "pages" or "visits"
REQUESTS_ENV = "LOAD_REQUESTS_FILE"  # every request's start, page and time, written at the end

if os.environ.get(ACCOUNTS_ENV):  # imported by locust
    from locust import HttpUser, between, constant, events, task

    _ACCOUNTS = json.loads(Path(os.environ[ACCOUNTS_ENV]).read_text())
    _PASSWORD = os.environ.get(PASSWORD_ENV, "jumelage-demo")
    _THINK = [float(x) for x in os.environ.get(THINK_ENV, "3,8").split(",")]
    _LOGIN_SHARE = float(os.environ.get(LOGIN_SHARE_ENV, "0.1"))
    _THINK_PER_PAGE = os.environ.get(THINK_BETWEEN_ENV, "pages") == "pages"
    _CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    _SIGNED_OUT = re.compile(r"/accounts/(pupils/)?login/")
    _SECOND_FACTOR = "/accounts/security/two-factor/"
    _REQUESTS: list[tuple] = []

    @events.request.add_listener
    def _record(request_type, name, response_time, exception=None, start_time=None, **kwargs):
        _REQUESTS.append((start_time or time.time(), request_type, name, response_time,
                          exception is None))  # fmt: skip

    @events.quitting.add_listener
    def _write_requests(environment, **kwargs):
        if os.environ.get(REQUESTS_ENV):
            with open(os.environ[REQUESTS_ENV], "w", newline="") as handle:
                csv.writer(handle).writerows(_REQUESTS)

    def _png() -> bytes:
        from PIL import Image

        out = io.BytesIO()
        Image.new("RGB", (24, 24), tuple(random.randrange(256) for _ in range(3))).save(out, "PNG")
        return out.getvalue()

    class _Member(HttpUser):
        abstract = True
        kind = "teacher"

        def on_start(self):
            """Log in through the form, or come back with a session (most visits do)."""
            if random.random() < _LOGIN_SHARE or not _ACCOUNTS["sessions"][self.kind]:
                self.account = random.choice(_ACCOUNTS[self.kind])
                self.log_in()
            else:
                self.account = random.choice(_ACCOUNTS["sessions"][self.kind])
                self.use_session()
            self.project = random.choice(self.account["projects"])

        def use_session(self):
            host = self.host.split("://", 1)[1].split(":")[0]
            self.client.cookies.set("sessionid", self.account["session"], domain=host)

        def log_in(self):
            pupil = self.kind == "pupil"
            url = "/accounts/pupils/login/" if pupil else "/accounts/login/"
            page = self.client.get(url, name="login page")
            token = _CSRF.search(page.text)
            fields = {"login" if pupil else "username": self.account["login"]}
            fields.update(password=_PASSWORD, csrfmiddlewaretoken=token.group(1) if token else "")
            with self.client.post(
                url, data=fields, name="log in", headers={"Referer": self.host + url},
                catch_response=True,
            ) as response:  # fmt: skip
                if response.url.rstrip("/").endswith(url.rstrip("/")):
                    response.failure("login refused: " + self.account["login"])

        def get(self, url, name):
            """A page as a signed-in member sees it: an answer that sent the user to the
            login page (a session the server refused) is a failure, not a fast page."""
            with self.client.get(url, name=name, catch_response=True) as response:
                if response.ok and _SIGNED_OUT.search(response.url or ""):
                    response.failure("signed out: sent to the login page")
                elif response.ok and _SECOND_FACTOR in (response.url or ""):
                    response.failure("sent to set up a second factor")

        def think(self):
            """A person reads a page before the next one: a think time after every
            request of a visit (--think-between pages). With --think-between visits, a
            visit's requests go back to back and the think time comes between visits."""
            if _THINK_PER_PAGE:
                self.wait()

        def csrf(self) -> str:
            return self.client.cookies.get("csrftoken", "")

        def space(self, suffix="") -> str:
            return f"/projects/{self.project['id']}/space/{suffix}"

        def read_topic(self):
            if self.project["topic"]:
                self.get(self.space(f"forum/{self.project['topic']}/"), name="topic")

        def reply(self):
            if not self.project["topic"]:
                return
            url = self.space(f"forum/{self.project['topic']}/reply/")
            self.client.post(
                url,
                data={"body": f"<p>Load test reply {random.random()}</p>",
                      "csrfmiddlewaretoken": self.csrf()},
                headers={"Referer": self.host + url}, name="reply (post)",
            )  # fmt: skip

        def upload(self):
            url = self.space("materials/upload/")
            self.client.post(
                url,
                files={"files": (f"load-{random.randrange(10**9)}.png", _png(), "image/png")},
                data={"csrfmiddlewaretoken": self.csrf()},
                headers={"Referer": self.host + url, "X-Requested-With": "XMLHttpRequest"},
                name="upload (post)",
            )

    class _Saturating(_Member):
        """Signed in by a session the runner made: the phase measures pages, not hashing."""

        abstract = True
        wait_time = constant(0)

        def on_start(self):
            self.account = random.choice(_ACCOUNTS["sessions"]["teacher"])
            self.project = random.choice(self.account["projects"])
            self.use_session()

    class Teacher(_Member):
        """A teacher's visit: dashboard, space, forum, a reply, materials, partners."""

        weight = 1
        kind = "teacher"
        wait_time = between(*_THINK)

        @task
        def visit(self):
            self.get("/dashboard/", name="dashboard")
            self.think()
            self.get(self.space(), name="space home")
            self.think()
            self.get(self.space("forum/"), name="forum")
            self.think()
            self.read_topic()
            if random.random() < 0.3:
                self.think()
                self.reply()
            self.think()
            self.get(self.space("materials/"), name="materials")
            if random.random() < 0.2:
                self.think()
                self.upload()
            self.think()
            self.get("/partners/?q=" + random.choice(["climate", "art", "music", "eau"]),
                            name="partner search")  # fmt: skip

    class Pupil(_Member):
        """A pupil's visit: their projects, the space, a topic, sometimes a reply."""

        weight = 2
        kind = "pupil"
        wait_time = between(*_THINK)

        @task
        def visit(self):
            self.get("/projects/mine/", name="my projects")
            self.think()
            self.get(self.space(), name="space home")
            self.think()
            self.read_topic()
            if random.random() < 0.2:
                self.think()
                self.reply()
            self.think()
            self.get(self.space("materials/"), name="materials")

    class Pages(_Saturating):
        """The main pages back to back (no think time): the pages' throughput."""

        @task
        def pages(self):
            for name, url in (
                ("dashboard", "/dashboard/"), ("space home", self.space()),
                ("forum", self.space("forum/")), ("materials", self.space("materials/")),
                ("partner search", "/partners/?q=climate"),
            ):  # fmt: skip
                self.get(url, name=name)
            self.read_topic()

    class Bare(_Saturating):
        """The bare Django view back to back, signed in: the floor of the same server."""

        @task
        def bare(self):
            with self.client.get("/_bench/bare", name="bare view", catch_response=True) as r:
                if r.ok and r.text != "ok 1":  # "ok 0": the session was refused
                    r.failure("not the bare view signed in: " + r.url)

    class Health(HttpUser):
        """A monitor: /healthz once a second while the journeys run."""

        fixed_count = 1
        wait_time = constant(1)

        @task
        def health(self):
            self.client.get("/healthz", name="/healthz")


def make_sessions(accounts: list[dict], users: dict, count: int) -> list[dict]:
    """Signed-in sessions for the saturation phases, written where the server reads them."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    sessions = []
    for account in (accounts * count)[:count]:
        user = users[account["login"]]
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append({**account, "session": session.session_key})
    return sessions


def discover_accounts(limit: int, set_password: str | None, sessions: int = 0) -> dict:
    """Teachers and pupils of active projects (and a topic of each, if any), from the database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth.hashers import make_password

    from jumelage.accounts.models import User
    from jumelage.accounts.policies import needs_second_factor
    from jumelage.forum.models import Topic
    from jumelage.projects.models import Membership, Project

    accounts = {"teacher": [], "pupil": []}
    by_login = {}
    for kind in ("teacher", "pupil"):
        # Not the teachers appointed to a support role: every page sends them to set up
        # their second factor (a heavy page, not the journey measured).
        users = [
            user
            for user in User.objects.filter(
                kind=kind, is_active=True, memberships__project__status=Project.Status.ACTIVE
            )
            .distinct()
            .order_by("pk")[: limit * 2]
            if not needs_second_factor(user)
        ][:limit]
        if set_password and users:
            hashed = make_password(set_password)
            User.objects.filter(pk__in=[u.pk for u in users]).update(
                password=hashed, must_change_password=False
            )
            for user in users:  # the sessions below carry a hash of the new password
                user.password = hashed
        for user in users:
            projects = []
            for project_id in Membership.objects.filter(
                user=user, project__status=Project.Status.ACTIVE
            ).values_list("project_id", flat=True)[:5]:
                topic = Topic.objects.filter(project_id=project_id).order_by("pk").first()
                projects.append({"id": project_id, "topic": topic.pk if topic else None})
            login = user.username if kind == "pupil" else user.email
            by_login[login] = user
            accounts[kind].append({"login": login, "projects": projects})
    accounts["sessions"] = {
        kind: make_sessions(accounts[kind], by_login, sessions) for kind in ("teacher", "pupil")
    }
    return accounts


def warm_up(host: str, account: dict) -> None:
    """Each page once, signed in, before the saturation phases measure.

    A worker's first page pays its imports and template loading; on a loaded two-core
    machine it outlasted a 3 s phase and its grace time, and the phase recorded nothing.
    A failure here is the phases' to report: it is ignored.
    """
    import urllib.request

    project = account["projects"][0]["id"]
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", f"sessionid={account['session']}")]
    for path in ("/_bench/bare", "/_bench/bare", "/dashboard/", f"/projects/{project}/space/",
                 f"/projects/{project}/space/forum/", f"/projects/{project}/space/materials/",
                 "/partners/?q=climate"):  # fmt: skip
        with contextlib.suppress(OSError):
            opener.open(host + path, timeout=60).read()


def run_locust(host, classes, users, seconds, prefix, env, spawn_rate=None) -> list[dict]:
    """One headless locust run; returns the rows of its stats CSV."""
    command = [
        sys.executable, "-m", "locust", "-f", __file__, "--headless", "--host", host,
        "--users", str(users), "--spawn-rate", str(spawn_rate or max(users // 5, 1)),
        "--run-time", f"{seconds}s", "--csv", str(prefix), "--only-summary",
        "--loglevel", "ERROR", "--stop-timeout", "5", *classes,
    ]  # fmt: skip
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL)
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def _row(rows, name):
    return next((r for r in rows if r["Name"] == name), None)


def steady_percentiles(path: Path, after: float) -> dict:
    """p50/p95/p99 (ms) per page of the requests started `after` seconds into the phase or
    later: once every user has started (the ramp's first visits all come at once to a
    server whose caches the ramp fills)."""
    with open(path, newline="") as handle:
        rows = [(float(t), kind, name, float(ms)) for t, kind, name, ms, _ok in csv.reader(handle)]
    if not rows:
        return {}
    start = min(t for t, *_ in rows) + after
    times: dict = {}
    for t, kind, name, ms in rows:
        if t >= start:
            times.setdefault((kind, name), []).append(ms)
            times.setdefault(("", "Aggregated"), []).append(ms)
    return {
        key: {f"p{q}": round(statistics.quantiles(v, n=100, method="inclusive")[q - 1])
              for q in (50, 95, 99)} | {"requests": len(v)}
        for key, v in times.items() if len(v) >= 2
    }  # fmt: skip


# The server's own time per request, from gunicorn's access log (deploy/Procfile's format
# ends in '"%(r)s" %(s)s %(b)s %(M)sms'): on a small machine the load generator shares the
# CPU with the server, and while the ramp starts ten users a second its own work shows in
# the times it measures (stop 50: "my projects" 67 ms at the ramp's median, 4-11 ms in
# the server's log).
_ACCESS_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" \d{3} \S+ (?P<ms>\d+)ms$'
)
_SPACE = r"/projects/\d+/space/"
_PAGE_PATHS = [(method, re.compile(pattern), name) for method, pattern, name in (
    ("GET", r"/healthz", "/healthz"),
    ("GET", r"/dashboard/", "dashboard"),
    ("GET", r"/projects/mine/", "my projects"),
    ("GET", r"/partners/", "partner search"),
    ("GET", r"/accounts/(pupils/)?login/", "login page"),
    ("POST", r"/accounts/(pupils/)?login/", "log in"),
    ("GET", _SPACE, "space home"),
    ("GET", _SPACE + r"forum/", "forum"),
    ("GET", _SPACE + r"forum/\d+/", "topic"),
    ("POST", _SPACE + r"forum/\d+/reply/", "reply (post)"),
    ("GET", _SPACE + r"materials/", "materials"),
    ("POST", _SPACE + r"materials/upload/", "upload (post)"),
)]  # fmt: skip


def server_times(lines) -> dict:
    """p50/p95/p99 (ms) and count per (method, page) of the access log's lines, as the
    server timed them. A followed redirect is a request of its own here (a reply's POST,
    then its topic page)."""
    times: dict = {}
    for line in lines:
        found = _ACCESS_LINE.search(line.rstrip())
        if not found:
            continue
        path, method = found["path"].split("?", 1)[0], found["method"]
        for page_method, pattern, name in _PAGE_PATHS:
            if method == page_method and pattern.fullmatch(path):
                times.setdefault((method, name), []).append(int(found["ms"]))
                times.setdefault(("", "Aggregated"), []).append(int(found["ms"]))
                break
    return {
        key: {f"p{q}": round(statistics.quantiles(v, n=100, method="inclusive")[q - 1])
              for q in (50, 95, 99)} | {"requests": len(v)}
        for key, v in times.items() if len(v) >= 2
    }  # fmt: skip


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", required=True, help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--users", type=int, default=100, help="journey users (think time)")
    parser.add_argument("--seconds", type=int, default=60, help="length of the journeys phase")
    parser.add_argument("--spawn-rate", type=float, default=5, help="journey users started/s")
    parser.add_argument("--saturate-users", type=int, default=20, help="users of phases 1-2")
    parser.add_argument("--saturate-seconds", type=int, default=20, help="length of phases 1-2")
    parser.add_argument("--think", default="3,8", help="think time, min,max seconds")
    parser.add_argument(
        "--think-between", choices=("pages", "visits"), default="pages",
        help="a think time after every page (a person reading), or only between visits "
        "(a visit's five or six pages back to back: about 4.5 times the requests)",
    )  # fmt: skip
    parser.add_argument(
        "--login-share", type=float, default=0.1,
        help="share of users who log in through the form (the others have a session)",
    )  # fmt: skip
    parser.add_argument("--accounts", type=int, default=200, help="accounts per kind")
    parser.add_argument("--password", default="jumelage-demo")
    parser.add_argument("--set-passwords", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "load"))
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--server-log",
        help="the page workers' access log (deploy/prod.py's output): the server's own "
        "time per page of the journeys, beside the times the load generator measured",
    )
    args = parser.parse_args(argv)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    accounts = discover_accounts(
        args.accounts,
        args.password if args.set_passwords else None,
        max(args.saturate_users, min(args.users, 300)),
    )
    if not accounts["teacher"]:
        print("no teacher with a project in this database", file=sys.stderr)
        return 2
    if not accounts["pupil"]:  # a data set without pupils
        accounts["pupil"], accounts["sessions"]["pupil"] = (
            accounts["teacher"],
            accounts["sessions"]["teacher"],
        )
    (out / "accounts.json").write_text(json.dumps(accounts))
    env = {**os.environ, ACCOUNTS_ENV: str(out / "accounts.json"), PASSWORD_ENV: args.password,
           THINK_ENV: args.think, LOGIN_SHARE_ENV: str(args.login_share),
           THINK_BETWEEN_ENV: args.think_between}  # fmt: skip

    started = time.time()
    results = {"host": args.host, "users": args.users, "seconds": args.seconds,
               "think": args.think, "think_between": args.think_between}  # fmt: skip
    n, secs = args.saturate_users, args.saturate_seconds
    warm_up(args.host, accounts["sessions"]["teacher"][0])
    bare = run_locust(args.host, ["Bare"], n, secs, out / "bare", env, spawn_rate=n)
    pages = run_locust(args.host, ["Pages"], n, secs, out / "pages", env, spawn_rate=n)
    requests_file = out / "journeys_requests.csv"
    log_from = Path(args.server_log).stat().st_size if args.server_log else 0
    journeys = run_locust(
        args.host, ["Teacher", "Pupil", "Health"], args.users, args.seconds, out / "journeys",
        {**env, REQUESTS_ENV: str(requests_file)}, spawn_rate=args.spawn_rate,
    )  # fmt: skip
    ramp = args.users / args.spawn_rate
    steady = steady_percentiles(requests_file, ramp) if requests_file.exists() else {}
    server = {}
    if args.server_log:
        with open(args.server_log, errors="replace") as handle:
            handle.seek(log_from)
            server = server_times(handle)
    bare_row = _row(bare, "bare view")
    pages_agg = _row(pages, "Aggregated")
    page_rows = [r for r in pages if r["Name"] not in ("Aggregated", "log in", "login page")]
    pages_rps = sum(float(r["Requests/s"]) for r in page_rows)
    bare_rps = float(bare_row["Requests/s"]) if bare_row else 0.0
    results.update(
        bare_rps=round(bare_rps, 1),
        pages_rps=round(pages_rps, 1),
        ratio=round(pages_rps / bare_rps, 3) if bare_rps else None,
        # A phase that finished no request has no row: no error, and no request counted.
        saturation_errors=sum(int(r["Failure Count"]) for r in (pages_agg, bare_row) if r),
        bare_requests=int(bare_row["Request Count"]) if bare_row else 0,
        pages_requests=int(pages_agg["Request Count"]) if pages_agg else 0,
        pages=[
            {
                "name": r["Name"],
                "method": r["Type"],
                "requests": int(r["Request Count"]),
                "errors": int(r["Failure Count"]),
                "rps": round(float(r["Requests/s"]), 2),
                "p50": r["50%"],
                "p95": r["95%"],
                "p99": r["99%"],
                "steady": steady.get((r["Type"], r["Name"]), {}),
                "server": server.get((r["Type"], r["Name"]), {}),
            }
            for r in journeys
        ],
        ramp_seconds=ramp,
        wall_seconds=round(time.time() - started, 1),
        loadavg=os.getloadavg(),
    )
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"bare view: {results['bare_rps']} req/s; mixed pages: {results['pages_rps']} req/s; "
          f"ratio {results['ratio']} ({n} users, {secs} s each, no think time)")  # fmt: skip
    print(f"journeys: {args.users} users, think {args.think} s between "
          f"{args.think_between}, {args.seconds} s")  # fmt: skip
    print(f"(steady: the requests started once every user had, {ramp:.0f} s in; server: "
          "the whole phase as the page workers timed it, --server-log)")  # fmt: skip
    print("| page | method | requests | errors | req/s | p50 ms | p95 ms | p99 ms "
          "| steady requests | steady p50 / p95 / p99 ms | server requests "
          "| server p50 / p95 / p99 ms |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for p in results["pages"]:
        cells = []
        for st in (p["steady"], p["server"]):
            cells.append(f"{st['requests']} | {st['p50']} / {st['p95']} / {st['p99']}"
                         if st else "– | –")  # fmt: skip
        print(f"| {p['name']} | {p['method']} | {p['requests']} | {p['errors']} | {p['rps']} "
              f"| {p['p50']} | {p['p95']} | {p['p99']} | {cells[0]} | {cells[1]} |")  # fmt: skip
    print(f"load average at the end: {results['loadavg']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
