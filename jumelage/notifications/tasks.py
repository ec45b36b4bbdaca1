"""Background work for notifications: outbox delivery, its sweep, the daily digest."""

from celery import shared_task

from . import outbox, services


@shared_task(acks_late=True, ignore_result=True)
def send_outbox_message(message_id: int) -> str:
    return outbox.deliver(message_id)


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    return outbox.sweep()


@shared_task(ignore_result=True)
def send_daily_digests() -> int:
    return services.send_daily_digests()
