"""Writes of official texts, each with its audit entry."""

from django.db import transaction

from jumelage.audit.services import record


@transaction.atomic
def save_text(actor, text):
    created = text.pk is None
    if created:
        text.created_by = actor
    text.save()
    record(actor, "texts.created" if created else "texts.changed", text, country=text.country)
    return text


@transaction.atomic
def delete_text(actor, text) -> None:
    record(actor, "texts.deleted", text, country=text.country, title=text.title)
    text.delete()
