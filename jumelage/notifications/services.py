"""Telling people something happened: one entry point for every app."""

from jumelage.core.mail import send_templated_mail

from .models import Notification


def notify(
    user,
    kind: str,
    title: str,
    url: str = "",
    *,
    email_template: str | None = None,
    context: dict | None = None,
) -> Notification:
    """Create the in-app notification and, for important kinds, send the email.

    `title` is stored as given: pass it already translated into the user's
    language (translation.override(user.language)). The email, if any, renders
    `email_template` (see core.mail) in the user's language.
    """
    notification = Notification.objects.create(user=user, kind=kind, title=title, url=url)
    if email_template and user.email:
        send_templated_mail(
            user.email,
            email_template,
            {"user": user, "url": url, **(context or {})},
            language=user.language,
        )
    return notification
