"""Work a write leaves for later, kept in its own row (a `follow_up` flag) as an outbox.

A chat message's mentions and a forum reply's followers are told by a task once the
write commits; the flag, stored by the same INSERT, says the work is still to do. The
task does it and clears the flag in one transaction; `queue_again` (a sweep, every
minute by Celery beat) redoes what a lost task left: a crash between the commit and
the queueing, or a broker briefly away.
"""

from datetime import timedelta

from django.utils import timezone

SWEEP_AFTER = timedelta(minutes=1)  # a follow-up older than this lost its task


def queue_again(model, task, limit: int = 500) -> int:
    """Queue `task(pk)` again for the rows of `model` still flagged after SWEEP_AFTER."""
    stale = model._base_manager.filter(follow_up=True, created_at__lt=timezone.now() - SWEEP_AFTER)
    ids = list(stale.order_by("id").values_list("id", flat=True)[:limit])
    for pk in ids:
        task.delay(pk)
    return len(ids)
