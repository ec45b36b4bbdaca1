from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import policies
from .labels import label
from .models import AuditEntry

PER_PAGE = 30


def _who(person, reader) -> str:
    """A name for someone in an entry: never a staff member's (the office decides)."""
    if person is None:
        return _("The platform")
    if person.pk == reader.pk:
        return _("You")
    if person.kind == get_user_model().Kind.STAFF:
        return _("Support staff")
    return str(person)


@login_required
@require_GET
def mine(request):
    """The audit entries where the reader is the subject or the actor, newest first.

    Only the date, what happened, who did it, whom it was about and the project are
    shown: never the note or the data (which may hold another person's details).
    """
    reader = request.user
    if not policies.can_read_own_entries(reader):
        raise Http404
    entries = (
        AuditEntry.objects.filter(Q(subject_user=reader) | Q(actor=reader))
        .select_related("actor", "subject_user", "project")
        .order_by("-created_at", "-id")
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "at": entry.created_at,
            "what": label(entry.action),
            "by": _who(entry.actor, reader),
            "about": _who(entry.subject_user, reader) if entry.subject_user_id else "",
            "project": entry.project,
        }
        for entry in page
    ]
    return render(request, "audit/mine.html", {"page": page, "rows": rows})
