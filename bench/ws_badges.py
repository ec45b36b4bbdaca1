"""Live badges at scale: N people on their personal socket (/ws/me/), twinmail sent to them.

Issue 17 asks the notifications badge and the twinmail count to go through the chat's
path and meet its targets. This starts the platform as bench/ws_fanout.py does (P uvicorn
processes in K nodes on the Redis channel layer, optionally behind nginx), signs N
teachers in, opens each one's /ws/me/ socket (spread over the processes), then sends
twinmail at R messages a second for D seconds: teacher i writes to teacher i + 1 in their
thread, through `messaging.services.reply`, the view's own service. Each message moves
two badges of its recipient, live: `messaging.unread` (twinmail) and
`notifications.unread` (the bell), both sent after commit through
`realtime.publish.send_on_commit` to the recipient's group, as from a page server.

The senders are S processes of their own (each author in one of them, so a recipient's
counts are written one after the other);
nothing else writes meanwhile, so the k-th message to a person makes both counts k more
than at the start. Measured, per message and badge: the time from the start of the
`reply` call to the first frame on the recipient's socket showing at least that count
(time.monotonic, one clock for every process of the machine); updates never seen by the
end
(lost), each socket's last counts against the database's (stale), p50/p95/p99, and the
server processes' CPU per update.

    .venv/bin/python bench/ws_badges.py --clients 1000 --rate 100 --processes 2 --nodes 2 \\
        --database-url postgres://postgres@127.0.0.1:5432/jw_badges \\
        --redis-url redis://127.0.0.1:6379/3 --through-nginx

The senders reach the servers through the Redis channel layer: --redis-url is needed.
Bounded: at most 2,000 people, 200 messages a second, 120 s of sending.
"""

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ws_fanout import (  # noqa: E402 - the same servers, fronts and CPU accounting
    ROOT,
    bench_environment,
    commit,
    cpu_seconds,
    machine,
    migrate,
    open_socket,
    percentile,
    setup_django,
    start_fronts,
    start_servers,
    stop_servers,
)

MAX_CLIENTS, MAX_RATE, MAX_DURATION = 2000, 200.0, 120.0
BADGES = ("messaging.unread", "notifications.unread")


def prepare(people: int) -> tuple[list[int], list[str], list[int], dict]:
    """N teachers, each with a session and a thread to the next one; their counts now."""
    from django.test import Client

    from jumelage import testing
    from jumelage.messaging import services as twinmail
    from jumelage.notifications.services import unread_count

    teachers = [testing.make_teacher(name=f"Bench teacher {i}") for i in range(people)]
    cookies, threads = [], []
    for i, teacher in enumerate(teachers):
        client = Client()
        client.force_login(teacher)
        cookies.append(client.cookies["sessionid"].value)
        thread = twinmail.start_thread(teacher, teachers[(i + 1) % people], "Bench", "Bonjour")
        threads.append(thread.pk)
    counts = {
        t.pk: {
            "messaging.unread": twinmail.unread_total(t),
            "notifications.unread": unread_count(t),
        }
        for t in teachers
    }
    return [t.pk for t in teachers], cookies, threads, counts


class Person:
    """One personal socket and every count it showed, with when."""

    def __init__(self, user_id: int, cookie: str, front):
        self.user_id, self.cookie, self.front = user_id, cookie, front
        self.seen = {badge: [] for badge in BADGES}  # (time.monotonic, count)
        self.ready = asyncio.Event()
        self.ws = None

    async def run(self, stop: asyncio.Event) -> None:
        self.ws = await open_socket(self.front, "/ws/me/", self.cookie)
        try:
            while not stop.is_set():
                try:
                    text = await asyncio.wait_for(self.ws.recv(), timeout=0.5)
                except TimeoutError:
                    continue
                frame = json.loads(text)
                if frame.get("type") in self.seen:
                    self.seen[frame["type"]].append((time.monotonic(), frame["count"]))
                    if all(self.seen[b] for b in BADGES):
                        self.ready.set()
        finally:
            await self.ws.close()

    def first_at_least(self, badge: str, count: int, after: float) -> float | None:
        for when, shown in self.seen[badge]:
            if shown >= count and when >= after:
                return when
        return None


