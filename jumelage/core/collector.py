"""Python's garbage collector in a server process, tuned for many long-lived connections.

With Python's thresholds (700, 10, 10) the youngest generation is collected after
every 700 new objects: at a thousand chat copies a second, objects in flight (a
frame in a queue, a query's rows) outlive two of those collections, reach the oldest
generation and die there; once they add up to a quarter of it, a full collection
scans everything the process holds. A server with 500 open WebSockets holds about
300,000 objects: each full collection stopped its event loop for 170-280 ms, about
every 10 s, and made the whole tail of the chat's latency (p99 240-630 ms; with the
youngest generation collected after 10,000 objects, 36-64 ms and no full collection
in a 20 s run: docs/live.md, stop 36). A collection of the youngest generation then
takes 10-25 ms, where a full one took ten times that.
"""

import gc

from django.conf import settings


def tune() -> None:
    """Set GC_THRESHOLDS (settings; empty: Python's own) in this process."""
    thresholds = settings.GC_THRESHOLDS
    if thresholds:
        gc.set_threshold(*thresholds)
