"""Twinmail pages: inbox, compose, a thread with its reply form. Thin views."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.policies import require

from . import policies, services
from .forms import ComposeForm, ReplyForm
from .models import Thread


def login_first(view):
    def wrapper(request, *args, **kwargs):
        if not policies.may_use(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.__name__, wrapper.__doc__ = view.__name__, view.__doc__
    return wrapper


def _thread(request, thread_id) -> Thread:
    thread = Thread.objects.filter(pk=thread_id).first()
    require(thread is not None and policies.can_view_thread(request.user, thread))
    return thread


@require_GET
@login_first
def inbox(request):
    page = Paginator(services.inbox(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "messaging/inbox.html", {"page": page})


@require_http_methods(["GET", "POST"])
@login_first
def compose(request):
    """New thread; `?to=<user id>&subject=...` prefills it (partner search links here)."""
    recipients = policies.recipients(request.user)
    if request.method == "POST":
        form = ComposeForm(request.POST, recipients=recipients)
        if form.is_valid() and not policies.can_write_to(request.user, form.cleaned_data["to"]):
            form.add_error("to", _("You cannot write to this person."))
        if form.is_valid():
            thread = services.start_thread(
                request.user,
                form.cleaned_data["to"],
                form.cleaned_data["subject"],
                form.cleaned_data["body"],
            )
            messages.success(request, _("Your message is sent."))
            return redirect("messaging:thread", thread_id=thread.pk)
        return render(request, "messaging/compose.html", {"form": form}, status=400)
    initial = {"subject": request.GET.get("subject", "")[:200]}
    to = request.GET.get("to", "")
    if to.isascii() and to.isdigit():  # "²" is a digit to Python, not to int()
        recipient = recipients.filter(pk=int(to)).first()
        require(recipient is not None)
        initial["to"] = recipient.pk
    form = ComposeForm(initial=initial, recipients=recipients)
    return render(request, "messaging/compose.html", {"form": form})


@require_GET
@login_first
def thread(request, thread_id):
    thread = _thread(request, thread_id)
    services.mark_read(request.user, thread)
    context = {
        "thread": thread,
        "messages_list": thread.messages.select_related("author"),
        "participants": [p.user for p in thread.participants.select_related("user")],
        "can_reply": policies.can_reply(request.user, thread),
        "form": ReplyForm(),
    }
    return render(request, "messaging/thread.html", context)


@require_POST
@login_first
def reply(request, thread_id):
    thread = _thread(request, thread_id)
    require(policies.can_reply(request.user, thread))
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.reply(request.user, thread, form.cleaned_data["body"])
        messages.success(request, _("Your answer is sent."))
        return redirect("messaging:thread", thread_id=thread.pk)
    context = {
        "thread": thread,
        "messages_list": thread.messages.select_related("author"),
        "participants": [p.user for p in thread.participants.select_related("user")],
        "can_reply": True,
        "form": form,
    }
    return render(request, "messaging/thread.html", context, status=400)
