"""Twinmail writes and unread counts; the recipient is notified (in-app, email by choice)."""

from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.notifications.services import notify, push_to_user

from .models import Participant, PrivateMessage, Thread


def inbox(user):
    """The user's threads, newest first, each with `unread` (one query)."""
    return (
        Thread.objects.filter(participants__user=user)
        .annotate(
            unread=Count(
                "messages",
                filter=~Q(messages__author=user)
                & (
                    Q(participants__last_read_at__isnull=True)
                    | Q(messages__created_at__gt=F("participants__last_read_at"))
                ),
                distinct=True,
            )
        )
        .order_by("-last_message_at", "-id")
    )


def unread_total(user) -> int:
    return (
        PrivateMessage.objects.filter(
            Q(thread__participants__last_read_at__isnull=True)
            | Q(created_at__gt=F("thread__participants__last_read_at")),
            thread__participants__user=user,
        )
        .exclude(author=user)
        .count()
    )


def _announce(thread: Thread, message: PrivateMessage, author) -> None:
    url = reverse("messaging:thread", args=[thread.pk])
    for participant in thread.participants.select_related("user").exclude(user=author):
        recipient = participant.user
        with translation.override(recipient.language):
            title = _("New private message from %(name)s: %(subject)s") % {
                "name": author,
                "subject": thread.subject,
            }
        notify(
            recipient,
            "message",
            title,
            url,
            email_template="messaging/email/new_message",
            context={"author": str(author), "subject": thread.subject, "body": message.body},
        )
        push_to_user(recipient.pk, {"type": "messaging.unread", "count": unread_total(recipient)})


@transaction.atomic
def start_thread(author, recipient, subject: str, body: str, project=None) -> Thread:
    """Caller checked policies.can_write_to(author, recipient)."""
    now = timezone.now()
    thread = Thread.objects.create(subject=subject, project=project)
    Participant.objects.bulk_create(
        [
            Participant(thread=thread, user=author, last_read_at=now),
            Participant(thread=thread, user=recipient),
        ]
    )
    message = PrivateMessage.objects.create(thread=thread, author=author, body=body)
    Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
    Participant.objects.filter(thread=thread, user=author).update(last_read_at=message.created_at)
    _announce(thread, message, author)
    return thread


@transaction.atomic
def reply(author, thread: Thread, body: str) -> PrivateMessage:
    message = PrivateMessage.objects.create(thread=thread, author=author, body=body)
    Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
    Participant.objects.filter(thread=thread, user=author).update(last_read_at=message.created_at)
    _announce(thread, message, author)
    return message


@transaction.atomic
def mark_read(user, thread: Thread) -> None:
    Participant.objects.filter(thread=thread, user=user).update(last_read_at=timezone.now())
    push_to_user(user.pk, {"type": "messaging.unread", "count": unread_total(user)})
