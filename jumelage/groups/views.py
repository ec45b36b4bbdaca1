"""Groups: thin views over policies and services; the forum and the library are the
TwinSpace's own (forum and materials forms, services and templates), over a group.

Every view of one group is a `group_view`: the group and the visitor's access are
resolved once (`request.group`, `request.access`), a refusal is a 404.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.accounts.models import User
from jumelage.calendar import ical
from jumelage.calendar import services as calendar_services
from jumelage.calendar import views as calendar_views
from jumelage.calendar.forms import EventForm
from jumelage.calendar.middleware import reader_zone_name
from jumelage.calendar.models import Event, FeedToken
from jumelage.core.errors import Refused
from jumelage.core.policies import require
from jumelage.forum import policies as forum_policies
from jumelage.forum import services as forum_services
from jumelage.forum.forms import ModerateForm, PostForm, ReportForm, TopicForm
from jumelage.forum.models import Post, Topic
from jumelage.forum.pages import post_urls, topic_context, topic_rows
from jumelage.forum.views import TOGGLES, edit_post, edit_topic
from jumelage.materials import policies as materials_policies
from jumelage.materials import services as materials_services
from jumelage.materials.forms import FolderForm, MoveForm, UploadForm
from jumelage.materials.models import Folder, Item
from jumelage.materials.views import _serve
from jumelage.projects.models import Visibility
from jumelage.twinspace import queue
from jumelage.twinspace import services as twinspace_services
from jumelage.twinspace.models import Report

from . import policies, services
from .access import group_view
from .forms import GroupForm, InviteForm, SearchForm
from .models import Member

PER_PAGE = 50


def _page(request, template, context, status=200):
    context = {"group": request.group, "access": request.access, **context}
    return render(request, f"groups/{template}", context, status=status)


# --- Finding and starting groups ------------------------------------------------


@require_GET
@login_required
def group_list(request):
    """Every group the visitor may find, by words and subject; pupils get a 404."""
    require(policies.can_use_groups(request.user))
    form = SearchForm(request.GET or None)
    groups = policies.listed_groups(request.user)
    if form.is_valid():
        words = form.cleaned_data["q"].split()
        for word in words[:5]:
            groups = groups.filter(Q(name__icontains=word) | Q(description__icontains=word))
        if form.cleaned_data["subject"]:
            groups = groups.filter(subjects=form.cleaned_data["subject"])
    groups = (
        groups.select_related("country")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("name", "pk")[:PER_PAGE]
    )
    mine = set(Member.objects.filter(user=request.user).values_list("group_id", flat=True))
    return render(
        request,
        "groups/list.html",
        {
            "form": form,
            "groups": groups,
            "mine": mine,
            "can_create": policies.can_create_group(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def group_create(request):
    require(policies.can_create_group(request.user))
    countries = sorted(policies.national_countries(request.user))
    form = GroupForm(request.POST or None, countries=countries)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.create_group(
                request.user,
                name=data["name"],
                description=data["description"],
                admission=data["admission"],
                subjects=data["subjects"],
                country=data.get("country"),
            )
        except Refused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The group is open: you are its moderator."))
            return redirect("groups:detail", group_id=group.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "groups/form.html", {"form": form}, status=status)


# --- One group -------------------------------------------------------------------


@require_GET
@group_view("can_see_group")
def detail(request, group_id):
    access, group = request.access, request.group
    topics = []
    if access.can_view_space:
        topics = list(
            Topic.objects.filter(group=group)
            .filter(access.visible())
            .select_related("author")
            .order_by("-last_activity_at", "-pk")[:5]
        )
    moderators = [
        m.user
        for m in Member.objects.filter(group=group, role=Member.Role.MODERATOR).select_related(
            "user"
        )
    ]
    refusal = None if access.is_member else policies.join_refusal(access)
    open_reports = twinspace_services.open_reports(access).count() if access.can_moderate else 0
    return _page(
        request,
        "detail.html",
        {
            "subjects": list(group.subjects.all()),
            "moderators": moderators,
            "topics": topics,
            "join_refusal": refusal,
            "open_reports": open_reports,
        },
    )


@require_POST
@group_view("can_see_group")
def join(request, group_id):
    try:
        services.join(request.access)
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Welcome to the group."))
    return redirect("groups:detail", group_id=group_id)


@require_POST
@group_view("can_leave")
def leave(request, group_id):
    try:
        services.leave(request.access)
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect("groups:members", group_id=group_id)
    messages.success(request, _("You left the group."))
    return redirect("groups:list")


def _render_members(request, invite_form=None, status=200):
    members = list(
        Member.objects.filter(group=request.group)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )
    return _page(
        request,
        "members.html",
        {"members": members, "invite_form": invite_form or InviteForm()},
        status=status,
    )


@require_GET
@group_view()
def members(request, group_id):
    return _render_members(request)


@require_POST
@group_view("can_invite")
def invite(request, group_id):
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _render_members(request, invite_form=form, status=400)
    invitee = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
    try:
        services.invite(request.access, invitee)
    except Refused as exc:
        form.add_error("email", exc.message)
        return _render_members(request, invite_form=form, status=400)
    messages.success(request, _("The invitation is sent."))
    return redirect("groups:members", group_id=group_id)


@require_POST
@group_view("can_manage_members")
def make_moderator(request, group_id, member_id):
    member = get_object_or_404(
        Member.objects.select_related("user"), pk=member_id, group=request.group
    )
    try:
        services.make_moderator(request.access, member)
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s is now a moderator.") % {"name": member.user})
    return redirect("groups:members", group_id=group_id)


# --- The forum: the TwinSpace forum's rows, forms, rules and services ------------


def _topic(access, topic_id) -> Topic:
    topic = get_object_or_404(
        Topic.objects.select_related("author"), pk=topic_id, group=access.group
    )
    require(access.can_see(topic))
    return topic


def _topic_url(topic, post=None) -> str:
    url = reverse("groups:topic", kwargs={"group_id": topic.group_id, "topic_id": topic.pk})
    return f"{url}#post-{post.pk}" if post is not None else url


@require_GET
@group_view()
def forum(request, group_id):
    topics = topic_rows(request.access, Q(group_id=request.group.pk))[:PER_PAGE]
    return _page(request, "forum.html", {"topics": topics})


@require_http_methods(["GET", "POST"])
@group_view("can_contribute")
def topic_create(request, group_id):
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = forum_services.start_topic(
                request.access, request.user, data["title"], data["body"]
            )
        except Refused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your message is published."))
            return redirect(_topic_url(topic))
    status = 400 if request.method == "POST" else 200
    return _page(request, "topic_form.html", {"form": form}, status=status)


def _render_topic(request, topic, reply_form=None, status=200):
    """The topic page of the project forum (forum.pages.topic_context), over a group."""
    urls = post_urls("groups", group_id=topic.group_id)
    context = topic_context(request, topic, urls, reply_form)
    return _page(request, "topic.html", context, status=status)


@require_GET
@group_view()
def topic_detail(request, group_id, topic_id):
    return _render_topic(request, _topic(request.access, topic_id))


@require_POST
@group_view("can_contribute")
def reply(request, group_id, topic_id):
    access = request.access
    topic = _topic(access, topic_id)
    require(forum_policies.can_reply(access, topic) or topic.locked)
    form = PostForm(request.POST)
    if not form.is_valid():
        return _render_topic(request, topic, reply_form=form, status=400)
    try:
        post = forum_services.reply(access, topic, request.user, form.cleaned_data["body"])
    except Refused as exc:
        form.add_error(None, exc.message)
        return _render_topic(request, topic, reply_form=form, status=403)
    messages.success(request, _("Your message is published."))
    return redirect(_topic_url(topic, post))


def _post(request, post_id) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("topic", "author"), pk=post_id, topic__group=request.group
    )
    require(request.access.can_see(post) and request.access.can_see(post.topic))
    return post


def _form_status(request) -> int:
    return 400 if request.method == "POST" else 200


@require_http_methods(["GET", "POST"])
@group_view("can_contribute")
def topic_edit(request, group_id, topic_id):
    """The author or a moderator edits a topic: the project forum's form and service."""
    topic = _topic(request.access, topic_id)

    def draw(form):
        context = {"form": form, "topic": topic}
        return _page(request, "topic_form.html", context, status=_form_status(request))

    return edit_topic(request, topic, draw)


