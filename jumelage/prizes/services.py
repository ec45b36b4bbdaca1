"""Prize writes: each one transaction, audited."""

from django.db import transaction
from django.db.models import Avg
from django.utils.translation import gettext as _

from jumelage.audit.services import record
from jumelage.core.errors import Refused

from . import policies
from .models import Competition, Entry, JuryScore


@transaction.atomic
def enter(user, competition, project, category, statement: str) -> Entry:
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    reason = policies.entry_refusal(user, competition, project, category)
    if reason:
        raise Refused(reason)
    entry = Entry.objects.create(
        competition=competition,
        project=project,
        category=category,
        entered_by=user,
        statement=statement.strip(),
    )
    record(user, "prizes.entered", entry, project=project)
    return entry


@transaction.atomic
def score(juror, entry, points: int) -> JuryScore:
    entry = Entry.objects.select_related("competition").select_for_update().get(pk=entry.pk)
    if not policies.can_score(juror, entry):
        raise Refused(_("The jury scores only while the competition is being judged."))
    if not 0 <= points <= 100:
        raise Refused(_("Give a score between 0 and 100."))
    result, _created = JuryScore.objects.update_or_create(
        entry=entry, juror=juror, defaults={"points": points}
    )
    return result


@transaction.atomic
def advance(admin, competition) -> Competition:
    """Open → judging → published; publishing marks the best mean score of each category."""
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if not policies.is_platform_admin(admin):
        raise Refused(_("Only the platform's administrators run the competition."))
    if competition.status == Competition.Status.OPEN:
        competition.status = Competition.Status.JUDGING
    elif competition.status == Competition.Status.JUDGING:
        entries = competition.entries.annotate(mean=Avg("scores__points")).filter(
            mean__isnull=False
        )
        best: dict[int, Entry] = {}
        for entry in entries.order_by("category_id", "-mean", "entered_at"):
            best.setdefault(entry.category_id, entry)
        Entry.objects.filter(pk__in=[e.pk for e in best.values()]).update(winner=True)
        competition.status = Competition.Status.PUBLISHED
    else:
        raise Refused(_("The winners are already published."))
    competition.save(update_fields=["status"])
    record(admin, f"prizes.{competition.status}", competition)
    return competition
