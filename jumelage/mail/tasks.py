"""Background work for the outbox: deliver one row, and the periodic sweep.

The tasks lived in notifications.tasks until the mail app existed. Messages
already queued under the old names (a deploy with a full broker) still run:
the old names are registered as aliases of the same work.
"""

from celery import shared_task

from . import outbox


@shared_task(acks_late=True, ignore_result=True)
def send_outbox_message(message_id: int) -> str:
    return outbox.deliver(message_id)


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    return outbox.sweep()


@shared_task(
    name="jumelage.notifications.tasks.send_outbox_message", acks_late=True, ignore_result=True
)
def send_outbox_message_old_name(message_id: int) -> str:
    return outbox.deliver(message_id)


@shared_task(name="jumelage.notifications.tasks.sweep_outbox", ignore_result=True)
def sweep_outbox_old_name() -> int:
    return outbox.sweep()
