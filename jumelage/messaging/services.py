"""Twinmail writes and unread counts; the recipient is notified (in-app, email by choice).

Services check the state of things and raise `Refused`; who may write to whom is
decided in policies.py, by the view, before any of these runs.
"""

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.notifications.models import Notification
from jumelage.notifications.services import notify, push_to_user
from jumelage.projects.models import Visibility
from jumelage.twinspace.services import ask_teachers_to_approve

from . import policies
from .models import Participant, PrivateMessage, ProjectPolicy, Thread


def inbox(user):
    """The user's threads with something to read, newest first, each with `unread` (one query).

    Messages waiting for a teacher count for nobody but their author.
    """
    readable = PrivateMessage.objects.filter(policies.visible_to(user), thread=OuterRef("pk"))
    return (
        Thread.objects.filter(Exists(readable), participants__user=user)
        .annotate(
            unread=Count(
                "messages",
                filter=~Q(messages__author=user)
                & Q(messages__visibility=Visibility.PUBLISHED)
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
            visibility=Visibility.PUBLISHED,
        )
        .exclude(author=user)
        .count()
    )


def _announce(thread: Thread, message: PrivateMessage, author) -> None:
    url = reverse("messaging:thread", args=[thread.pk])
    for participant in thread.participants.select_related("user").exclude(user=author):
        recipient = participant.user
        with translation.override(recipient.reading_language):
            title = _("New private message from %(name)s: %(subject)s") % {
                "name": author,
                "subject": thread.subject,
            }
        notify(
            recipient,
            Notification.Kind.MESSAGE,
            title,
            url,
            email_template="messaging/email/new_message",
            context={"author": str(author), "subject": thread.subject, "body": message.body},
        )
        push_to_user(recipient.pk, {"type": "messaging.unread", "count": unread_total(recipient)})


def _post(author, thread: Thread, body: str, others) -> PrivateMessage:
    """Store a message; deliver it now, or hold it for the project's teachers."""
    held = policies.needs_approval(author, thread, others)
    message = PrivateMessage.objects.create(
        thread=thread,
        author=author,
        body=body,
        visibility=Visibility.PENDING if held else Visibility.PUBLISHED,
    )
    Participant.objects.filter(thread=thread, user=author).update(last_read_at=message.created_at)
    if held:
        ask_teachers_to_approve(
            author,
            thread.project,
            message.get_absolute_url(),
            lambda: _("A private message between pupils waits for your approval"),
        )
    else:
        deliver(message)
    return message


def deliver(message: PrivateMessage) -> None:
    """The message reaches the other participants: the thread moves up, they are told."""
    thread = message.thread
    Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
    _announce(thread, message, message.author)


@transaction.atomic
def start_thread(author, recipient, subject: str, body: str, project=None) -> Thread:
    """A new conversation; one a pupil takes part in belongs to a project, whose teachers read it.

    The view asked policies.can_write_to(author, recipient); here the state is
    checked: a pupil's conversation without a shared project is refused.
    """
    project_id = policies.thread_project_id(author, recipient) if project is None else project.pk
    if project_id is None and (author.is_pupil or recipient.is_pupil):
        raise Refused(_("You cannot write to this person."))
    now = timezone.now()
    thread = Thread.objects.create(subject=subject, project_id=project_id)
    Participant.objects.bulk_create(
        [
            Participant(thread=thread, user=author, last_read_at=now),
            Participant(thread=thread, user=recipient),
        ]
    )
    _post(author, thread, body, [recipient])
    return thread


@transaction.atomic
def reply(author, thread: Thread, body: str) -> PrivateMessage:
    others = [p.user for p in thread.participants.select_related("user").exclude(user=author)]
    return _post(author, thread, body, others)


@transaction.atomic
def mark_read(user, thread: Thread) -> None:
    Participant.objects.filter(thread=thread, user=user).update(last_read_at=timezone.now())
    push_to_user(user.pk, {"type": "messaging.unread", "count": unread_total(user)})


@transaction.atomic
def set_pupils_may_message_pupils(actor, project, allowed: bool) -> None:
    """The project's admins choose; the audit trail says who changed it."""
    policy, _created = ProjectPolicy.objects.get_or_create(project=project)
    if policy.pupils_may_message_pupils == allowed:
        return
    policy.pupils_may_message_pupils = allowed
    policy.save(update_fields=["pupils_may_message_pupils", "changed_at"])
    record(actor, "twinspace.settings", project, project=project, pupils_may_message_pupils=allowed)
