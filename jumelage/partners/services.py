"""Writes on partner requests: each in one transaction, each keeping the search index current."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from jumelage.search.services import index_teachers

from . import suggestions
from .models import PartnerRequest

# A request that nobody renews stops showing after this long.
LIFETIME = timedelta(days=90)

M2M_FIELDS = ("subjects", "age_bands", "languages", "wished_countries")


def _pool_changed() -> None:
    """Every teacher's cached suggestions are stale once this transaction commits."""
    transaction.on_commit(suggestions.bump_pool)


def _apply(partner_request, data) -> None:
    for name in ("title", "description", "duration", "start_month"):
        setattr(partner_request, name, data[name])
    partner_request.save()
    for name in M2M_FIELDS:
        getattr(partner_request, name).set(data[name])


@transaction.atomic
def create_request(author, data) -> PartnerRequest:
    now = timezone.now()
    partner_request = PartnerRequest(author=author, created_at=now, expires_at=now + LIFETIME)
    _apply(partner_request, data)
    index_teachers([author.pk])
    _pool_changed()
    return partner_request


@transaction.atomic
def update_request(partner_request, data) -> PartnerRequest:
    _apply(partner_request, data)
    index_teachers([partner_request.author_id])
    _pool_changed()
    return partner_request


@transaction.atomic
def renew_request(partner_request) -> PartnerRequest:
    """Open again for another LIFETIME from today (an expired request comes back)."""
    partner_request.status = PartnerRequest.Status.OPEN
    partner_request.expires_at = timezone.now() + LIFETIME
    partner_request.save(update_fields=["status", "expires_at", "updated_at"])
    index_teachers([partner_request.author_id])
    _pool_changed()
    return partner_request


@transaction.atomic
def close_request(partner_request) -> PartnerRequest:
    """A partner was found: the request leaves lists and search."""
    partner_request.status = PartnerRequest.Status.CLOSED
    partner_request.closed_at = timezone.now()
    partner_request.save(update_fields=["status", "closed_at", "updated_at"])
    index_teachers([partner_request.author_id])
    _pool_changed()
    return partner_request


@transaction.atomic
def expire_due_requests() -> int:
    """Mark requests past their date as expired (lists already hide them) and reindex."""
    due = PartnerRequest.objects.select_for_update().filter(
        status=PartnerRequest.Status.OPEN, expires_at__lte=timezone.now()
    )
    authors = set(due.values_list("author_id", flat=True))
    count = due.update(status=PartnerRequest.Status.EXPIRED)
    index_teachers(authors)
    if count:
        _pool_changed()
    return count


def contribute_to_search(docs) -> None:
    """Search contributor: open requests' text, their subjects, ages and languages, and the
    'has an open request' filter, so a Music request is found with subject=music."""
    from .models import open_requests

    requests = (
        open_requests()
        .filter(author_id__in=list(docs))
        .prefetch_related("subjects", "age_bands", "languages")
    )
    for partner_request in requests:
        doc = docs[partner_request.author_id]
        doc.request_texts += [partner_request.title, partner_request.description]
        doc.has_open_request = True
        for subject in partner_request.subjects.all():
            doc.subjects.add(subject.code)
            doc.labels += [subject.name_en, subject.name_fr]
        for band in partner_request.age_bands.all():
            doc.ages.add(band.min_age)
        for language in partner_request.languages.all():
            doc.languages.add(language.code)
            doc.labels += [language.name_en, language.name_fr]
