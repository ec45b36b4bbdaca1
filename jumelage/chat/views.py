"""Chat pages: room list, a room (history + form), moderation actions. Thin views.

`@project_view` loads the project and the access once (request.access); the
WebSocket (chat/realtime.py) adds live delivery; every page and form works
without JavaScript, and both paths call the same policies and services.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jumelage.accounts.models import User
from jumelage.core.errors import Refused
from jumelage.core.policies import forbid_unless, require
from jumelage.core.prepared import Prepared
from jumelage.projects.access import project_view

from . import policies, services
from .forms import BreakoutForm, MessageForm, ReportForm
from .models import Message, Room, RoomMember
from .services import room_context

_ROOM = Prepared(
    lambda room_id, project_id: Room.objects.filter(pk=room_id, project_id=project_id),
    room_id=int,
    project_id=int,
)


def _room(request, room_id) -> Room:
    room = _ROOM.first(room_id=room_id, project_id=request.project.pk)
    require(room is not None)
    room.project = request.project  # before the rule reads it: no query for the project
    require(policies.can_view_room(request.access, room))
    return room


def _message(request, message_id) -> Message:
    message = (
        Message.objects.filter(pk=message_id, room__project=request.project)
        .filter(policies.visible_messages(request.access))
        .select_related("room", "author")
        .first()
    )
    require(message is not None)
    message.room.project = request.project
    require(policies.can_view_room(request.access, message.room))
    return message


def _room_url(room):
    return redirect("chat:room", project_id=room.project_id, room_id=room.pk)


def _index(request, form, status=200):
    rooms = services.visible_rooms(request.access)
    context = {"project": request.project, "rooms": rooms, "form": form}
    return render(request, "chat/index.html", context, status=status)


@require_GET
@project_view()
def index(request, project_id):
    can_create = policies.can_create_room(request.access)
    return _index(request, BreakoutForm(project=request.project) if can_create else None)


@require_POST
@project_view()
def create_room(request, project_id):
    forbid_unless(policies.can_create_room(request.access))
    form = BreakoutForm(request.POST, project=request.project)
    if not form.is_valid():
        return _index(request, form, status=400)
    room = services.create_breakout(
        request.user,
        request.project,
        form.cleaned_data["name"],
        list(form.cleaned_data["members"]),
        form.cleaned_data["pupils_need_approval"],
    )
    messages.success(request, _("The group room is ready."))
    return _room_url(room)


def _before(request):
    try:
        return int(request.GET["before"])
    except (KeyError, ValueError):
        return None


@require_GET
@project_view()
def room(request, project_id, room_id):
    room = _room(request, room_id)
    return render(request, "chat/room.html", room_context(request, room, before=_before(request)))


@require_GET
@project_view()
def older(request, project_id, room_id):
    """HTML fragment of older messages, for scrolling back (htmx)."""
    room = _room(request, room_id)
    history, has_more = services.history(request.access, room, before=_before(request))
    return render(
        request,
        "chat/_history.html",
        {
            "room": room,
            "history": history,
            "has_more": has_more,
            "moderator": policies.can_moderate_room(request.access, room),
        },
    )


@require_POST
@project_view()
def send(request, project_id, room_id):
    """Post without JavaScript; the client id in the form makes a replayed POST harmless."""
    room = _room(request, room_id)
    forbid_unless(policies.can_write(request.access, room))
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Your message was not sent: write between 1 and 2000 characters.")
        )
        return _room_url(room)
    try:
        services.post_message(
            request.user,
            request.access,
            room,
            form.cleaned_data["body"],
            form.cleaned_data["client_id"],
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    return _room_url(room)


@require_POST
@project_view()
def close(request, project_id, room_id):
    room = _room(request, room_id)
    forbid_unless(policies.can_moderate_room(request.access, room))
    if request.POST.get("action") == "reopen":
        services.reopen_room(request.user, room)
        messages.success(request, _("The room is open again."))
    elif room.is_open:
        services.close_room(request.user, room)
        messages.success(request, _("The room is closed: nobody can write in it."))
    return _room_url(room)


def _room_member(room, user_pk: str) -> User | None:
    """A member of the project who may enter this room, or None."""
    try:
        pk = int(user_pk)
    except ValueError:
        return None
    target = User.objects.filter(pk=pk, memberships__project=room.project).first()
    if target is None:
        return None
    invited = RoomMember.objects.filter(room=room, user=target).exists()
    return target if policies.can_view_room(target, room, invited=invited) else None


@require_POST
@project_view()
def mute(request, project_id, room_id):
    room = _room(request, room_id)
    forbid_unless(policies.can_moderate_room(request.access, room))
    target = _room_member(room, request.POST.get("user", ""))
    if target is None or target == request.user:
        messages.error(request, _("Choose a member of this room."))
        return _room_url(room)
    if request.POST.get("action") == "unmute":
        services.unmute(request.user, room, target)
        messages.success(request, _("%(name)s may write again.") % {"name": target})
    else:
        services.mute(request.user, room, target)
        messages.success(request, _("%(name)s is muted in this room.") % {"name": target})
    return _room_url(room)


@require_POST
@project_view()
def delete(request, project_id, message_id):
    message = _message(request, message_id)
    forbid_unless(policies.can_moderate_room(request.access, message.room))
    services.delete_message(request.user, message)
    messages.success(request, _("The message is deleted."))
    return _room_url(message.room)


@require_POST
@project_view()
def approve(request, project_id, message_id):
    message = _message(request, message_id)
    forbid_unless(policies.can_moderate_room(request.access, message.room))
    if services.approve_message(request.access, message):
        messages.success(request, _("The message is approved."))
    return _room_url(message.room)


@require_POST
@project_view()
def report(request, project_id, message_id):
    message = _message(request, message_id)
    forbid_unless(policies.can_report(request.access, message))
    form = ReportForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.report_message(request.access, message, reason)
    messages.success(request, _("Thank you: the teachers will look at this message."))
    return _room_url(message.room)
