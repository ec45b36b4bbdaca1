"""Counters fed by signals the platform already sends: no hook in the apps counted."""

from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.db.models.signals import post_save

from . import metrics


def on_login_failed(sender, credentials=None, request=None, **kwargs):
    metrics.LOGIN_FAILURES.inc()


def on_chat_message_saved(sender, instance, created, **kwargs):
    """Counted once the message is committed (a rolled-back post is not a message)."""
    if created:
        transaction.on_commit(metrics.CHAT_MESSAGES.inc)


def connect() -> None:
    from jumelage.chat.models import Message

    uid = "jumelage.observability"
    user_login_failed.connect(on_login_failed, dispatch_uid=f"{uid}.login_failed")
    post_save.connect(on_chat_message_saved, sender=Message, dispatch_uid=f"{uid}.chat")