@require_http_methods(["GET", "POST"])
@group_view("can_contribute")
def post_edit(request, group_id, post_id):
    """The author or a moderator edits a reply: the project forum's form and service."""
    post = _post(request, post_id)

    def draw(form):
        context = {"form": form, "topic": post.topic, "post": post}
        return _page(request, "topic_form.html", context, status=_form_status(request))

    return edit_post(request, post, draw)


@require_POST
@group_view()
def topic_toggle(request, group_id, topic_id, switch):
    """Pin, lock or follow a topic, and undo it: the project forum's switches."""
    allowed, flip, now_on, now_off = TOGGLES[switch]
    topic = _topic(request.access, topic_id)
    require(allowed(request.access))
    messages.success(request, _(now_on) if flip(request.user, topic) else _(now_off))
    return redirect(_topic_url(topic))


def _report(request, content, topic):
    require(forum_policies.can_report(request.access, content))
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect(_topic_url(topic))
    services.report(request.access, content, form.cleaned_data["reason"])
    messages.success(request, _("Thank you: the moderators will look at it."))
    return redirect(_topic_url(topic))


@require_POST
@group_view()
def topic_report(request, group_id, topic_id):
    topic = _topic(request.access, topic_id)
    return _report(request, topic, topic)


@require_POST
@group_view()
def post_report(request, group_id, post_id):
    post = get_object_or_404(
        Post.objects.select_related("topic", "author"), pk=post_id, topic__group=request.group
    )
    require(request.access.can_see(post) and request.access.can_see(post.topic))
    return _report(request, post, post.topic)


