"""The forum of a project's TwinSpace: thin views over policies and services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.policies import forbid_unless, require
from jumelage.projects.models import Project, Visibility

from . import policies, services
from .forms import ModerateForm, PostForm, ReportForm, TopicForm
from .models import Follow, Post, Topic

TOPICS_PER_PAGE = 30


def _space(request, project_id):
    project = get_object_or_404(Project, pk=project_id)
    access = policies.access(request.user, project)
    require(access.can_view)
    return project, access


def _topic(project, access, topic_id) -> Topic:
    topic = get_object_or_404(Topic.objects.select_related("author"), pk=topic_id, project=project)
    require(access.can_see(topic))
    return topic


def _post(project, access, post_id) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("topic", "author"), pk=post_id, topic__project=project
    )
    require(access.can_see(post) and access.can_see(post.topic))
    return post


def _visible(queryset, access):
    condition = access.visible()
    return queryset if condition is None else queryset.filter(condition)


@require_GET
def topic_list(request, project_id):
    project, access = _space(request, project_id)
    topics = (
        _visible(Topic.objects.filter(project=project), access)
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
        {"project": project, "access": access, "page": page, "topics": page.object_list},
    )


def _render_topic(request, project, access, topic, reply_form=None, status=200):
    posts = list(_visible(Post.objects.filter(topic=topic), access).select_related("author"))
    topic.anchor = "topic"
    for post in posts:
        post.anchor = f"post-{post.pk}"
    for content in [topic, *posts]:
        content.may_edit = access.can_edit(content)
        content.may_report = access.can_report(content)
    following = (
        access.can_follow() and Follow.objects.filter(topic=topic, user=request.user).exists()
    )
    context = {
        "project": project,
        "access": access,
        "topic": topic,
        "posts": posts,
        "following": following,
        "can_reply": access.can_reply(topic),
        "reply_form": reply_form or PostForm(),
        "report_form": ReportForm(),
    }
    return render(request, "forum/topic_detail.html", context, status=status)


@require_GET
def topic_detail(request, project_id, topic_id):
    project, access = _space(request, project_id)
    topic = _topic(project, access, topic_id)
    return _render_topic(request, project, access, topic)


@require_http_methods(["GET", "POST"])
def topic_create(request, project_id):
    project, access = _space(request, project_id)
    forbid_unless(access.can_start_topic())
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        topic = services.start_topic(
            project, request.user, form.cleaned_data["title"], form.cleaned_data["body"]
        )
        _say_if_pending(request, topic)
        return redirect(services.topic_url(topic))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "forum/topic_form.html",
        {"project": project, "form": form, "topic": None},
        status=status,
    )


def _say_if_pending(request, content):
    if content.visibility == Visibility.PENDING:
        messages.info(
            request, _("Your message will be shown once a teacher of the project approves it.")
        )
    else:
        messages.success(request, _("Your message is published."))


@require_POST
def reply(request, project_id, topic_id):
    project, access = _space(request, project_id)
    topic = _topic(project, access, topic_id)
    form = PostForm(request.POST)
    if topic.locked and access.can_contribute and not access.can_reply(topic):
        # Locked while the pupil was writing: keep the text on screen, say why.
        form.is_valid()
        form.add_error(None, _("This topic is locked: it takes no more replies."))
        return _render_topic(request, project, access, topic, reply_form=form, status=403)
    forbid_unless(access.can_reply(topic))
    if not form.is_valid():
        return _render_topic(request, project, access, topic, reply_form=form, status=400)
    post = services.reply(topic, request.user, form.cleaned_data["body"])
    _say_if_pending(request, post)
    return redirect(services.topic_url(topic, post))


@require_http_methods(["GET", "POST"])
def topic_edit(request, project_id, topic_id):
    project, access = _space(request, project_id)
    topic = _topic(project, access, topic_id)
    forbid_unless(access.can_edit(topic))
    initial = {"title": topic.title, "body": topic.body}
    form = TopicForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.edit(
            request.user, project, topic, form.cleaned_data["body"], form.cleaned_data["title"]
        )
        _say_if_pending(request, topic)
        return redirect(services.topic_url(topic))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "forum/topic_form.html",
        {"project": project, "form": form, "topic": topic},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def post_edit(request, project_id, post_id):
    project, access = _space(request, project_id)
    post = _post(project, access, post_id)
    forbid_unless(access.can_edit(post))
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        services.edit(request.user, project, post, form.cleaned_data["body"])
        _say_if_pending(request, post)
        return redirect(services.topic_url(post.topic, post))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "forum/post_form.html",
        {"project": project, "form": form, "post": post, "topic": post.topic},
        status=status,
    )


@require_POST
def topic_sticky(request, project_id, topic_id):
    project, access = _space(request, project_id)
    topic = _topic(project, access, topic_id)
    forbid_unless(access.can_manage_topic())
    services.set_flags(request.user, topic, sticky=not topic.sticky)
    messages.success(
        request, _("The topic is pinned.") if topic.sticky else _("The topic is unpinned.")
    )
    return redirect(services.topic_url(topic))


@require_POST
def topic_lock(request, project_id, topic_id):
    project, access = _space(request, project_id)
    topic = _topic(project, access, topic_id)
    forbid_unless(access.can_manage_topic())
    services.set_flags(request.user, topic, locked=not topic.locked)
    messages.success(
        request, _("The topic is locked.") if topic.locked else _("The topic is open again.")
    )
    return redirect(services.topic_url(topic))


@require_POST
def topic_follow(request, project_id, topic_id):
    project, access = _space(request, project_id)
    topic = _topic(project, access, topic_id)
    forbid_unless(access.can_follow())
    if services.toggle_follow(topic, request.user):
        messages.success(request, _("You follow this topic: you will hear of new replies."))
    else:
        messages.success(request, _("You no longer follow this topic."))
    return redirect(services.topic_url(topic))


def _moderate(request, project, access, content, topic):
    forbid_unless(access.can_moderate_content(content))
    form = ModerateForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose to publish or to hide."))
    services.moderate(request.user, project, content, form.cleaned_data["visibility"])
    if content.visibility == Visibility.PUBLISHED:
        messages.success(request, _("The message is published."))
    else:
        messages.success(request, _("The message is hidden from pupils and guests."))
    return redirect(services.topic_url(topic))


@require_POST
def topic_moderate(request, project_id, topic_id):
    project, access = _space(request, project_id)
    topic = _topic(project, access, topic_id)
    return _moderate(request, project, access, topic, topic)


@require_POST
def post_moderate(request, project_id, post_id):
    project, access = _space(request, project_id)
    post = _post(project, access, post_id)
    return _moderate(request, project, access, post, post.topic)


def _report(request, project, access, content, topic):
    forbid_unless(access.can_report(content))
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect(services.topic_url(topic))
    services.report(request.user, project, content, form.cleaned_data["reason"])
    messages.success(request, _("Thank you: the project's teachers will look at it."))
    return redirect(services.topic_url(topic))


@require_POST
def topic_report(request, project_id, topic_id):
    project, access = _space(request, project_id)
    topic = _topic(project, access, topic_id)
    return _report(request, project, access, topic, topic)


@require_POST
def post_report(request, project_id, post_id):
    project, access = _space(request, project_id)
    post = _post(project, access, post_id)
    return _report(request, project, access, post, post.topic)
