"""The forum's work off the posting path: telling a reply's followers (core.follow_ups)."""

from celery import shared_task

from jumelage.core.follow_ups import queue_again

from . import services
from .models import Post


@shared_task(ignore_result=True, acks_late=True)
def follow_up(post_id: int) -> bool:
    return services.follow_up(post_id)


@shared_task(ignore_result=True)
def sweep_follow_ups(limit: int = 500) -> int:
    return queue_again(Post, follow_up, limit)