def _moderate(request, content, topic):
    form = ModerateForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose to publish or to hide."))
    forum_services.moderate(request.access, content, form.cleaned_data["visibility"])
    if content.visibility == Visibility.PUBLISHED:
        messages.success(request, _("The message is published."))
    else:
        messages.success(request, _("The message is hidden from the group's members."))
    return redirect(_topic_url(topic))


@require_POST
@group_view("can_moderate")
def topic_moderate(request, group_id, topic_id):
    topic = _topic(request.access, topic_id)
    return _moderate(request, topic, topic)


@require_POST
@group_view("can_moderate")
def post_moderate(request, group_id, post_id):
    post = get_object_or_404(
        Post.objects.select_related("topic"), pk=post_id, topic__group=request.group
    )
    return _moderate(request, post, post.topic)


# --- The library: the TwinSpace materials' rows, checks and storage ------------


def _folder(request, folder_id) -> Folder | None:
    """A folder of this group's library, or None for its top; another space's: 404."""
    if folder_id is None:
        return None
    return get_object_or_404(
        Folder.objects.select_related("parent"), pk=folder_id, group=request.group
    )


def _library_url(group_id, folder) -> str:
    if folder is None:
        return reverse("groups:library", kwargs={"group_id": group_id})
    return reverse("groups:folder", kwargs={"group_id": group_id, "folder_id": folder.pk})


def _render_library(request, folder, folder_form=None, status=200):
    """One level of the library: its folders and files (members see every folder:
    a group has no pupils or visitors for per-folder rights to keep out)."""
    group, access = request.group, request.access
    items = list(
        Item.objects.filter(group=group, folder=folder)
        .select_related("uploaded_by")
        .order_by("name", "pk")
    )
    for item in items:
        kwargs = {"group_id": group.pk, "item_id": item.pk}
        item.download_url = reverse("groups:download", kwargs=kwargs)
        item.delete_url = reverse("groups:item_delete", kwargs=kwargs)
        item.move_url = reverse("groups:item_move", kwargs=kwargs)
        item.may_delete = materials_policies.can_delete_item(access, item)
    folders = list(Folder.objects.filter(group=group, parent=folder).order_by("name", "pk"))
    # Where a file may go: every folder of the group, asked once for the whole page.
    targets = []
    if any(item.may_delete for item in items):
        targets = list(Folder.objects.filter(group=group).order_by("name", "pk"))
    context = {
        "folder": folder,
        "parent": folder.parent if folder else None,
        "folders": folders,
        "items": items,
        "move_targets": targets,
        "may_delete_folder": folder is not None
        and not folders
        and not items
        and materials_policies.can_delete_folder(access, folder),
        "upload_form": UploadForm(initial={"upload_key": uuid.uuid4()}),
        "folder_form": folder_form or FolderForm(),
        "usage": materials_services.project_usage(group),
        "max_file_size": materials_services.settings.JUMELAGE_MAX_FILE_SIZE,
    }
    return _page(request, "library.html", context, status=status)