def send_twinmail(plan: dict) -> None:
    """A sender process (--sender PLAN): its authors' messages at its rate, then
    {"sent": [[author index, began], ...]} on stdout (time.monotonic: the same clock in
    every process of the machine; None: the untimed first message)."""
    from django.db import connection

    from jumelage.accounts.models import User
    from jumelage.messaging import services as twinmail
    from jumelage.messaging.models import Thread

    people, chats = {}, {}
    for i, (user_id, thread_id) in plan["authors"].items():
        people[int(i)] = User.objects.get(pk=user_id)
        chats[int(i)] = Thread.objects.get(pk=thread_id)
    mine = sorted(people)
    sent, period, k = [], 1.0 / plan["rate"], 0
    # One message first, not timed: a fresh process's first one pays its imports.
    warm = mine[-1]
    twinmail.reply(people[warm], chats[warm], "Warm-up")
    sent.append([warm, None])
    start = plan["start"] + random.random() * period
    while True:
        moment = start + k * period
        if moment > plan["stop"]:
            break
        delay = moment - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        i = mine[k % len(mine)]
        began = time.monotonic()
        twinmail.reply(people[i], chats[i], f"Message {k}")  # its events sent at commit
        sent.append([i, began])
        k += 1
    connection.close()
    print(json.dumps({"sent": sent}))


