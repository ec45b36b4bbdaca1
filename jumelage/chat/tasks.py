"""The chat's work off the posting path: mentions and the teachers' notice of a pending
message (core.follow_ups)."""

from celery import shared_task

from jumelage.core.follow_ups import queue_again

from . import services
from .models import Message


@shared_task(ignore_result=True, acks_late=True)
def follow_up(message_id: int) -> bool:
    return services.follow_up(message_id)


@shared_task(ignore_result=True)
def sweep_follow_ups(limit: int = 500) -> int:
    return queue_again(Message, follow_up, limit)
