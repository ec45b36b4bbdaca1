"""Prize pages: the public winners, the founders' entries, the jury's scores."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.errors import Refused
from jumelage.core.policies import require

from . import policies, services
from .forms import EntryForm, ScoreForm
from .models import Competition, Entry, JuryScore


@require_GET
def index(request):
    """Public: every competition, newest first."""
    return render(request, "prizes/index.html", {"competitions": Competition.objects.all()})


@require_GET
def competition(request, pk):
    """Public: the winners once published; the jury and the admins see every entry."""
    competition = get_object_or_404(Competition, pk=pk)
    user = request.user
    is_juror = policies.is_juror(user, competition)
    sees_entries = is_juror or policies.is_platform_admin(user)
    entries = competition.entries.select_related("project", "category")
    if sees_entries:
        entries = entries.annotate(mean=Avg("scores__points")).prefetch_related(
            Prefetch(
                "scores",
                queryset=JuryScore.objects.filter(juror=user) if user.is_authenticated else None,
                to_attr="mine",
            )
        )
    elif competition.status == Competition.Status.PUBLISHED:
        entries = entries.filter(winner=True)
    else:
        entries = entries.none()
    may_enter = (
        competition.status == Competition.Status.OPEN
        and user.is_authenticated
        and bool(list(policies.enterable_projects(user)))
    )
    return render(
        request,
        "prizes/competition.html",
        {
            "competition": competition,
            "entries": list(entries),
            "sees_entries": sees_entries,
            "may_score": is_juror and competition.status == Competition.Status.JUDGING,
            "may_advance": policies.is_platform_admin(user)
            and competition.status != Competition.Status.PUBLISHED,
            "may_enter": may_enter,
            "score_form": ScoreForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def enter(request, pk):
    competition = get_object_or_404(Competition, pk=pk)
    projects = list(policies.enterable_projects(request.user))
    require(bool(projects))
    form = EntryForm(request.POST or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enter(
                request.user, competition, data["project"], data["category"], data["statement"]
            )
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The project was entered for the prize."))
            return redirect("prizes:competition", competition.pk)
    return render(request, "prizes/enter.html", {"competition": competition, "form": form})


@login_required
@require_POST
def score(request, entry_id):
    entry = get_object_or_404(Entry.objects.select_related("competition"), pk=entry_id)
    require(policies.is_juror(request.user, entry.competition))
    form = ScoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a score between 0 and 100."))
    else:
        try:
            services.score(request.user, entry, form.cleaned_data["points"])
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your score was saved."))
    return redirect("prizes:competition", entry.competition_id)


@login_required
@require_POST
def advance(request, pk):
    require(policies.is_platform_admin(request.user))
    competition = get_object_or_404(Competition, pk=pk)
    try:
        services.advance(request.user, competition)
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, competition.get_status_display())
    return redirect("prizes:competition", competition.pk)
