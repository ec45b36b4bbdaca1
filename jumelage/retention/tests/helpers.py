from datetime import UTC, datetime

import time_machine

T0 = datetime(2025, 1, 15, 10, 0, tzinfo=UTC)


def at(moment):
    """Frozen time: rows created inside get this created_at (auto_now_add)."""
    return time_machine.travel(moment, tick=False)
