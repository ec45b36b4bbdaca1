from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.errors import Refused
from jumelage.core.forms_page import form_page
from jumelage.core.policies import require

from . import documents, policies, services
from .forms import TrainingEventForm
from .models import Registration, TrainingEvent

REGISTERED = Registration.Status.REGISTERED
WAITING = Registration.Status.WAITING


def _events():
    return TrainingEvent.objects.select_related("country", "region", "department").annotate(
        registered_count=Count("registrations", filter=Q(registrations__status=REGISTERED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=WAITING)),
    )


def _event(request, pk):
    event = get_object_or_404(_events().prefetch_related("organisers"), pk=pk)
    require(policies.can_see_event(request.user, event))
    return event


@require_GET
@login_required
def event_list(request):
    """Upcoming events, with the teacher's own place on each."""
    require(policies.can_see_events(request.user))
    events = _events().filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    events = events.filter(policies.listed_events(request.user))
    level = request.GET.get("level", "")
    if level in TrainingEvent.Level.values:
        events = events.filter(level=level)
    events = events.prefetch_related(
        Prefetch(
            "registrations",
            queryset=Registration.objects.filter(user=request.user),
            to_attr="mine",
        )
    )
    page = Paginator(events, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "training/list.html",
        {
            "page": page,
            "levels": TrainingEvent.Level.choices,
            "level": level,
            "may_create": policies.can_create_events(request.user),
        },
    )


@require_GET
@login_required
def event_detail(request, pk):
    event = _event(request, pk)
    mine = Registration.objects.filter(event=event, user=request.user).first()
    position = None
    if mine and mine.status == WAITING:
        position = (
            Registration.objects.filter(event=event, status=WAITING)
            .filter(Q(queued_at__lt=mine.queued_at) | Q(queued_at=mine.queued_at, pk__lt=mine.pk))
            .count()
            + 1
        )
    return render(
        request,
        "training/detail.html",
        {
            "event": event,
            "mine": mine,
            "position": position,
            "places_left": max(event.capacity - event.registered_count, 0),
            "can_register": policies.can_register(request.user, event),
            "can_organise": policies.can_organise(request.user, event),
            "can_get_certificate": policies.can_get_certificate(request.user, mine),
            "live_role": policies.live_role(request.user, event),
        },
    )


@require_POST
@login_required
def register(request, pk):
    event = _event(request, pk)
    try:
        registration = services.register(event, request.user)
    except services.RegistrationClosed as exc:
        messages.error(request, exc.message)
        return redirect("training:detail", pk)
    if registration.status == REGISTERED:
        messages.success(request, _("You have a place at this event."))
    else:
        messages.info(request, _("The event is full: you are on the waiting list."))
    return redirect("training:detail", pk)


@require_POST
@login_required
def cancel(request, pk):
    event = _event(request, pk)
    services.cancel(event, request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("training:detail", pk)


@require_GET
@login_required
def ical(request, pk):
    event = _event(request, pk)
    response = HttpResponse(
        documents.event_ical(event), content_type="text/calendar; charset=utf-8"
    )
    name = slugify(event.title) or "event"
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


@require_GET
@login_required
def certificate(request, pk):
    event = _event(request, pk)
    registration = (
        Registration.objects.filter(event=event, user=request.user).select_related("user").first()
    )
    require(policies.can_get_certificate(request.user, registration))
    registration.event = event
    response = HttpResponse(documents.certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{slugify(event.title) or event.pk}.pdf"'
    )
    return response


def _attendees(event):
    return (
        Registration.objects.filter(event=event, status__in=[REGISTERED, WAITING])
        .select_related("user")
        .prefetch_related("user__schools")
        .order_by("status", "queued_at", "pk")  # registered first, then the waiting list
    )


@require_http_methods(["GET", "POST"])
@login_required
def attendees(request, pk):
    """The organisers' list: who has a place, who waits, who was present."""
    event = _event(request, pk)
    require(policies.can_organise(request.user, event))
    if request.method == "POST":
        present = [v for v in request.POST.getlist("present") if v.isdigit()]
        try:
            count = services.mark_attendance(request.user, event, present)
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect("training:attendees", pk)
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(count)s present.",
                "Attendance saved: %(count)s present.",
                count,
            )
            % {"count": count},
        )
        return redirect("training:attendees", pk)
    return render(request, "training/attendees.html", {"event": event, "rows": _attendees(event)})


@require_GET
@login_required
def attendees_csv(request, pk):
    event = _event(request, pk)
    require(policies.can_organise(request.user, event))
    response = HttpResponse(
        documents.attendees_csv(event, _attendees(event)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="attendees-{slugify(event.title) or event.pk}.csv"'
    )
    return response


def _event_form(request, event):
    form = TrainingEventForm(request.POST or None, instance=event, user=request.user)

    def save(form):
        saved = services.save_event(request.user, form.save(commit=False))
        return redirect("training:detail", saved.pk)

    title = _("Edit the event") if event.pk else _("Organise a training event")
    return form_page(request, form, title=title, save=save, saved=_("The training event is saved."))


@require_http_methods(["GET", "POST"])
@login_required
def event_new(request):
    require(policies.can_create_events(request.user))
    return _event_form(request, TrainingEvent(created_by=request.user))


@require_http_methods(["GET", "POST"])
@login_required
def event_edit(request, pk):
    event = _event(request, pk)
    require(policies.can_organise(request.user, event))
    return _event_form(request, event)


@require_GET
@login_required
def live(request, pk):
    """The live room: the event's presenters and registered teachers, nobody else (404)."""
    event = get_object_or_404(TrainingEvent, pk=pk)
    role = policies.live_role(request.user, event)
    if not role:
        raise Http404
    return render(
        request,
        "training/live.html",
        {
            "event": event,
            "presenter": role == "presenter",
            "is_open": policies.live_room_open(event),
            "ice_transport_policy": settings.WEBRTC_ICE_TRANSPORT_POLICY,
            "labels": {
                "connecting": _("Connecting…"),
                "joined": _("You are in the meeting."),
                "left": _("You left the meeting."),
                "disconnected": _("Connection lost. Join again to continue."),
                "no_media": _(
                    "No camera or microphone available: you can see and hear the others."
                ),
                "floor": _("You have the floor: your microphone is on."),
                "floor_taken": _("The presenter took the floor back."),
                "give_floor": _("Give the floor"),
                "take_floor": _("Take the floor back"),
                "raise": _("Raise my hand"),
                "lower": _("Lower my hand"),
            },
        },
    )
