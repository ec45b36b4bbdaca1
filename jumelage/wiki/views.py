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
from .diff import diff_lines, diff_revisions, text_lines
from .forms import DiffForm, PageForm, RestoreForm
from .models import Page, PageEdit, Revision


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


def _with_changes(page, edits) -> list:
    """Each proposed edit with its difference from the page as it is now."""
    edits = list(edits)
    current = text_lines(page.body)
    for edit in edits:
        edit.changes = {
            "title": diff_lines([page.title], [edit.title]) if edit.title != page.title else [],
            "body": diff_lines(current, text_lines(edit.body)),
        }
        edit.page = page
    return edits


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
            "pending_edits": _with_changes(page, services.pending_edits(page, request.user)),
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


def _said_saved(request, result) -> None:
    if result is None:
        messages.info(request, _("Nothing changed: no new revision."))
    elif isinstance(result, PageEdit):
        messages.success(
            request,
            _("Your changes are saved; a teacher will approve them before the page changes."),
        )
    else:
        messages.success(request, _("The page is saved."))


@require_http_methods(["GET", "POST"])
def edit(request, project_id, page_id):
    project = get_space(request, project_id)
    page = _page(request, project, page_id)
    forbid_unless(policies.can_edit_page(request.user, page))
    parents = _parents(request.user, project, page)
    saved = None  # the page as saved, shown beside the user's text when we cannot save it
    status = 200
    if request.method == "POST":
        form = PageForm(request.POST, parents=parents, editing=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.save_page(
                    page,
                    request.user,
                    title=data["title"],
                    body=data["body"],
                    base_version=data["version"],
                    parent=data["parent"],
                    position=data["position"],
                )
            except services.EditConflict as exc:
                saved, status = exc.page, 409
            else:
                _said_saved(request, result)
                return redirect(page.get_absolute_url())
        else:
            status = 400
            if "version" in form.errors:
                # No valid version: we cannot know what the text was based on.
                saved = page
        if saved is not None:
            # Keep what the user wrote; the next save starts from the saved version.
            posted = request.POST.copy()
            posted["version"] = str(saved.version)
            if "body" in form.cleaned_data:
                posted["body"] = form.cleaned_data["body"]
            version_error = form.errors.get("version")
            form = PageForm(posted, parents=parents, editing=True)
            form.is_valid()
            if version_error:
                form.add_error(None, version_error)
    else:
        form = PageForm(
            parents=parents,
            editing=True,
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
        {
            "project": project,
            "form": form,
            "page": page,
            "conflict": saved if status == 409 else None,
            "current": saved if status == 400 else None,
        },
        status=status,
    )


def _history(request, project, page, status=200):
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
        status=status,
    )


@require_GET
def history(request, project_id, page_id):
    project = get_space(request, project_id)
    page = _page(request, project, page_id)
    return _history(request, project, page)


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
        # Not a revision number (or far beyond any): say so on the history, never a 500.
        messages.error(request, _("Please choose two revisions of this page to compare."))
        return _history(request, project, page, status=400)
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
    form = RestoreForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _(
                "We could not tell which version of the page you were reading, so nothing "
                "was restored. Look at the history again, then restore."
            ),
        )
        return redirect("wiki:history", project_id=project.pk, page_id=page.pk)
    try:
        result = services.restore_revision(page, request.user, rev, form.cleaned_data["version"])
    except services.EditConflict:
        messages.error(
            request,
            _(
                "Someone saved this page while you were reading its history; nothing was "
                "restored. Look at the latest version, then restore again if you still want to."
            ),
        )
        return redirect("wiki:history", project_id=project.pk, page_id=page.pk)
    if isinstance(result, PageEdit):
        messages.success(
            request,
            _(
                "Restoring revision %(number)s is proposed; a teacher will approve it before "
                "the page changes."
            )
            % {"number": rev.number},
        )
    else:
        messages.success(
            request,
            _("Revision %(number)s is restored as a new revision.") % {"number": rev.number},
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
