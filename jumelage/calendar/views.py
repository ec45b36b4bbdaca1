"""Calendar views: each viewer reads times in their own zone (zones.viewer_zone)."""

import calendar as stdlib_calendar
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.moments import clock
from jumelage.core.policies import forbid_unless
from jumelage.core.prepared import Prepared
from jumelage.core.reversing import ROW, row_url
from jumelage.projects.access import project_view
from jumelage.projects.models import Project

from . import ical, policies, queries, services
from .forms import EventForm, TimezoneForm
from .middleware import reader_zone, reader_zone_name, remember_reader_zone
from .models import Event, FeedToken, UserCalendarSettings

LIST_SIZE = 20
FEED_ACTIONS = {"regenerate", "revoke"}


def _event(request, event_id) -> Event:
    event = get_object_or_404(Event, pk=event_id, project=request.project)
    event.project = request.project
    return event


def _render(request, template, context, tz, status=200):
    """Render with the viewer's zone active, so every |date shows their local time."""
    context.setdefault("viewer_zone", tz)
    with timezone.override(tz):
        return render(request, template, context, status=status)


def _parse_month(value: str, today: date) -> date:
    try:
        year, month = (int(part) for part in value.split("-", 1))
        return date(year, month, 1) if 1900 <= year <= 2200 else today.replace(day=1)
    except (ValueError, TypeError):
        return today.replace(day=1)


def month_grid(request, events_between, url_of) -> tuple[dict, object]:
    """A month of a space's events in the reader's zone: its weeks, the same month as
    an agenda, and the months around it; `events_between(start, end)` lists the events
    that overlap those instants, and each gets `event.url` = url_of(event).
    Returns (context, zone); serves a project's calendar and a group's."""
    tz = reader_zone(request)
    today = timezone.now().astimezone(tz).date()
    first = _parse_month(request.GET.get("month", ""), today)
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid_start, grid_end = weeks[0][0], weeks[-1][-1] + timedelta(days=1)
    start_utc = datetime.combine(grid_start, datetime.min.time(), tz)
    end_utc = datetime.combine(grid_end, datetime.min.time(), tz)
    events = events_between(start_utc, end_utc)
    by_day: dict[date, list] = {}
    for event in events:
        event.url = url_of(event)
        # Formatted once, not in each of its two places (grid, agenda).
        event.start_iso, event.start_clock = clock(event.starts_at, tz)
        day = max(event.starts_at.astimezone(tz).date(), grid_start)
        last = (event.ends_at.astimezone(tz) - timedelta(microseconds=1)).date()
        while day <= last and day < grid_end:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    context = {
        "first": first,
        "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
        "weekdays": weeks[0],
        # The same month as an agenda, shown instead of the grid on a phone (issue 14).
        "agenda": [
            (day, by_day[day])
            for week in weeks
            for day in week
            if day.month == first.month and day in by_day
        ],
        "today": today,
        "previous": previous.strftime("%Y-%m"),
        "following": following.strftime("%Y-%m"),
    }
    return context, tz


# A project's events overlapping a month's grid: a main page, so prepared (core.prepared).
_MONTH = Prepared(
    lambda project_id, start, end: Event.objects.filter(
        project_id=project_id, starts_at__lt=end, ends_at__gt=start
    ).only("id", "project_id", "title", "starts_at", "ends_at"),  # what the grid shows
    project_id=int,
    start=datetime,
    end=datetime,
)


@require_GET
@project_view()
def month(request, project_id):
    project = request.project
    url = row_url("calendar:event_detail", project.pk, ROW)
    context, tz = month_grid(
        request,
        lambda start, end: _MONTH.list(project_id=project.pk, start=start, end=end),
        lambda event: url.format(event.pk),
    )
    context["project"] = project
    context["can_manage"] = policies.can_manage_events(request.access)
    return _render(request, "calendar/month.html", context, tz)


@require_GET
@project_view()
def event_list(request, project_id):
    project = request.project
    tz = reader_zone(request)
    past = request.GET.get("past") == "1"
    events = Event.objects.filter(project=project)
    now = timezone.now()
    events = (
        events.filter(ends_at__lte=now).order_by("-starts_at")
        if past
        else events.filter(ends_at__gt=now)
    )
    page = Paginator(events, LIST_SIZE).get_page(request.GET.get("page"))
    context = {
        "project": project,
        "page": page,
        "past": past,
        "can_manage": policies.can_manage_events(request.access),
    }
    return _render(request, "calendar/list.html", context, tz)


@require_GET
@project_view()
def event_detail(request, project_id, event_id):
    event = _event(request, event_id)
    tz = reader_zone(request)
    context = {
        "project": event.project,
        "event": event,
        "can_manage": policies.can_manage_events(request.access),
        "other_zone": event.timezone != reader_zone_name(request),
    }
    return _render(request, "calendar/detail.html", context, tz)


