"""The forum of a project's TwinSpace: thin views over policies and services.

Every view is a `project_view`: the project and the user's access are resolved
once (`request.project`, `request.access`); the forum's own rules about one topic
or post are functions of that access in policies.py.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.errors import Refused
from jumelage.core.policies import forbid_unless, require
from jumelage.core.prepared import Prepared, PreparedShapes
from jumelage.projects.access import project_view
from jumelage.projects.models import Visibility
from jumelage.twinspace.rights import rights_page

from . import pages, policies, services
from .forms import CategoryForm, ModerateForm, PostForm, ReportForm, TopicForm
from .models import Category, Post, Topic

TOPICS_PER_PAGE = 30
REPLIES_PER_PAGE = pages.REPLIES_PER_PAGE


_TOPIC = Prepared(
    lambda topic_id, project_id: Topic.objects.select_related("author", "category").filter(
        pk=topic_id, project_id=project_id
    ),
    topic_id=int,
    project_id=int,
)


def _topic(access, topic_id) -> Topic:
    """The topic, if the reader sees it and views its category; else 404."""
    topic = _TOPIC.first(topic_id=topic_id, project_id=access.project.pk)
    if topic is None:
        raise Http404
    require(policies.can_view_topic(access, topic))
    return topic


def _post(access, post_id) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("topic__category", "author"),
        pk=post_id,
        topic__project=access.project,
    )
    require(access.can_see(post) and policies.can_view_topic(access, post.topic))
    return post


def _category(request, category_id) -> Category:
    """A category of the project the reader may view; else 404."""
    category = get_object_or_404(Category, pk=category_id, project=request.project)
    require(policies.can_view_category(request.access, category))
    return category


_CATEGORIES = PreparedShapes(
    lambda viewable, project_id: (
        Category.objects.filter(project_id=project_id).filter(viewable).order_by("position", "pk")
    ),
    project_id=int,
)


def _categories(access) -> list[Category]:
    """The project's categories the reader may view, in their order (one query)."""
    return _CATEGORIES.list(
        {"viewable": access.viewable_sections(Category)}, project_id=access.project.pk
    )


def _postable(access, categories) -> list:
    """The categories one may post in, "General" (None) first when it is one of them."""
    return [c for c in [None, *categories] if policies.can_post_in(access, c)]


def _form_page(request, template, context, form):
    status = 400 if request.method == "POST" else 200
    context = {"project": request.project, "form": form, **context}
    return render(request, template, context, status=status)


GENERAL = "general"  # ?category=general: the topics without a category


@require_GET
@project_view("can_visit")
def topic_list(request, project_id):
    """The topics, all or those of one category (?category=ID, or "general")."""
    access = request.access
    categories = _categories(access)
    wanted = request.GET.get("category", "")
    current, only = None, Q()
    if wanted == GENERAL:
        require(policies.can_view_category(access, None))
        only = Q(category=None)
    elif wanted.isdigit():
        current = next((c for c in categories if str(c.pk) == wanted), None)
        require(current is not None)
        only = Q(category_id=current.pk)
    topics = pages.topic_rows(access, Q(project_id=access.project.pk), only)
    page = Paginator(topics, TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/topic_list.html",
        {
            "project": access.project,
            "access": access,
            "categories": categories,
            "show_general": bool(categories) and policies.can_view_category(access, None),
            "current": current,
            "general": wanted == GENERAL,
            "can_start_topic": policies.can_start_topic(access)
            and bool(_postable(access, categories)),
            "can_manage_categories": policies.can_manage_categories(access),
            "page": page,
            "topics": page.object_list,
        },
    )


def _render_topic(request, topic, reply_form=None, status=200):
    urls = pages.post_urls("forum", project_id=request.project.pk)
    context = {"project": request.project, **pages.topic_context(request, topic, urls, reply_form)}
    return render(request, "forum/topic_detail.html", context, status=status)


