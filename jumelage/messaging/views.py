"""Twinmail pages: inbox, compose, a thread with its reply form. Thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.errors import Refused
from jumelage.core.policies import require
from jumelage.projects.access import project_view
from jumelage.projects.models import Visibility

from . import policies, services
from .forms import ComposeForm, PrefillForm, ReplyForm
from .models import Thread
from .recipients import find as find_recipients


def _thread(request, thread_id) -> Thread:
    thread = Thread.objects.filter(pk=thread_id).select_related("project").first()
    require(thread is not None and policies.can_view_thread(request.user, thread))
    return thread


@require_GET
@login_required
def inbox(request):
    page = Paginator(services.inbox(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "messaging/inbox.html", {"page": page})


@require_http_methods(["GET", "POST"])
@login_required
def compose(request):
    """New thread; `?to=<user id>&subject=...` prefills it (partner search links here)."""
    recipients = policies.recipients(request.user)
    query = request.GET.get("q", "")[:100]
    if request.method == "POST":
        chosen = recipients.filter(pk=_user_id(request.POST.get("to"))).first()
        people = find_recipients(request.user, also=chosen)
        form = ComposeForm(request.POST, recipients=recipients, people=people)
        if form.is_valid() and not policies.can_write_to(request.user, form.cleaned_data["to"]):
            form.add_error("to", _("You cannot write to this person."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                thread = services.start_thread(
                    request.user, data["to"], data["subject"], data["body"]
                )
            except Refused as exc:
                form.add_error("to", exc.message)
            else:
                _say_sent(request, thread.messages.get())
                return redirect("messaging:thread", thread_id=thread.pk)
        context = {"form": form, "query": query}
        return render(request, "messaging/compose.html", context, status=400)
    # The prefill is a hint: a value that is no user id is ignored, never an error page.
    prefill = PrefillForm(request.GET).usable()
    initial = {"subject": prefill["subject"]}
    recipient = None
    if prefill["to"] is not None:
        recipient = recipients.filter(pk=prefill["to"]).first()
        require(recipient is not None)
        initial["to"] = recipient.pk
    people = find_recipients(request.user, query, also=recipient)
    form = ComposeForm(initial=initial, recipients=recipients, people=people)
    return render(request, "messaging/compose.html", {"form": form, "query": query})


def _user_id(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _say_sent(request, message) -> None:
    if message.visibility == Visibility.PENDING:
        messages.success(
            request, _("Your message is saved; a teacher will approve it before it is sent.")
        )
    else:
        messages.success(request, _("Your message is sent."))


def _thread_context(request, thread, **extra) -> dict:
    return {
        "thread": thread,
        "messages_list": thread.messages.filter(policies.visible_to(request.user)).select_related(
            "author"
        ),
        "participants": [p.user for p in thread.participants.select_related("user")],
        **extra,
    }


@require_GET
@login_required
def thread(request, thread_id):
    thread = _thread(request, thread_id)
    services.mark_read(request.user, thread)
    context = _thread_context(
        request, thread, can_reply=policies.can_reply(request.user, thread), form=ReplyForm()
    )
    return render(request, "messaging/thread.html", context)


@require_POST
@login_required
def reply(request, thread_id):
    thread = _thread(request, thread_id)
    require(policies.can_reply(request.user, thread))
    form = ReplyForm(request.POST)
    if form.is_valid():
        message = services.reply(request.user, thread, form.cleaned_data["body"])
        if message.visibility == Visibility.PENDING:
            _say_sent(request, message)
        else:
            messages.success(request, _("Your answer is sent."))
        return redirect("messaging:thread", thread_id=thread.pk)
    context = _thread_context(request, thread, can_reply=True, form=form)
    return render(request, "messaging/thread.html", context, status=400)


# --- Supervision: the project's teachers read its pupils' conversations ------------


@require_GET
@project_view(policies.can_supervise)
def supervision(request, project_id):
    """Every conversation a pupil of the project takes part in, newest first (read-only)."""
    project = request.project
    threads = (
        policies.supervised_threads(project)
        .annotate(
            waiting=Count("messages", filter=Q(messages__visibility=Visibility.PENDING)),
            total=Count("messages"),
        )
        .prefetch_related("participants__user")
        .order_by("-last_message_at", "-id")
    )
    page = Paginator(threads, 30).get_page(request.GET.get("page"))
    return render(request, "messaging/supervision.html", {"project": project, "page": page})


@require_GET
@project_view(policies.can_supervise)
def supervised_thread(request, project_id, thread_id):
    """One pupil conversation, every message whatever its state; teachers approve or hide."""
    project = request.project
    thread = policies.supervised_threads(project).filter(pk=thread_id).first()
    require(thread is not None)
    context = {
        "project": project,
        "thread": thread,
        "messages_list": thread.messages.select_related("author"),
        "participants": [p.user for p in thread.participants.select_related("user")],
        "may_moderate": policies.can_moderate_messages(request.access),
    }
    return render(request, "messaging/supervised_thread.html", context)
