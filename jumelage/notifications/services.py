"""Telling people something happened: one entry point for every app."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.mail.sending import send_templated_mail
from jumelage.realtime.publish import send_on_commit
from jumelage.realtime.registry import user_group

from .models import Notification, Preference


def preference(user, kind: str) -> Preference:
    return Preference.objects.filter(user=user, kind=kind).first() or Preference.default_for(
        user, kind
    )


def preferences(user) -> list[Preference]:
    """One preference per kind, saved or default, in the order of the kinds."""
    saved = {p.kind: p for p in Preference.objects.filter(user=user)}
    return [saved.get(kind) or Preference.default_for(user, kind) for kind in Notification.Kind]


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def push_to_user(user_id: int, event: dict) -> None:
    """Send an event to the user's open /ws/me/ sockets once the transaction commits."""
    send_on_commit(user_group(user_id), event)


def push_unread(user) -> None:
    push_to_user(user.pk, {"type": "notifications.unread", "count": unread_count(user)})


@transaction.atomic
def notify(
    user,
    kind: str,
    title: str,
    url: str = "",
    *,
    email_template: str | None = None,
    context: dict | None = None,
) -> Notification:
    """Create the in-app notification and, if the user wants it, send the email.

    `title` is stored as given: pass it already translated into the user's
    language (translation.override(user.language)). The email, if any, renders
    `email_template` (see core.mail) in the user's language. A user who turned
    off the in-app notice for this kind still gets it in the list, already read,
    so the badge stays quiet.
    """
    return notify_many(
        [user], kind, lambda _user: title, url, email_template=email_template, context=context
    )[0]


@transaction.atomic
def notify_many(
    users,
    kind: str,
    title_for,
    url: str = "",
    *,
    email_template: str | None = None,
    context: dict | None = None,
) -> list[Notification]:
    """`notify` for many users in a few queries whatever their number (a topic's
    followers, a project's teachers): their preferences in one read, the notices in one
    INSERT, the badges' counts in one read. `title_for(user)` gives each user's title,
    already in their language."""
    users = list(users)
    if not users:
        return []
    saved = {
        p.user_id: p for p in Preference.objects.filter(user__in=[u.pk for u in users], kind=kind)
    }
    choices = [saved.get(u.pk) or Preference.default_for(u, kind) for u in users]
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        Notification(
            user=user,
            kind=kind,
            title=title_for(user)[:255],
            url=url,
            read_at=None if choice.in_app else now,
        )
        for user, choice in zip(users, choices, strict=True)
    )
    if email_template:
        for user, choice in zip(users, choices, strict=True):
            if user.email and choice.email:
                send_templated_mail(
                    user.email,
                    email_template,
                    {"user": user, "url": url, **(context or {})},
                    language=user.language,
                )
    ringing = [u.pk for u, choice in zip(users, choices, strict=True) if choice.in_app]
    if ringing:
        counts = dict(
            Notification.objects.filter(user_id__in=ringing, read_at__isnull=True)
            .values("user_id")
            .annotate(n=Count("id"))
            .values_list("user_id", "n")
        )
        for user_id in ringing:
            push_to_user(user_id, {"type": "notifications.unread", "count": counts.get(user_id, 0)})
    return notifications


@transaction.atomic
def mark_read(user, notification_id: int | None = None) -> int:
    """Mark one notification (or all when no id) of this user as read."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    changed = rows.update(read_at=timezone.now())
    if changed:
        push_unread(user)
    return changed


@transaction.atomic
def save_preferences(user, choices: dict[str, dict[str, bool]]) -> None:
    for kind, values in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults=values)


def send_daily_digests(now=None) -> int:
    """One email per user who chose the digest for some kind, listing the last day's notices."""
    now = now or timezone.now()
    since = now - timedelta(days=1)
    sent = 0
    wanted = Preference.objects.filter(digest=True).values_list("user_id", "kind")
    kinds_by_user: dict[int, set[str]] = {}
    for user_id, kind in wanted:
        kinds_by_user.setdefault(user_id, set()).add(kind)
    for user_id, kinds in kinds_by_user.items():
        sent += _digest_for(user_id, kinds, since, now)
    return sent


@transaction.atomic
def _digest_for(user_id: int, kinds: set[str], since, now) -> int:
    items = list(
        Notification.objects.select_for_update()
        .filter(user_id=user_id, kind__in=kinds, digested_at__isnull=True, created_at__gte=since)
        .select_related("user")
        .order_by("created_at", "id")
    )
    if not items or not items[0].user.email:
        return 0
    user = items[0].user
    with translation.override(user.language):
        title = _("Your daily summary")
    send_templated_mail(
        user.email,
        "notifications/email/digest",
        {"user": user, "notifications": items, "title": title},
        language=user.language,
    )
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(digested_at=now)
    return 1
