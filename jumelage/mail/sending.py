"""Sending email to people: rendered in the recipient's language, from templates.

Every app sends through `send_templated_mail`, so that delivery (outbox,
retries) is decided in one place: the message is written to the outbox in the
caller's transaction and sent by Celery (see mail.outbox).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .outbox import enqueue


def render_mail(template: str, context: dict, language: str) -> tuple[str, str]:
    """Render `<template>_subject.txt` and `<template>.txt` in the given language."""
    with translation.override(language):
        ctx = {"SITE_URL": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
        body = render_to_string(f"{template}.txt", ctx)
    return subject, body


def send_templated_mail(
    to: list[str] | str, template: str, context: dict, language: str = "en"
) -> None:
    recipients = [to] if isinstance(to, str) else list(to)
    subject, body = render_mail(template, context, language)
    enqueue(recipients, subject, body)
