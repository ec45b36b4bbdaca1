"""The forum of a project's TwinSpace: thin views over policies and services.

Every view is a `project_view`: the project and the user's access are resolved
once (`request.project`, `request.access`); the forum's own rules about one topic
or post are functions of that access in policies.py.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.errors import Refused
from jumelage.core.policies import forbid_unless, require
from jumelage.projects.access import project_view
from jumelage.projects.models import Visibility

from . import policies, services
from .forms import ModerateForm, PostForm, ReportForm, TopicForm
from .models import Follow, Post, Topic

TOPICS_PER_PAGE = 30
REPLIES_PER_PAGE = 50


def _topic(access, topic_id) -> Topic:
    topic = get_object_or_404(
        Topic.objects.select_related("author"), pk=topic_id, project=access.project
    )
    require(access.can_see(topic))
    return topic


def _post(access, post_id) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("topic", "author"), pk=post_id, topic__project=access.project
    )
    require(access.can_see(post) and access.can_see(post.topic))
    return post


def _form_page(request, template, context, form):
    status = 400 if request.method == "POST" else 200
    context = {"project": request.project, "form": form, **context}
    return render(request, template, context, status=status)


@require_GET
@project_view()
def topic_list(request, project_id):
    access = request.access
    topics = (
        Topic.objects.filter(project=access.project)
        .filter(access.visible())
        .select_related("author")
        .annotate(
            reply_count=Count("posts", filter=access.visible("posts__")),
            pending_count=Count("posts", filter=Q(posts__visibility=Visibility.PENDING)),
        )
        .order_by("-sticky", "-last_activity_at", "-pk")
    )
    page = Paginator(topics, TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/topic_list.html",
        {
            "project": access.project,
            "access": access,
            "can_start_topic": policies.can_start_topic(access),
            "page": page,
            "topics": page.object_list,
        },
    )


_PK = 987654321  # stands for a reply's id in its reversed URLs


def _post_urls(project_id) -> dict[str, str]:
    """Each reply's action URLs, reversed once per page rather than three times per reply
    (a long topic spent most of its time in reverse())."""
    return {
        name: reverse(f"forum:post_{action}", args=[project_id, _PK]).replace(str(_PK), "{}")
        for name, action in (("edit_url", "edit"), ("moderate_url", "moderate"), ("report_url", "report"))
    }  # fmt: skip


def _page_number(request, visible_posts):
    """`?post=ID` (the links to a reply) opens the page that holds it; else `?page=N`."""
    wanted = request.GET.get("post", "")
    if not wanted.isdigit():
        return request.GET.get("page")
    target = visible_posts.filter(pk=int(wanted)).values("created_at", "pk").first()
    if target is None:
        return 1
    before = visible_posts.filter(
        Q(created_at__lt=target["created_at"])
        | Q(created_at=target["created_at"], pk__lt=target["pk"])
    ).count()
    return before // REPLIES_PER_PAGE + 1


def _render_topic(request, topic, reply_form=None, status=200):
    """The topic and one page of its replies: a long topic renders in bounded time."""
    access = request.access
    visible_posts = Post.objects.filter(topic=topic).filter(access.visible())
    number = _page_number(request, visible_posts) if request.method == "GET" else -1
    page = Paginator(visible_posts.select_related("author"), REPLIES_PER_PAGE).get_page(number)
    posts = list(page.object_list)
    topic.anchor = "topic"
    urls = _post_urls(access.project.pk)
    for post in posts:
        post.anchor = f"post-{post.pk}"
        for name, pattern in urls.items():
            setattr(post, name, pattern.format(post.pk))
    for content in [topic, *posts]:
        content.may_edit = policies.can_edit(access, content)
        content.may_report = policies.can_report(access, content)
        content.may_hide = access.can_hide_pupil_content(content)
    can_follow = policies.can_follow(access)
    following = can_follow and Follow.objects.filter(topic=topic, user=request.user).exists()
    context = {
        "project": access.project,
        "access": access,
        "topic": topic,
        "posts": posts,
        "page": page,
        "can_follow": can_follow,
        "can_manage_topic": policies.can_manage_topic(access),
        "following": following,
        "can_reply": policies.can_reply(access, topic),
        "reply_form": reply_form or PostForm(),
        "report_form": ReportForm(),
    }
    return render(request, "forum/topic_detail.html", context, status=status)


@require_GET
@project_view()
def topic_detail(request, project_id, topic_id):
    return _render_topic(request, _topic(request.access, topic_id))


def _say_if_pending(request, content):
    if content.visibility == Visibility.PENDING:
        messages.info(
            request, _("Your message will be shown once a teacher of the project approves it.")
        )
    else:
        messages.success(request, _("Your message is published."))


@require_http_methods(["GET", "POST"])
@project_view()
def topic_create(request, project_id):
    access = request.access
    forbid_unless(policies.can_start_topic(access))
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = services.start_topic(access, request.user, data["title"], data["body"])
        except Refused as exc:
            form.add_error(None, exc.message)
        else:
            _say_if_pending(request, topic)
            return redirect(services.topic_url(topic))
    return _form_page(request, "forum/topic_form.html", {"topic": None}, form)


@require_POST
@project_view()
def reply(request, project_id, topic_id):
    access = request.access
    topic = _topic(access, topic_id)
    # A topic locked while a pupil was writing: the service says why, the text stays.
    forbid_unless(policies.can_reply(access, topic) or (topic.locked and access.can_contribute))
    form = PostForm(request.POST)
    if not form.is_valid():
        return _render_topic(request, topic, reply_form=form, status=400)
    try:
        post = services.reply(access, topic, request.user, form.cleaned_data["body"])
    except Refused as exc:
        form.add_error(None, exc.message)
        return _render_topic(request, topic, reply_form=form, status=403)
    _say_if_pending(request, post)
    return redirect(services.topic_url(topic, post))


def _edit(request, content, form, title=None):
    """Save the edit (True), or put the service's refusal on the form (False)."""
    try:
        services.edit(request.access, request.user, content, form.cleaned_data["body"], title)
    except Refused as exc:
        form.add_error(None, exc.message)
        return False
    _say_if_pending(request, content)
    return True