def start_senders(env, user_ids, threads, args, start, stop) -> list[subprocess.Popen]:
    """S sender processes, each author in one of them (a recipient's counts in order)."""
    senders = []
    for n in range(args.senders):
        plan = {
            "authors": {
                i: [uid, threads[i]] for i, uid in enumerate(user_ids) if i % args.senders == n
            },
            "rate": args.rate / args.senders,
            "start": start,
            "stop": stop,
        }
        path = Path(args.workdir) / f"sender-{n}.json"
        path.write_text(json.dumps(plan))
        senders.append(
            subprocess.Popen(
                [sys.executable, __file__, "--sender", str(path)],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    return senders


async def run(fronts, user_ids, cookies, threads, args) -> dict:
    people = [
        Person(uid, cookie, fronts[i % len(fronts)])
        for i, (uid, cookie) in enumerate(zip(user_ids, cookies, strict=True))
    ]
    stop = asyncio.Event()
    tasks = []
    for start in range(0, len(people), 50):  # connect in waves, as people arrive
        tasks += [asyncio.ensure_future(p.run(stop)) for p in people[start : start + 50]]
        await asyncio.sleep(0.2)
    await asyncio.wait_for(asyncio.gather(*(p.ready.wait() for p in people)), timeout=120)
    await asyncio.sleep(3)  # the joins' own work settles
    cpu_before = cpu_seconds(args.servers)
    began = time.monotonic() + 3.0  # the senders' Django starts meanwhile
    stop_at = began + args.duration
    senders = start_senders(args.env_for_senders, user_ids, threads, args, began, stop_at)
    outputs = await asyncio.gather(
        *(asyncio.get_running_loop().run_in_executor(None, p.communicate) for p in senders)
    )
    sent_lists = [json.loads(out.strip().splitlines()[-1])["sent"] for out, _err in outputs]
    sending = time.monotonic() - began
    cpu = cpu_seconds(args.servers) - cpu_before
    await asyncio.sleep(3)  # the last updates arrive
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {"people": people, "sent": [s for sent in sent_lists for s in sent],
            "seconds": sending, "cpu": cpu}  # fmt: skip


def tally(result, user_ids, counts) -> dict:
    """Per message and badge: latency, or lost; per socket: a stale last count."""
    from jumelage.accounts.models import User
    from jumelage.messaging.services import unread_total
    from jumelage.notifications.services import unread_count

    by_user = {p.user_id: p for p in result["people"]}
    recipient = {i: user_ids[(i + 1) % len(user_ids)] for i in range(len(user_ids))}
    made = dict.fromkeys(user_ids, 0)
    latencies, lost = [], 0
    for i, began in sorted(result["sent"], key=lambda s: -1 if s[1] is None else s[1]):
        uid = recipient[i]
        made[uid] += 1
        for badge in BADGES:
            shown = counts[uid][badge] + made[uid]
            when = by_user[uid].first_at_least(badge, shown, began or 0.0)
            if when is None:
                lost += 1
            elif began is not None:
                latencies.append(when - began)
    stale = 0
    for user in User.objects.filter(pk__in=user_ids):
        person = by_user[user.pk]
        final = {"messaging.unread": unread_total(user), "notifications.unread": unread_count(user)}
        stale += sum(1 for b in BADGES if not person.seen[b] or person.seen[b][-1][1] != final[b])
    return {"latencies": latencies, "lost": lost, "stale": stale}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=60, help="people on /ws/me/")
    parser.add_argument("--rate", type=float, default=20.0, help="twinmail messages a second")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of sending")
    parser.add_argument("--senders", type=int, default=2, help="sender processes")
    parser.add_argument("--sender", default="", help=argparse.SUPPRESS)  # a sender's plan
    parser.add_argument("--processes", type=int, default=1, help="uvicorn processes")
    parser.add_argument("--nodes", type=int, default=1)
    parser.add_argument("--through-nginx", action="store_true")
    parser.add_argument("--database-url", default="", help="an EMPTY database (default SQLite)")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--env", action="append", default=[], help="NAME=value for the servers")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if args.sender:  # a sender process, started by the runner with its environment
        setup_django({})
        from django.conf import settings

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        send_twinmail(json.loads(Path(args.sender).read_text()))
        return 0
    args.clients = max(2, min(args.clients, MAX_CLIENTS))
    args.rate = max(0.5, min(args.rate, MAX_RATE))
    args.duration = max(1.0, min(args.duration, MAX_DURATION))
    args.senders = max(1, min(args.senders, 8, args.clients))
    args.processes = max(1, min(args.processes, 16))
    args.nodes = max(1, min(args.nodes, args.processes))
    if not args.redis_url:
        sys.exit("The senders reach the servers through the Redis channel layer (--redis-url).")
    workdir = Path(tempfile.mkdtemp(prefix="jumelage-badges-"))
    env = bench_environment(workdir, args)
    migrate(env)
    setup_django(env)
    from django.conf import settings

    from jumelage.accounts.models import User

    # The twinmail's emails: kept in memory (with Redis, Celery would queue them for a
    # worker that does not run here).
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    if User.objects.filter(display_name__startswith="Bench teacher").exists():
        sys.exit("The benchmark needs a database without an earlier run's people.")
    user_ids, cookies, threads, counts = prepare(args.clients)
    print(f"{args.clients} teachers ready", file=sys.stderr)
    servers = start_servers(env, args.processes, args.nodes)
    fronts = start_fronts(servers, None, workdir) if args.through_nginx else []
    args.servers, args.workdir, args.env_for_senders = servers, workdir, env
    try:
        result = asyncio.run(
            asyncio.wait_for(
                run(fronts or servers, user_ids, cookies, threads, args),
                timeout=args.duration + 600,
            )
        )
    finally:
        stop_servers(fronts[:1] + servers)
    counted = tally(result, user_ids, counts)
    lat = [x * 1000 for x in counted["latencies"]]
    timed = sum(1 for _i, began in result["sent"] if began is not None)
    updates = timed * len(BADGES)
    report = {
        "commit": commit(),
        "people": args.clients,
        "processes": args.processes,
        "nodes": args.nodes,
        "through_nginx": args.through_nginx,
        "messages": timed,
        "messages_per_s": round(timed / result["seconds"], 1),
        "updates_expected": updates,
        "updates_seen": len(lat),
        "lost": counted["lost"],
        "stale": counted["stale"],
        "p50": round(percentile(lat, 50), 1) if lat else None,
        "p95": round(percentile(lat, 95), 1) if lat else None,
        "p99": round(percentile(lat, 99), 1) if lat else None,
        "server_cpu_us_per_update": round(result["cpu"] / max(1, updates) * 1e6),
        "machine": machine(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(
            f"{report['people']} people on /ws/me/, {args.processes} processes / {args.nodes} "
            f"nodes{' through nginx' if args.through_nginx else ''}: {report['messages']} "
            f"twinmail messages ({report['messages_per_s']}/s), badge updates seen "
            f"{report['updates_seen']} / {updates}, lost {report['lost']}, stale "
            f"{report['stale']}; p50 {report['p50']} ms, p95 {report['p95']} ms, p99 "
            f"{report['p99']} ms; server CPU {report['server_cpu_us_per_update']} µs per "
            f"update; {report['machine']}; load average {report['loadavg']}; {report['commit']}"
        )
    return 0 if counted["lost"] == 0 and counted["stale"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