@require_GET
@group_view()
def library(request, group_id, folder_id=None):
    return _render_library(request, _folder(request, folder_id))


@require_POST
@group_view("can_contribute")
def folder_create(request, group_id, folder_id=None):
    """Members add folders, as a project's members do (the library's own service)."""
    parent = _folder(request, folder_id)
    form = FolderForm(request.POST)
    if not form.is_valid():
        return _render_library(request, parent, folder_form=form, status=400)
    data = form.cleaned_data
    folder = materials_services.create_folder(
        request.group, request.user, data["name"], parent, data["is_album"]
    )
    messages.success(request, _("Folder “%(name)s” created.") % {"name": folder.name})
    return redirect(_library_url(group_id, folder))


@require_POST
@group_view("can_contribute")
def upload(request, group_id, folder_id=None):
    """Each file is accepted or refused on its own, with its reason (as in a TwinSpace)."""
    folder = _folder(request, folder_id)
    back = _library_url(group_id, folder)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    for uploaded, key in form.file_keys():
        try:
            item = materials_services.store_upload(
                request.group, request.user, uploaded, folder, key
            )
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("“%(name)s” added.") % {"name": item.name})
    return redirect(back)


def _item(request, item_id) -> Item:
    """A file of this group's library; another space's file: 404."""
    return get_object_or_404(Item.objects.select_related("folder"), pk=item_id, group=request.group)


@require_POST
@group_view("can_contribute")
def item_delete(request, group_id, item_id):
    """The uploader or a moderator deletes a file (the library's own rule and service)."""
    item = _item(request, item_id)
    require(materials_policies.can_delete_item(request.access, item))
    materials_services.delete_item(request.user, item)
    messages.success(request, _("“%(name)s” deleted.") % {"name": item.name})
    return redirect(_library_url(group_id, item.folder))


@require_POST
@group_view("can_contribute")
def item_move(request, group_id, item_id):
    """The uploader or a moderator puts a file in another folder of the group."""
    item = _item(request, item_id)
    require(materials_policies.can_delete_item(request.access, item))
    form = MoveForm(request.POST, folders=Folder.objects.filter(group=request.group))
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["folder"]))
        return redirect(_library_url(group_id, item.folder))
    target = form.cleaned_data["folder"]
    require(materials_policies.can_move_item(request.access, item, target))
    try:
        materials_services.move_item(request.user, item, target)
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect(_library_url(group_id, item.folder))
    messages.success(request, _("“%(name)s” moved.") % {"name": item.name})
    return redirect(_library_url(group_id, target))


@require_POST
@group_view("can_contribute")
def folder_delete(request, group_id, folder_id):
    """Its creator or a moderator deletes an empty folder, as in a project's library."""
    folder = _folder(request, folder_id)
    require(materials_policies.can_delete_folder(request.access, folder))
    try:
        materials_services.delete_folder(request.user, folder)
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect(_library_url(group_id, folder))
    messages.success(request, _("Folder “%(name)s” deleted.") % {"name": folder.name})
    return redirect(_library_url(group_id, folder.parent))


@require_GET
@group_view()
def download(request, group_id, item_id):
    item = get_object_or_404(Item, pk=item_id, group=request.group)
    return _serve(item, item.file, inline=item.is_image)


# --- Events: the calendar's rows, form (time zones, clocks going forward) and service


@require_GET
@group_view()
def events(request, group_id):
    upcoming = Event.objects.filter(group=request.group, ends_at__gte=timezone.now()).order_by(
        "starts_at", "pk"
    )[:PER_PAGE]
    return _page(request, "events.html", {"events": upcoming})


@require_http_methods(["GET", "POST"])
@group_view("can_manage_events")
def event_create(request, group_id):
    form = EventForm(request.POST or None, viewer_zone=reader_zone_name(request))
    if request.method == "POST" and form.is_valid():
        calendar_services.create_event(request.user, request.group, form.event_fields())
        messages.success(request, _("The event is in the calendar."))
        return redirect("groups:events", group_id=group_id)
    status = 400 if request.method == "POST" else 200
    return _page(request, "event_form.html", {"form": form}, status=status)