@require_http_methods(["GET", "POST"])
@project_view()
def topic_edit(request, project_id, topic_id):
    topic = _topic(request.access, topic_id)
    forbid_unless(policies.can_edit(request.access, topic))
    form = TopicForm(request.POST or None, initial={"title": topic.title, "body": topic.body})
    saved = request.method == "POST" and form.is_valid()
    if saved and _edit(request, topic, form, form.cleaned_data["title"]):
        return redirect(services.topic_url(topic))
    return _form_page(request, "forum/topic_form.html", {"topic": topic}, form)


@require_http_methods(["GET", "POST"])
@project_view()
def post_edit(request, project_id, post_id):
    post = _post(request.access, post_id)
    forbid_unless(policies.can_edit(request.access, post))
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid() and _edit(request, post, form):
        return redirect(services.topic_url(post.topic, post))
    return _form_page(request, "forum/post_form.html", {"post": post, "topic": post.topic}, form)


# The topic's switches: (who may, the service that flips it and answers the new
# state, what to say when it is now on, when it is now off).
TOGGLES = {
    "sticky": (
        policies.can_manage_topic,
        services.toggle_sticky,
        gettext_noop("The topic is pinned."),
        gettext_noop("The topic is unpinned."),
    ),
    "lock": (
        policies.can_manage_topic,
        services.toggle_lock,
        gettext_noop("The topic is locked."),
        gettext_noop("The topic is open again."),
    ),
    "follow": (
        policies.can_follow,
        lambda user, topic: services.toggle_follow(topic, user),
        gettext_noop("You follow this topic: you will hear of new replies."),
        gettext_noop("You no longer follow this topic."),
    ),
}


@require_POST
@project_view()
def topic_toggle(request, project_id, topic_id, switch):
    """Pin, lock or follow a topic, and undo it: one view for the three switches."""
    allowed, flip, now_on, now_off = TOGGLES[switch]
    topic = _topic(request.access, topic_id)
    forbid_unless(allowed(request.access))
    messages.success(request, _(now_on) if flip(request.user, topic) else _(now_off))
    return redirect(services.topic_url(topic))


def _moderate(request, content, topic):
    forbid_unless(request.access.can_moderate_pupils)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose to publish or to hide."))
    try:
        services.moderate(request.access, content, form.cleaned_data["visibility"])
    except Refused as refused:
        messages.error(request, refused.message)
        return redirect(services.topic_url(topic))
    if content.visibility == Visibility.PUBLISHED:
        messages.success(request, _("The message is published."))
    else:
        messages.success(request, _("The message is hidden from pupils and guests."))
    return redirect(services.topic_url(topic))


@require_POST
@project_view()
def topic_moderate(request, project_id, topic_id):
    topic = _topic(request.access, topic_id)
    return _moderate(request, topic, topic)


@require_POST
@project_view()
def post_moderate(request, project_id, post_id):
    post = _post(request.access, post_id)
    return _moderate(request, post, post.topic)


def _report(request, content, topic):
    forbid_unless(policies.can_report(request.access, content))
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect(services.topic_url(topic))
    services.report(request.access, content, form.cleaned_data["reason"])
    messages.success(request, _("Thank you: the project's teachers will look at it."))
    return redirect(services.topic_url(topic))


@require_POST
@project_view()
def topic_report(request, project_id, topic_id):
    topic = _topic(request.access, topic_id)
    return _report(request, topic, topic)


@require_POST
@project_view()
def post_report(request, project_id, post_id):
    post = _post(request.access, post_id)
    return _report(request, post, post.topic)
