"""Blog views: parse, ask blog.policies, call blog.services, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.policies import forbid_unless, require
from jumelage.core.prepared import PreparedPages, PreparedShapes
from jumelage.projects.access import project_view
from jumelage.projects.models import Visibility
from jumelage.twinspace import services as moderation
from jumelage.twinspace.reporting import can_see_reportable

from . import policies, services
from .forms import BlogSettingsForm, CommentForm, PostForm, ReportForm
from .models import Comment, Post

PAGE_SIZE = 10
SPACE_LAYOUT = "twinspace/space_base.html"
PUBLIC_LAYOUT = "blog/public_base.html"
UNPUBLISHED_SHOWN = 50

# The public reads a public blog without signing in; everything else is for members.
public_view = project_view(policies.can_read_blog, login=False)


def _post(request, post_id) -> Post:
    """A post this reader may read (the public: public posts only), else a 404."""
    post = get_object_or_404(
        Post.objects.select_related("author"), pk=post_id, project=request.project
    )
    post.project = request.project
    require(policies.can_read_post(request.access, post))
    return post


def _fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in ("title", "language", "body", "cover_alt")}


def _unpublished_posts(readable, others_drafts, project_id):
    not_public = ~Q(status=Post.Status.PUBLISHED, visibility=Visibility.PUBLISHED)
    return (
        Post.objects.filter(project_id=project_id)
        .filter(readable)
        .filter(not_public)
        .exclude(others_drafts)
        .select_related("author")[:UNPUBLISHED_SHOWN]
    )


_UNPUBLISHED = PreparedShapes(_unpublished_posts, project_id=int)
_PUBLIC = PreparedPages(
    lambda project_id: Post.objects.public().filter(project_id=project_id).select_related("author"),
    project_id=int,
)


def _unpublished(access) -> list:
    """What a member sees beside the public posts: their drafts, and posts waiting or hidden
    (their own; all of them for teachers), each marked with its state."""
    conditions = {
        "readable": policies.readable_posts(access),
        "others_drafts": Q(status=Post.Status.DRAFT) & ~Q(author_id=access.user_id),
    }
    return _UNPUBLISHED.list(conditions, project_id=access.project.pk)


@require_GET
@public_view
def post_list(request, project_id):
    project, access = request.project, request.access
    page = Paginator(_PUBLIC.rows(project_id=project.pk), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "project": project,
        "page": page,
        "is_member": access.can_view_space,
        "can_write": policies.can_write(access),
        "can_configure": policies.can_configure(access),
        "is_public": policies.is_public(project),
        "layout": _layout(access),
    }
    if access.can_view_space:
        context["unpublished"] = _unpublished(access)
    if context["can_configure"]:
        context["settings_form"] = BlogSettingsForm(initial={"blog_public": project.blog_public})
    return render(request, "blog/post_list.html", context)


def _layout(access) -> str:
    """Members read the blog inside the TwinSpace; the public reads it without its navigation."""
    return SPACE_LAYOUT if access.can_view_space else PUBLIC_LAYOUT


@require_GET
@public_view
def post_detail(request, project_id, post_id):
    access = request.access
    post = _post(request, post_id)
    context = {
        "project": request.project,
        "post": post,
        "is_member": False,
        "is_public": policies.is_public(request.project),
        "layout": _layout(access),
    }
    if access.can_view_space:
        comments = post.comments.filter(access.visible()).select_related("author")
        context.update(
            is_member=True,
            comments=list(comments),
            can_edit=policies.can_edit_post(access, post),
            can_moderate=access.can_moderate,
            can_report=policies.can_report(access),
            can_comment=policies.can_comment(access, post),
            comment_form=CommentForm(),
            report_form=ReportForm(),
        )
    return render(request, "blog/post_detail.html", context)


@require_GET
@public_view
def cover(request, project_id, post_id):
    post = _post(request, post_id)
    if not post.cover:
        raise Http404
    try:
        with post.cover.open("rb") as handle:
            data = handle.read()  # re-encoded, at most 1600 px a side: small
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = "image/png" if post.cover.name.endswith(".png") else "image/jpeg"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = (
        "public, max-age=3600"
        if post.is_public_ready and policies.is_public(post.project)
        else "private"
    )
    return response


@require_http_methods(["GET", "POST"])
@project_view()
def post_create(request, project_id):
    project = request.project
    forbid_unless(policies.can_write(request.access))
    form = PostForm(
        request.POST or None, request.FILES or None, project=project, author=request.user
    )
    if request.method == "POST" and form.is_valid():
        publish = request.POST.get("action") == "publish"
        post = services.create_post(
            request.user,
            project,
            _fields(form),
            form.cleaned_data["cover"],
            publish=publish,
            access=request.access,
        )
        _say_saved(request, post)
        return redirect("blog:post_detail", project_id=project.pk, post_id=post.pk)
    return render(
        request, "blog/post_form.html", {"project": project, "form": form}, status=_status(form)
    )


@require_http_methods(["GET", "POST"])
@project_view()
def post_edit(request, project_id, post_id):
    post = _post(request, post_id)
    forbid_unless(policies.can_edit_post(request.access, post))
    form = PostForm(request.POST or None, request.FILES or None, instance=post)
    if request.method == "POST" and form.is_valid():
        post = services.update_post(
            request.user,
            post,
            _fields(form),
            form.cleaned_data["cover"],
            remove_cover=form.cleaned_data["remove_cover"],
            publish=request.POST.get("action") == "publish",
            access=request.access,
        )
        _say_saved(request, post)
        return redirect("blog:post_detail", project_id=post.project_id, post_id=post.pk)
    return render(
        request,
        "blog/post_form.html",
        {"project": post.project, "form": form, "post": post},
        status=_status(form),
    )


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _say_saved(request, post) -> None:
    if not post.is_published:
        messages.success(request, _("Draft saved. Only you and the project's teachers see it."))
    elif post.visibility == Visibility.PENDING:
        messages.info(request, _("Your post waits for a teacher's approval before it appears."))
    else:
        messages.success(request, _("The post is published."))


@require_POST
@project_view()
def post_publish(request, project_id, post_id):
    post = _post(request, post_id)
    forbid_unless(policies.can_edit_post(request.access, post))
    if not post.is_published:
        services.update_post(request.user, post, {}, publish=True, access=request.access)
    _say_saved(request, post)
    return redirect("blog:post_detail", project_id=post.project_id, post_id=post.pk)


@require_POST
@project_view()
def post_unpublish(request, project_id, post_id):
    post = _post(request, post_id)
    forbid_unless(policies.can_edit_post(request.access, post))
    if post.is_published:
        services.unpublish_post(request.user, post)
    messages.success(request, _("The post is back to draft."))
    return redirect("blog:post_detail", project_id=post.project_id, post_id=post.pk)


@require_POST
@project_view()
def post_delete(request, project_id, post_id):
    post = _post(request, post_id)
    forbid_unless(policies.can_edit_post(request.access, post))
    services.delete_post(request.user, post)
    messages.success(request, _("The post is deleted."))
    return redirect("blog:post_list", project_id=post.project_id)


MODERATION_ACTIONS = {"approve", "hide", "restore"}


@require_POST
@project_view()
def post_moderate(request, project_id, post_id):
    post = _post(request, post_id)
    forbid_unless(request.access.can_moderate)
    action = request.POST.get("action", "")
    if action not in MODERATION_ACTIONS:
        messages.error(request, _("Choose approve, hide or restore."))
        return redirect("blog:post_detail", project_id=post.project_id, post_id=post.pk)
    services.moderate(request.access, post, action)
    messages.success(request, _("Done."))
    return redirect("blog:post_detail", project_id=post.project_id, post_id=post.pk)


@require_POST
@project_view()
def post_report(request, project_id, post_id):
    post = _post(request, post_id)
    forbid_unless(policies.can_report(request.access))
    form = ReportForm(request.POST)
    if form.is_valid():
        moderation.report(request.access, post, form.cleaned_data["reason"])
        messages.success(request, _("Thank you: the project's teachers will look at it."))
    else:
        messages.error(request, _("The reason is too long (1000 characters at most)."))
    return redirect("blog:post_detail", project_id=post.project_id, post_id=post.pk)


@require_POST
@project_view()
def comment_add(request, project_id, post_id):
    post = _post(request, post_id)
    forbid_unless(policies.can_comment(request.access, post))
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "blog/comment_form.html",
            {"project": post.project, "post": post, "comment_form": form},
            status=400,
        )
    comment = services.add_comment(
        request.user, post, form.cleaned_data["body"], access=request.access
    )
    if comment.visibility == Visibility.PENDING:
        messages.info(request, _("Your comment waits for a teacher's approval."))
    return redirect("blog:post_detail", project_id=post.project_id, post_id=post.pk)


def _comment(request, comment_id) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("post"), pk=comment_id, post__project=request.project
    )
    comment.post.project = request.project
    return comment


@require_POST
@project_view()
def comment_moderate(request, project_id, comment_id):
    comment = _comment(request, comment_id)
    forbid_unless(request.access.can_moderate)
    action = request.POST.get("action", "")
    if action in MODERATION_ACTIONS:
        services.moderate(request.access, comment, action)
        messages.success(request, _("Done."))
    else:
        messages.error(request, _("Choose approve, hide or restore."))
    return redirect("blog:post_detail", project_id=project_id, post_id=comment.post_id)


@require_POST
@project_view()
def comment_report(request, project_id, comment_id):
    comment = _comment(request, comment_id)
    require(can_see_reportable(request.access, comment))  # one rule for every report
    forbid_unless(policies.can_report(request.access))
    form = ReportForm(request.POST)
    if form.is_valid():
        moderation.report(request.access, comment, form.cleaned_data["reason"])
        messages.success(request, _("Thank you: the project's teachers will look at it."))
    else:
        messages.error(request, _("The reason is too long (1000 characters at most)."))
    return redirect("blog:post_detail", project_id=project_id, post_id=comment.post_id)


@require_POST
@project_view()
def blog_settings(request, project_id):
    project = request.project
    forbid_unless(policies.can_configure(request.access))
    form = BlogSettingsForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    services.set_blog_public(request.user, project, form.cleaned_data.get("blog_public", False))
    if project.blog_public:
        messages.success(request, _("The blog is public: anyone may read its published posts."))
    else:
        messages.success(request, _("The blog is now for the project's members only."))
    return redirect("blog:post_list", project_id=project.pk)