@require_GET
@project_view()
def event_ics(request, project_id, event_id):
    """One event to add to one's own calendar application."""
    event = _event(request, event_id)
    response = HttpResponse(
        ical.build_calendar([event], event.project.title),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
@project_view()
def event_create(request, project_id):
    project = request.project
    forbid_unless(policies.can_manage_events(request.access))
    zone_name = reader_zone_name(request)
    form = EventForm(request.POST or None, viewer_zone=zone_name)
    if request.method == "POST" and form.is_valid():
        event = services.create_event(request.user, project, form.event_fields())
        messages.success(request, _("The event is in the calendar."))
        return redirect("calendar:event_detail", project_id=project.pk, event_id=event.pk)
    context = {"project": project, "form": form}
    return _render(
        request, "calendar/form.html", context, reader_zone(request), status=_status(form)
    )


@require_http_methods(["GET", "POST"])
@project_view()
def event_edit(request, project_id, event_id):
    event = _event(request, event_id)
    forbid_unless(policies.can_manage_events(request.access))
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        services.update_event(request.user, event, form.event_fields())
        messages.success(request, _("The event is updated."))
        return redirect("calendar:event_detail", project_id=event.project_id, event_id=event.pk)
    context = {"project": event.project, "form": form, "event": event}
    return _render(
        request, "calendar/form.html", context, reader_zone(request), status=_status(form)
    )


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@require_POST
@project_view()
def event_delete(request, project_id, event_id):
    event = _event(request, event_id)
    forbid_unless(policies.can_manage_events(request.access))
    services.delete_event(request.user, event)
    messages.success(request, _("The event is deleted."))
    return redirect("calendar:month", project_id=project_id)


@never_cache
@require_http_methods(["GET", "POST"])
@project_view()
def project_feed(request, project_id):
    """The member's secret feed URL for this project: show, regenerate, revoke."""
    project = request.project
    if request.method == "POST":
        feed_action(request, project)
        return redirect("calendar:project_feed", project_id=project.pk)
    token = services.feed_token(request.user, project)
    url = (
        request.build_absolute_uri(
            reverse("calendar:project_ics", kwargs={"project_id": project.pk, "token": token.token})
        )
        if token
        else ""
    )
    return render(request, "calendar/feed.html", {"project": project, "feed_url": url})


def feed_action(request, project) -> None:
    """A feed page's POST: make a new secret address, or revoke it (`project`: a project,
    a group, or None for the personal feed; groups.views uses it too)."""
    action = request.POST.get("action", "")
    if action == "regenerate":
        had_one = services.feed_token(request.user, project) is not None
        services.regenerate_feed(request.user, project)
        if not had_one:
            messages.success(request, _("Your secret address is ready."))
            return
        messages.success(
            request, _("A new secret address is ready; the previous one no longer works.")
        )
    elif action == "revoke":
        services.revoke_feed(request.user, project)
        messages.success(request, _("The secret address no longer works."))
    else:
        messages.error(request, _("Choose to create a new address or to revoke it."))


def ics_response(body: bytes, filename: str) -> HttpResponse:
    """An iCalendar answer that no cache keeps and no search engine indexes (a secret URL)."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def project_ics(request, project_id, token):
    """The project's events for whoever holds the secret; any wrong or revoked token is a 404."""
    feed = FeedToken.objects.select_related("user").filter(token=token).first()
    project = Project.objects.filter(pk=project_id).first()
    if feed is None or project is None or not policies.feed_is_live(feed, project):
        raise Http404
    events = Event.objects.filter(project=project)
    return ics_response(ical.build_calendar(events, project.title), f"project-{project.pk}.ics")


# --- A person's own calendar settings and feed (outside any project) -------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def my_calendar(request):
    forbid_unless(policies.can_set_preferences(request.user))
    current = (
        UserCalendarSettings.objects.filter(user=request.user)
        .values_list("timezone", flat=True)
        .first()
    )
    form = TimezoneForm(request.POST or None, initial={"timezone": current or ""})
    if request.method == "POST" and form.is_valid():
        services.set_timezone(request.user, form.cleaned_data["timezone"])
        remember_reader_zone(request, request.user)
        messages.success(request, _("Your time zone is saved."))
        return redirect("mycalendar:settings")
    token = services.feed_token(request.user, None)
    url = (
        request.build_absolute_uri(reverse("mycalendar:ics", kwargs={"token": token.token}))
        if token
        else ""
    )
    tz = reader_zone(request)
    now = timezone.now()
    upcoming = list(
        queries.readable_events(request.user).filter(ends_at__gt=now).select_related("project")[:20]
    )
    context = {"form": form, "feed_url": url, "upcoming": upcoming, "zone_name": str(tz)}
    return _render(request, "calendar/my_calendar.html", context, tz, status=_status(form))


@login_required
@require_POST
def my_feed(request):
    forbid_unless(policies.can_set_preferences(request.user))
    feed_action(request, None)
    return redirect("mycalendar:settings")


@require_GET
def my_ics(request, token):
    """Every event of every project the token's owner may still see."""
    feed = (
        FeedToken.objects.select_related("user")
        .filter(token=token, project=None, group=None)
        .first()
    )
    if feed is None or not policies.feed_is_live(feed):
        raise Http404
    events = queries.readable_events(feed.user).select_related("project")
    return ics_response(
        ical.build_calendar(events, _("My projects"), with_project=True), "my-projects.ics"
    )
