from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.chat import policies as chat_policies
from jumelage.chat import services as chat_services
from jumelage.chat.models import Room
from jumelage.chat.services import room_context
from jumelage.core.policies import forbid_unless
from jumelage.projects.access import project_view
from jumelage.projects.models import Membership
from jumelage.realtime import publish
from jumelage.schools.models import School, SchoolHoliday

from . import policies, services, sfu, slots
from .forms import FindTimeForm, RoomForm, ScheduleForm
from .models import MeetingRoom
from .signalling import room_group

TEACHING = (Membership.Role.ADMIN, Membership.Role.TEACHER)


def _room(project, room_id) -> MeetingRoom:
    return get_object_or_404(MeetingRoom, pk=room_id, project=project)


def viewer_timezone(user) -> str:
    school = (
        School.objects.filter(memberships__user=user).only("timezone").first()
        if user.is_authenticated
        else None
    )
    return school.timezone if school else "Europe/Paris"


@require_http_methods(["GET", "POST"])
@project_view()
def room_list(request, project_id):
    project = request.project
    can_manage = policies.can_manage_rooms(request.access)
    form = RoomForm(request.POST or None)
    if request.method == "POST":
        forbid_unless(can_manage)
        if form.is_valid():
            room = services.create_room(
                request.user,
                project,
                form.cleaned_data["title"],
                form.cleaned_data["external_url"],
                form.cleaned_data["capacity"],
            )
            messages.success(request, _("Meeting room created."))
            return redirect("meetings:room_detail", project_id=project.pk, room_id=room.pk)
    rooms = project.meeting_rooms.all()
    return render(
        request,
        "meetings/room_list.html",
        {"project": project, "rooms": rooms, "form": form, "can_manage": can_manage},
    )


@require_GET
@project_view()
def room_detail(request, project_id, room_id):
    project = request.project
    room = _room(project, room_id)
    return render(
        request,
        "meetings/room_detail.html",
        {
            "project": project,
            "room": room,
            "chat": meeting_chat(request, project),
            "max_participants": policies.room_limit(room),
            "ice_transport_policy": settings.WEBRTC_ICE_TRANSPORT_POLICY,
            "through_sfu": sfu.uses_sfu(room),
            "can_moderate": request.access.is_teacher,
            "can_manage": policies.can_manage_rooms(request.access),
            "ws_path": f"/ws/projects/{project.pk}/",
            "labels": {
                "connecting": _("Connecting…"),
                "joined": _("You are in the meeting."),
                "alone": _("You are in the meeting. Waiting for the other classes…"),
                "left": _("You left the meeting."),
                "ended": _("The meeting has ended."),
                "no_media": _(
                    "No camera or microphone available: you can see and hear the others."
                ),
                "muted_by_teacher": _("A teacher muted your microphone."),
                "mute": _("Mute my microphone"),
                "unmute": _("Unmute my microphone"),
                "camera_off": _("Turn my camera off"),
                "camera_on": _("Turn my camera on"),
                "share": _("Share my screen"),
                "stop_share": _("Stop sharing my screen"),
                "mute_participant": _("Mute this participant"),
                "disconnected": _("Connection lost. Join again to continue."),
                "remove_participant": _("Remove this participant"),
                "removed": _("A teacher removed you from the meeting."),
                "reconnecting": _("Connection lost: reconnecting…"),
            },
        },
    )


@require_POST
@project_view()
def room_open(request, project_id, room_id):
    project = request.project
    room = _room(project, room_id)
    forbid_unless(policies.can_manage_rooms(request.access))
    services.open_room(request.user, room)
    messages.success(request, _("The room is open: pupils of the project can join."))
    return redirect("meetings:room_detail", project_id=project.pk, room_id=room.pk)


@require_POST
@project_view()
def room_end(request, project_id, room_id):
    project = request.project
    room = _room(project, room_id)
    forbid_unless(policies.can_manage_rooms(request.access))
    if services.end_room(request.user, room):
        # Those still connected leave the room (signalling.events handles it).
        publish.send_on_commit(room_group(room.pk), {"type": "meeting.ended", "room": room.pk})
    messages.success(request, _("The meeting has ended."))
    return redirect("meetings:room_detail", project_id=project.pk, room_id=room.pk)


def meeting_chat(request, project) -> dict | None:
    """The project's general chat room, shown beside the video (the same room as in Chat)."""
    chat_services.ensure_rooms(project)
    chat_room = Room.objects.filter(project=project, kind=Room.Kind.GENERAL).first()
    if chat_room is None or not chat_policies.can_view_room(request.access, chat_room):
        return None
    chat_room.project = project
    return room_context(request, chat_room)


def partner_schools(project) -> list[School]:
    return list(
        School.objects.filter(pk__in=project.memberships.filter(role__in=TEACHING).values("school"))
        .select_related("country")
        .order_by("country_id", "name")
    )


def school_holidays_between(schools, first_day, last_day) -> list[SchoolHoliday]:
    """The partner countries' school holidays that overlap the range, in one query."""
    return list(
        SchoolHoliday.objects.filter(
            country__in={s.country_id for s in schools},
            first_day__lte=last_day,
            last_day__gte=first_day,
        )
    )


@require_GET
@project_view()
def find_time(request, project_id):
    project = request.project
    forbid_unless(policies.can_manage_rooms(request.access))
    form = FindTimeForm(request.GET or None)
    schools = partner_schools(project)
    tz = ZoneInfo(viewer_timezone(request.user))
    found, blocked = None, []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        school_holidays = school_holidays_between(
            schools, data["first_day"], data["first_day"] + timedelta(days=data["days"])
        )
        days = [slots.SchoolDay.from_school(s, school_holidays) for s in schools]
        every = slots.find_slots(
            days, data["first_day"], data["days"], data["duration"], limit=2000
        )
        pairs = slots.best_slots(days, every)
        found = [
            {
                "utc": start,
                "local": start.astimezone(tz),
                "local_end": end.astimezone(tz),
                "per_school": [(s.name, start.astimezone(ZoneInfo(s.timezone))) for s in schools],
            }
            for start, end in pairs
        ]
        blocked = slots.holidays_in_range(days, data["first_day"], data["days"])
    return render(
        request,
        "meetings/find_time.html",
        {
            "project": project,
            "form": form,
            "schools": schools,
            "slots": found,
            "holidays": blocked,
            "viewer_tz": str(tz),
            "rooms": list(project.meeting_rooms.filter(external_url="")),
            "duration": form.cleaned_data["duration"] if found is not None else None,
        },
    )


@require_POST
@project_view()
def schedule(request, project_id):
    project = request.project
    forbid_unless(policies.can_manage_rooms(request.access))
    form = ScheduleForm(request.POST, project=project)
    if not form.is_valid():
        messages.error(
            request, _("This time could not be scheduled: please choose a proposed slot again.")
        )
        return redirect("meetings:find_time", project_id=project.pk)
    data = form.cleaned_data
    start = data["starts_at"].astimezone(UTC)
    meeting = services.schedule(
        request.user,
        project,
        data["room"],
        data["title"],
        start,
        start + timedelta(minutes=data["duration"]),
        viewer_timezone(request.user),
    )
    messages.success(request, _("The meeting is in the project's calendar."))
    if meeting.room:
        return redirect("meetings:room_detail", project_id=project.pk, room_id=meeting.room.pk)
    return redirect(reverse("meetings:room_list", kwargs={"project_id": project.pk}))
