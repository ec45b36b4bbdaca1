"""The project's pages: tree, page, edit with revisions, history, diff, restore. Thin views."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.policies import forbid_unless, require
from jumelage.twinspace.views import get_space

from . import policies, services
from .diff import diff_revisions
from .forms import DiffForm, PageForm
from .models import Page, Revision


def _visible_pages(user, project):
    pages = Page.objects.filter(project=project)
    if not policies.sees_unpublished(user, project):
        pages = pages.filter(Q(visibility="published") | Q(author_id=user.pk))
    return pages


def _tree(pages) -> list[dict]:
    """Nest pages under their parents; a page whose parent is not visible shows at the top."""
    nodes = {p.pk: {"page": p, "children": []} for p in pages}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node["page"].parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots


def _descendant_ids(page, pages) -> set[int]:
    children = {}
    for p in pages:
        children.setdefault(p.parent_id, []).append(p.pk)
    found, todo = set(), [page.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _page(request, project, page_id) -> Page:
    page = get_object_or_404(Page, pk=page_id, project=project)
    page.project = project
    require(policies.can_view_page(request.user, page))
    return page


@require_GET
def index(request, project_id):
    project = get_space(request, project_id)
    require(policies.can_view_pages(request.user, project))
    pages = list(
        _visible_pages(request.user, project).only(
            "id", "title", "parent_id", "position", "visibility", "project_id"
        )
    )
    return render(
        request,
        "wiki/index.html",
        {
            "project": project,
            "tree": _tree(pages),
            "may_edit": policies.can_edit_pages(request.user, project),
        },
    )


@require_GET
def detail(request, project_id, page_id):
    project = get_space(request, project_id)
    page = _page(request, project, page_id)
    pages = list(
        _visible_pages(request.user, project).only(
            "id", "title", "parent_id", "position", "visibility", "project_id"
        )
    )
    by_id = {p.pk: p for p in pages}
    trail, parent = [], by_id.get(page.parent_id)
    while parent is not None and parent not in trail:
        trail.insert(0, parent)
        parent = by_id.get(parent.parent_id)
    return render(
        request,
        "wiki/detail.html",
        {
            "project": project,
            "page": page,
            "trail": trail,
            "children": [p for p in pages if p.parent_id == page.pk],
            "tree": _tree(pages),
            "may_edit": policies.can_edit_page(request.user, page),
            "may_delete": policies.can_delete_page(request.user, page),
            "may_moderate": policies.can_moderate_pages(request.user, project),
        },
    )


def _parents(user, project, page=None):
    pages = _visible_pages(user, project)
    if page is not None:
        excluded = _descendant_ids(
            page, Page.objects.filter(project=project).only("id", "parent_id")
        )
        pages = pages.exclude(pk__in=excluded | {page.pk})
    return pages.order_by("title")


@require_http_methods(["GET", "POST"])
def create(request, project_id):
    project = get_space(request, project_id)
    forbid_unless(policies.can_edit_pages(request.user, project))
    parents = _parents(request.user, project)
    if request.method == "POST":
        form = PageForm(request.POST, parents=parents)
        if form.is_valid():
            data = form.cleaned_data
            page = services.create_page(
                project,
                request.user,
                data["title"],
                data["body"],
                parent=data["parent"],
                position=data["position"],
            )
            if page.visibility == "pending":
                messages.success(request, _("The page is saved; a teacher will approve it."))
            else:
                messages.success(request, _("The page is created."))
            return redirect(page.get_absolute_url())
        status = 400
    else:
        form = PageForm(parents=parents, initial={"parent": request.GET.get("parent") or None})
        status = 200
    return render(
        request, "wiki/edit.html", {"project": project, "form": form, "page": None}, status=status
    )


@require_http_methods(["GET", "POST"])
def edit(request, project_id, page_id):
    project = get_space(request, project_id)
    page = _page(request, project, page_id)
    forbid_unless(policies.can_edit_page(request.user, page))
    parents = _parents(request.user, project, page)
    conflict = None
    status = 200
    if request.method == "POST":
        form = PageForm(request.POST, parents=parents)
        if form.is_valid():
            data = form.cleaned_data
            try:
                revision = services.save_page(
                    page,
                    request.user,
                    title=data["title"],
                    body=data["body"],
                    base_version=data["version"] or page.version,
                    parent=data["parent"],
                    position=data["position"],
                )
            except services.EditConflict as exc:
                # Keep what the user wrote; the next save starts from the saved version.
                conflict = exc.page
                posted = request.POST.copy()
                posted["version"] = str(conflict.version)
                posted["body"] = data["body"]
                form = PageForm(posted, parents=parents)
                form.is_valid()
                status = 409
            else:
                if revision is None:
                    messages.info(request, _("Nothing changed: no new revision."))
                else:
                    messages.success(request, _("The page is saved."))
                return redirect(page.get_absolute_url())
        else:
            status = 400
    else:
        form = PageForm(
            parents=parents,
            initial={
                "title": page.title,
                "body": page.body,
                "parent": page.parent_id,
                "position": page.position,
                "version": page.version,
            },
        )
    return render(
        request,
        "wiki/edit.html",
        {"project": project, "form": form, "page": page, "conflict": conflict},
        status=status,
    )


@require_GET
def history(request, project_id, page_id):
    project = get_space(request, project_id)
    page = _page(request, project, page_id)
    revisions = (
        Revision.objects.filter(page=page)
        .select_related("author")
        .only("number", "title", "created_at", "restored_from", "author__display_name", "page_id")
    )
    listing = Paginator(revisions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "wiki/history.html",
        {
            "project": project,
            "page": page,
            "revisions": listing,
            "may_edit": policies.can_edit_page(request.user, page),
        },
    )


@require_GET
def revision(request, project_id, page_id, number):
    project = get_space(request, project_id)
    page = _page(request, project, page_id)
    rev = get_object_or_404(Revision.objects.select_related("author"), page=page, number=number)
    return render(
        request,
        "wiki/revision.html",
        {
            "project": project,
            "page": page,
            "revision": rev,
            "may_edit": policies.can_edit_page(request.user, page),
        },
    )


@require_GET
def diff(request, project_id, page_id):
    project = get_space(request, project_id)
    page = _page(request, project, page_id)
    form = DiffForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Please choose two revisions of this page to compare."))
        return redirect("wiki:history", project_id=project.pk, page_id=page.pk)
    new_number = form.cleaned_data["new"] or page.version
    old_number = form.cleaned_data["old"] or max(new_number - 1, 1)
    old_number, new_number = sorted((old_number, new_number))
    revs = {
        r.number: r
        for r in Revision.objects.filter(
            page=page, number__in=[old_number, new_number]
        ).select_related("author")
    }
    require(old_number in revs and new_number in revs)
    old, new = revs[old_number], revs[new_number]
    return render(
        request,
        "wiki/diff.html",
        {
            "project": project,
            "page": page,
            "old": old,
            "new": new,
            "diff": diff_revisions(old, new),
        },
    )


@require_POST
def restore(request, project_id, page_id, number):
    project = get_space(request, project_id)
    page = _page(request, project, page_id)
    forbid_unless(policies.can_edit_page(request.user, page))
    rev = get_object_or_404(Revision, page=page, number=number)
    try:
        base = int(request.POST.get("version") or page.version)
    except ValueError:
        base = page.version
    try:
        services.restore_revision(page, request.user, rev, base)
    except services.EditConflict:
        messages.error(
            request,
            _(
                "Someone saved this page while you were reading its history; nothing was "
                "restored. Look at the latest version, then restore again if you still want to."
            ),
        )
        return redirect("wiki:history", project_id=project.pk, page_id=page.pk)
    messages.success(
        request, _("Revision %(number)s is restored as a new revision.") % {"number": rev.number}
    )
    return redirect(page.get_absolute_url())


@require_POST
def delete(request, project_id, page_id):
    project = get_space(request, project_id)
    page = _page(request, project, page_id)
    forbid_unless(policies.can_delete_page(request.user, page))
    services.delete_page(request.user, page)
    messages.success(request, _("The page “%(title)s” is deleted.") % {"title": page.title})
    return redirect("wiki:index", project_id=project.pk)
