"""Chat pages: room list, a room (history + form), moderation actions. Thin views.

The WebSocket (chat/realtime.py) adds live delivery; every page and form works
without JavaScript, and both paths call the same policies and services.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.accounts.models import User
from jumelage.core.policies import forbid_unless, require
from jumelage.projects.models import Project

from . import policies, services
from .forms import BreakoutForm, MessageForm, ReportForm
from .models import Message, Room


def _project(request, project_id) -> Project:
    if not request.user.is_authenticated:
        raise _LoginRequired
    project = Project.objects.filter(pk=project_id).first()
    require(project is not None and policies.can_use_chat(request.user, project))
    return project


def _room(request, project_id, room_id) -> Room:
    project = _project(request, project_id)
    room = Room.objects.filter(pk=room_id, project=project).first()
    require(room is not None)
    room.project = project
    require(policies.can_view_room(request.user, room))
    return room


def _message(request, project_id, message_id) -> Message:
    project = _project(request, project_id)
    message = (
        Message.objects.filter(pk=message_id, room__project=project, deleted_at__isnull=True)
        .select_related("room", "author")
        .first()
    )
    require(message is not None)
    message.room.project = project
    moderator = policies.can_moderate_room(request.user, message.room)
    require(
        policies.can_view_room(request.user, message.room)
        and policies.can_see_message(request.user, message, moderator)
    )
    return message


class _LoginRequired(Exception):
    pass


def login_first(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())

    wrapper.__name__, wrapper.__doc__ = view.__name__, view.__doc__
    return wrapper


def _room_url(room):
    return redirect("chat:room", project_id=room.project_id, room_id=room.pk)


@require_GET
@login_first
def index(request, project_id):
    project = _project(request, project_id)
    rooms = services.visible_rooms(request.user, project)
    form = (
        BreakoutForm(project=project) if policies.can_create_room(request.user, project) else None
    )
    return render(request, "chat/index.html", {"project": project, "rooms": rooms, "form": form})


@require_POST
@login_first
def create_room(request, project_id):
    project = _project(request, project_id)
    forbid_unless(policies.can_create_room(request.user, project))
    form = BreakoutForm(request.POST, project=project)
    if not form.is_valid():
        rooms = services.visible_rooms(request.user, project)
        return render(
            request,
            "chat/index.html",
            {"project": project, "rooms": rooms, "form": form},
            status=400,
        )
    room = services.create_breakout(
        request.user,
        project,
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
@login_first
def room(request, project_id, room_id):
    room = _room(request, project_id, room_id)
    return render(request, "chat/room.html", room_context(request, room, before=_before(request)))


def room_context(request, room, before=None) -> dict:
    """What chat/_room.html needs; the meeting page shows the same room beside the video."""
    moderator = policies.can_moderate_room(request.user, room)
    cursor = room.last_seq  # loaded before the history: the live client resumes from here
    history, has_more = services.history(request.user, room, moderator, before=before)
    return {
        "cursor": cursor,
        "project": room.project,
        "room": room,
        "history": history,
        "has_more": has_more,
        "moderator": moderator,
        "can_post": policies.can_post(request.user, room),
        "form": MessageForm(initial={"client_id": uuid.uuid4().hex}),
        "report_form": ReportForm(),
    }


@require_GET
@login_first
def older(request, project_id, room_id):
    """HTML fragment of older messages, for scrolling back (htmx)."""
    room = _room(request, project_id, room_id)
    moderator = policies.can_moderate_room(request.user, room)
    history, has_more = services.history(request.user, room, moderator, before=_before(request))
    return render(
        request,
        "chat/_history.html",
        {"room": room, "history": history, "has_more": has_more, "moderator": moderator},
    )


@require_POST
@login_first
def send(request, project_id, room_id):
    """Post without JavaScript; the client id in the form makes a replayed POST harmless."""
    room = _room(request, project_id, room_id)
    forbid_unless(policies.can_post(request.user, room))
    form = MessageForm(request.POST)
    if form.is_valid():
        services.post_message(
            request.user, room, form.cleaned_data["body"].strip(), form.cleaned_data["client_id"]
        )
    else:
        messages.error(
            request, _("Your message was not sent: write between 1 and 2000 characters.")
        )
    return _room_url(room)


@require_POST
@login_first
def close(request, project_id, room_id):
    room = _room(request, project_id, room_id)
    forbid_unless(policies.can_moderate_room(request.user, room))
    if request.POST.get("action") == "reopen":
        services.reopen_room(request.user, room)
        messages.success(request, _("The room is open again."))
    elif room.is_open:
        services.close_room(request.user, room)
        messages.success(request, _("The room is closed: nobody can write in it."))
    return _room_url(room)


@require_POST
@login_first
def mute(request, project_id, room_id):
    room = _room(request, project_id, room_id)
    forbid_unless(policies.can_moderate_room(request.user, room))
    try:
        target = User.objects.filter(pk=int(request.POST.get("user", ""))).first()
    except ValueError:
        target = None
    if target is None or not policies.can_view_room(target, room) or target == request.user:
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
@login_first
def delete(request, project_id, message_id):
    message = _message(request, project_id, message_id)
    forbid_unless(policies.can_moderate_room(request.user, message.room))
    services.delete_message(request.user, message)
    messages.success(request, _("The message is deleted."))
    return _room_url(message.room)


@require_POST
@login_first
def approve(request, project_id, message_id):
    message = _message(request, project_id, message_id)
    forbid_unless(policies.can_moderate_room(request.user, message.room))
    if message.visibility == "pending":
        services.approve_message(request.user, message)
        messages.success(request, _("The message is approved."))
    return _room_url(message.room)


@require_http_methods(["POST"])
@login_first
def report(request, project_id, message_id):
    message = _message(request, project_id, message_id)
    forbid_unless(policies.can_report(request.user, message))
    form = ReportForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.report_message(request.user, message, reason)
    messages.success(request, _("Thank you: the teachers will look at this message."))
    return _room_url(message.room)