def _event(request, event_id) -> Event:
    """An event of this group; another space's event: 404."""
    return get_object_or_404(Event, pk=event_id, group=request.group)


@require_http_methods(["GET", "POST"])
@group_view("can_manage_events")
def event_edit(request, group_id, event_id):
    """The calendar's own form and service (time zones, sequence for feeds)."""
    event = _event(request, event_id)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        calendar_services.update_event(request.user, event, form.event_fields())
        messages.success(request, _("The event is updated."))
        return redirect("groups:events", group_id=group_id)
    status = 400 if request.method == "POST" else 200
    return _page(request, "event_form.html", {"form": form, "event": event}, status=status)


@require_POST
@group_view("can_manage_events")
def event_delete(request, group_id, event_id):
    calendar_services.delete_event(request.user, _event(request, event_id))
    messages.success(request, _("The event is deleted."))
    return redirect("groups:events", group_id=group_id)


# --- The report queue: twinspace's Report rows and moderation, over a group --------


def _content_url(obj) -> str:
    """Where a reported topic or reply is read in the group."""
    if isinstance(obj, Post):
        return forum_services.topic_url(obj.topic, obj)
    if isinstance(obj, Topic):
        return forum_services.topic_url(obj)
    return ""


@require_GET
@group_view("can_moderate")
def reports(request, group_id):
    """The open reports of the group, for its moderators: what, whose, who reported it, why."""
    entries = list(
        twinspace_services.open_reports(request.access)
        .select_related("reporter", "target_type")
        .prefetch_related("target")[:PER_PAGE]
    )
    described = queue.describe(None, [r.target for r in entries], link=_content_url)
    return _page(request, "reports.html", {"reports": list(zip(entries, described, strict=True))})


def _open_report(request, report_id) -> Report:
    """An open report of this group; another space's or a closed one: 404."""
    return get_object_or_404(Report, pk=report_id, group=request.group, resolved_at__isnull=True)


@require_POST
@group_view("can_moderate")
def report_hide(request, group_id, report_id):
    entry = _open_report(request, report_id)
    require(entry.target is not None)
    services.hide_reported(request.access, entry)
    messages.success(request, _("The content is hidden."))
    return redirect("groups:reports", group_id=group_id)


@require_POST
@group_view("can_moderate")
def report_dismiss(request, group_id, report_id):
    services.dismiss_report(request.access, _open_report(request, report_id))
    messages.success(request, _("The report is closed; the content stays as it is."))
    return redirect("groups:reports", group_id=group_id)


# --- The group's calendar: the calendar app's month view and iCalendar feed ----------


@require_GET
@group_view()
def event_month(request, group_id):
    """A month of the group's events in the reader's zone (the calendar's own grid)."""
    base = reverse("groups:events", kwargs={"group_id": group_id})
    context, tz = calendar_views.month_grid(
        request,
        lambda start, end: list(
            Event.objects.filter(group=request.group, starts_at__lt=end, ends_at__gt=start)
        ),
        lambda e: f"{base}#event-{e.pk}",
    )
    context["viewer_zone"] = tz
    with timezone.override(tz):
        return _page(request, "event_month.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@group_view()
def event_feed(request, group_id):
    """The member's secret feed address for this group: show, make a new one, revoke."""
    if request.method == "POST":
        calendar_views.feed_action(request, request.group)
        return redirect("groups:event_feed", group_id=group_id)
    token = calendar_services.feed_token(request.user, request.group)
    url = ""
    if token is not None:
        kwargs = {"group_id": group_id, "token": token.token}
        url = request.build_absolute_uri(reverse("groups:event_ics", kwargs=kwargs))
    return _page(request, "event_feed.html", {"feed_url": url})


@require_GET
def event_ics(request, group_id, token):
    """The group's events for whoever holds a member's secret; anything else is a 404
    (a wrong or revoked token, another group's, a member who left)."""
    feed = FeedToken.objects.select_related("user", "group").filter(token=token).first()
    if feed is None or feed.group_id != group_id or not policies.group_feed_is_live(feed):
        raise Http404
    events = Event.objects.filter(group=feed.group)
    return calendar_views.ics_response(
        ical.build_calendar(events, feed.group.name), f"group-{group_id}.ics"
    )
