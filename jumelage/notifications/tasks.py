"""Background work for notifications: the daily digest (the outbox's tasks are in mail.tasks)."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def send_daily_digests() -> int:
    return services.send_daily_digests()
