"""The chat's work off the posting path: mentions and the teachers' notice of a pending message."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import services
from .models import Message

SWEEP_AFTER = timedelta(minutes=1)  # a follow-up older than this lost its task


@shared_task(ignore_result=True, acks_late=True)
def follow_up(message_id: int) -> bool:
    return services.follow_up(message_id)


@shared_task(ignore_result=True)
def sweep_follow_ups(limit: int = 500) -> int:
    """Queue again the follow-ups whose task was lost (a crash between commit and queueing)."""
    stale = Message.objects.filter(follow_up=True, created_at__lt=timezone.now() - SWEEP_AFTER)
    ids = list(stale.order_by("id").values_list("id", flat=True)[:limit])
    for message_id in ids:
        follow_up.delay(message_id)
    return len(ids)
