"""Values read at scrape time: outbox backlog, Celery queue depth, channel-layer depth.

Each source is read with short timeouts and on its own: a slow or failing one is
reported as `jumelage_scrape_source_up{source=...} 0` and the others still answer,
so a scrape never hangs on a broken Redis or a locked table.
"""

import logging
import time

from django.db import connection, transaction
from django.db.models import Count, Min
from prometheus_client.core import GaugeMetricFamily

log = logging.getLogger(__name__)

REDIS_TIMEOUT = 0.5  # seconds, connect and read
DB_TIMEOUT_MS = 2000
CHANNEL_SCAN_LIMIT = 10_000  # keys looked at per scrape, at most
CHANNEL_SCAN_SECONDS = 1.0  # and for at most this long


def _redis(url: str):
    import redis

    return redis.Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
    )


def outbox_backlog() -> dict:
    """{status: (count, oldest created_at)} of the emails not sent yet (pending, sending, failed)."""
    from jumelage.mail.models import OutboxMessage

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {DB_TIMEOUT_MS}")
        rows = (
            OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT)
            .values("status")
            .annotate(count=Count("id"), oldest=Min("created_at"))
            .order_by()
        )
        return {row["status"]: (row["count"], row["oldest"]) for row in rows}


def celery_queue_depths() -> dict:
    """{queue: messages waiting} on a Redis broker; {} for another broker (memory, eager)."""
    from jumelage.celery import app

    url = app.conf.broker_url or ""
    if not url.startswith(("redis://", "rediss://")):
        return {}
    queues = {app.conf.task_default_queue or "celery"}
    queues.update(q.name for q in app.conf.task_queues or ())
    client = _redis(url)
    try:
        return {name: client.llen(name) for name in sorted(queues)}
    finally:
        client.close()


def channel_layer_depth() -> int:
    """Messages waiting in the channel layer's queues (not yet read by a consumer)."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if layer is None:
        return 0
    channels = getattr(layer, "channels", None)
    if isinstance(channels, dict):  # InMemoryChannelLayer: this process's queues
        return sum(queue.qsize() for queue in channels.values())
    hosts = getattr(layer, "hosts", None)
    if not hosts:
        return 0
    import redis

    prefix = layer.prefix
    deadline = time.monotonic() + CHANNEL_SCAN_SECONDS
    total = 0
    for host in hosts:
        client = _redis(host["address"])
        try:
            for seen, key in enumerate(client.scan_iter(match=f"{prefix}*", count=1000)):
                if seen >= CHANNEL_SCAN_LIMIT or time.monotonic() > deadline:
                    break  # bounded: a partial count beats a scrape that hangs
                rest = key.decode("utf-8", "replace")[len(prefix) :]
                # "<prefix>:group:…" is group membership, "<prefix>:1:…" the cache
                # (same default prefix), "…$inflight" a message being received.
                if rest.startswith(":") or rest.endswith("$inflight"):
                    continue
                try:
                    total += client.zcard(key)
                except redis.ResponseError:
                    continue  # not a channel queue (another tool's key)
        finally:
            client.close()
    return total


class StateCollector:
    """Collects the values above at each scrape (registered in the scrape registry)."""

    def collect(self):
        up = GaugeMetricFamily(
            "jumelage_scrape_source_up",
            "1 if the source could be read for this scrape, 0 if it failed or timed out.",
            labels=["source"],
        )
        for source, reader in (
            ("outbox", self._outbox),
            ("celery", self._celery),
            ("channel_layer", self._channel_layer),
        ):
            try:
                families = reader()
            except Exception:  # noqa: BLE001 - reported as a metric, never a failed scrape
                log.warning("metrics: could not read %s", source, exc_info=True)
                up.add_metric([source], 0)
                continue
            up.add_metric([source], 1)
            yield from families
        yield up

    def _outbox(self):
        backlog = outbox_backlog()
        now = time.time()
        count = GaugeMetricFamily(
            "jumelage_outbox_messages",
            "Emails in the outbox not sent yet, by status (pending, sending, failed).",
            labels=["status"],
        )
        age = GaugeMetricFamily(
            "jumelage_outbox_oldest_age_seconds",
            "Age of the oldest email not sent yet, by status.",
            labels=["status"],
        )
        for status in ("pending", "sending", "failed"):
            n, oldest = backlog.get(status, (0, None))
            count.add_metric([status], n)
            age.add_metric([status], max(0.0, now - oldest.timestamp()) if oldest else 0.0)
        return [count, age]

    def _celery(self):
        depth = GaugeMetricFamily(
            "jumelage_celery_queue_length",
            "Tasks waiting in a Celery queue on the Redis broker.",
            labels=["queue"],
        )
        for queue, n in celery_queue_depths().items():
            depth.add_metric([queue], n)
        return [depth]

    def _channel_layer(self):
        depth = GaugeMetricFamily(
            "jumelage_channel_layer_messages",
            "Messages waiting in the channel layer (Redis: all processes; in-memory: this one).",
        )
        depth.add_metric([], channel_layer_depth())
        return [depth]