@require_GET
@project_view("can_visit")
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
    choices = _postable(access, _categories(access))
    forbid_unless(bool(choices))
    wanted = request.GET.get("category", "")
    initial = {"category": int(wanted) if wanted.isdigit() and int(wanted) < 2**31 else 0}
    form = TopicForm(request.POST or None, categories=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = services.start_topic(
                access, request.user, data["title"], data["body"], data.get("category")
            )
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
    forbid_unless(policies.may_try_to_reply(access, topic))
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
    data = form.cleaned_data
    moved = {"category": data["category"]} if "category" in form.fields else {}
    try:
        services.edit(request.access, request.user, content, data["body"], title, **moved)
    except Refused as exc:
        form.add_error(None, exc.message)
        return False
    _say_if_pending(request, content)
    return True


def edit_topic(request, topic, draw):
    """Edit a topic, in a project's forum or a group's: the author or a moderator
    (`policies.can_edit`); `draw(form)` draws the owner's form page."""
    access = request.access
    forbid_unless(policies.can_edit(access, topic))
    choices = []
    if policies.can_move_topic(access):
        choices = _postable(access, _categories(access))
    initial = {"title": topic.title, "body": topic.body, "category": topic.category_id or 0}
    form = TopicForm(request.POST or None, categories=choices, initial=initial)
    saved = request.method == "POST" and form.is_valid()
    if saved and _edit(request, topic, form, form.cleaned_data["title"]):
        return redirect(services.topic_url(topic))
    return draw(form)


def edit_post(request, post, draw):
    """Edit a reply, in a project's forum or a group's (as `edit_topic`)."""
    forbid_unless(policies.can_edit(request.access, post))
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid() and _edit(request, post, form):
        return redirect(services.topic_url(post.topic, post))
    return draw(form)


@require_http_methods(["GET", "POST"])
@project_view()
def topic_edit(request, project_id, topic_id):
    topic = _topic(request.access, topic_id)
    context = {"topic": topic}
    return edit_topic(
        request, topic, lambda form: _form_page(request, "forum/topic_form.html", context, form)
    )


@require_http_methods(["GET", "POST"])
@project_view()
def post_edit(request, project_id, post_id):
    post = _post(request.access, post_id)
    context = {"post": post, "topic": post.topic}
    return edit_post(
        request, post, lambda form: _form_page(request, "forum/post_form.html", context, form)
    )


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


# --- Categories: the project's teachers arrange the forum -----------------------


def _categories_url(project) -> str:
    return reverse("forum:categories", kwargs={"project_id": project.pk})


@require_http_methods(["GET", "POST"])
@project_view()
def categories(request, project_id):
    """The categories in their order, with rights and actions, and a form to add one."""
    access = request.access
    forbid_unless(policies.can_manage_categories(access))
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        category = services.save_category(access, data["title"], data["position"])
        messages.success(request, _("Category “%(title)s” created.") % {"title": category.title})
        return redirect(_categories_url(access.project))
    context = {"categories": _categories(access)}
    return _form_page(request, "forum/categories.html", context, form)


@require_http_methods(["GET", "POST"])
@project_view()
def category_edit(request, project_id, category_id):
    """Rename a category or change its position."""
    access = request.access
    category = _category(request, category_id)
    forbid_unless(policies.can_manage_categories(access))
    initial = {"title": category.title, "position": category.position}
    form = CategoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_category(access, data["title"], data["position"], category)
        messages.success(request, _("Your choices are saved."))
        return redirect(_categories_url(access.project))
    return _form_page(request, "forum/category_form.html", {"category": category}, form)


@require_http_methods(["GET", "POST"])
@project_view()
def category_rights(request, project_id, category_id):
    """Who views this category and who posts in it, by role (the wiki's rights form)."""
    category = _category(request, category_id)
    forbid_unless(policies.can_manage_categories(request.access))
    return rights_page(
        request,
        category,
        title=category.title,
        back_url=_categories_url(request.project),
        save=services.set_category_rights,
        saved=_("Who may view and post in this category is saved."),
    )


@require_POST
@project_view()
def category_delete(request, project_id, category_id):
    """Delete a category; its topics move to "General", where every member reads them."""
    category = _category(request, category_id)
    forbid_unless(policies.can_manage_categories(request.access))
    services.delete_category(request.access, category)
    messages.success(request, _("Category “%(title)s” deleted.") % {"title": category.title})
    return redirect(_categories_url(request.project))
