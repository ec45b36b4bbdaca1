from celery import shared_task

from . import services


@shared_task
def expire_partner_requests() -> int:
    return services.expire_due_requests()
