"""The project's pages: tree, page, edit with revisions, history, diff, restore. Thin views.

Every view is a `project_view`: the project and the reader's access are resolved once
(`request.project`, `request.access`); what a reader may see is `access.visible()`.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.policies import forbid_unless, require
from jumelage.core.prepared import Prepared, PreparedShapes
from jumelage.core.reversing import ROW, row_url
from jumelage.projects.access import project_view
from jumelage.projects.models import Visibility
from jumelage.twinspace.rights import rights_page

from . import policies, services, tree
from .diff import diff_lines, diff_revisions, text_lines
from .forms import DiffForm, PageForm, RestoreForm
from .models import Page, PageEdit, Revision

TREE_PER_PAGE = 100


def _visible_pages(request):
    access = request.access
    return Page.objects.filter(project=request.project).filter(
        access.visible(), access.viewable_sections(Page)
    )


_TREE_ROWS = PreparedShapes(
    lambda visible, viewable, project_id: (
        Page.objects.filter(project_id=project_id)
        .filter(visible, viewable)
        .values_list("id", "parent_id", "title", "visibility", "archived_at")
    ),
    project_id=int,
)
_PAGE = Prepared(
    lambda page_id, project_id: Page.objects.filter(pk=page_id, project_id=project_id),
    page_id=int,
    project_id=int,
)


def _page(request, page_id) -> Page:
    page = _PAGE.first(page_id=page_id, project_id=request.project.pk)
    if page is None:
        raise Http404
    page.project = request.project
    require(policies.can_view_page(request.access, page))
    return page


def _tree_entries(request) -> list[tree.Entry]:
    """The pages the reader sees, in order, as the tree shows them (address reversed once)."""
    access = request.access
    url = row_url("wiki:detail", project_id=request.project.pk, page_id=ROW)
    rows = _TREE_ROWS.list(
        {"visible": access.visible(), "viewable": access.viewable_sections(Page)},
        project_id=request.project.pk,
    )
    return [
        tree.Entry(pk, parent_id, title, visibility, archived_at is not None, url.format(pk))
        for pk, parent_id, title, visibility, archived_at in rows
    ]


@require_GET
@project_view("can_visit")
def index(request, project_id):
    pages = _tree_entries(request)
    listing = tree.tree_page(pages, TREE_PER_PAGE, request.GET.get("page") or 1)
    return render(
        request,
        "wiki/index.html",
        {
            "project": request.project,
            "tree": listing.nodes,
            "page": listing,
            "may_edit": policies.can_edit_pages(request.access),
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
@project_view("can_visit")
def detail(request, project_id, page_id):
    access = request.access
    page = _page(request, page_id)
    pages = _tree_entries(request)
    listing = tree.tree_page(pages, TREE_PER_PAGE, request.GET.get("page"), current=page)
    return render(
        request,
        "wiki/detail.html",
        {
            "project": request.project,
            "page": page,
            "trail": tree.trail(page, pages),
            "children": [p for p in pages if p.parent_id == page.pk],
            "tree": listing.nodes,
            "tree_page": listing,
            "may_edit": policies.can_edit_page(access, page),
            "may_delete": policies.can_delete_page(access),
            "may_set_rights": policies.can_set_rights(access, page),
            "may_moderate": access.can_moderate,
            "pending_edits": _with_changes(page, services.pending_edits(page, access)),
        },
    )


def _parents(request, page=None):
    pages = _visible_pages(request)
    if page is not None:
        everything = Page.objects.filter(project=request.project).only("id", "parent_id")
        pages = pages.exclude(pk__in=tree.descendant_ids(page, everything) | {page.pk})
    return pages.order_by("title")


@require_http_methods(["GET", "POST"])
@project_view()
def create(request, project_id):
    project = request.project
    forbid_unless(policies.can_edit_pages(request.access))
    parents = _parents(request)
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
                access=request.access,
            )
            if page.visibility == Visibility.PENDING:
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


def _initial(page) -> dict:
    return {
        "title": page.title,
        "body": page.body,
        "parent": page.parent_id,
        "position": page.position,
        "version": page.version,
    }


def _kept(form, saved, parents) -> PageForm:
    """The user's text again, now based on the saved version, so the next save may succeed."""
    posted = form.data.copy()
    posted["version"] = str(saved.version)
    if "body" in form.cleaned_data:
        posted["body"] = form.cleaned_data["body"]
    version_error = form.errors.get("version")
    kept = PageForm(posted, parents=parents, editing=True)
    kept.is_valid()
    if version_error:
        kept.add_error(None, version_error)
    return kept


def _save(request, page, form):
    """(response, saved page shown beside the user's text, status)."""
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
            access=request.access,
        )
    except services.EditConflict as exc:
        return None, exc.page, 409
    _said_saved(request, result)
    return redirect(page.get_absolute_url()), None, 200


@require_http_methods(["GET", "POST"])
@project_view()
def edit(request, project_id, page_id):
    page = _page(request, page_id)
    forbid_unless(policies.can_edit_page(request.access, page))
    parents = _parents(request, page)
    saved, status = None, 200  # `saved`: the page as saved, when we cannot save the user's text
    if request.method != "POST":
        form = PageForm(parents=parents, editing=True, initial=_initial(page))
    else:
        form = PageForm(request.POST, parents=parents, editing=True)
        if form.is_valid():
            response, saved, status = _save(request, page, form)
            if response is not None:
                return response
        else:
            # Without a valid version we cannot know what the text was based on.
            saved, status = (page if "version" in form.errors else None), 400
        if saved is not None:
            form = _kept(form, saved, parents)
    context = {
        "project": request.project,
        "form": form,
        "page": page,
        "conflict": saved if status == 409 else None,
        "current": saved if status == 400 else None,
    }
    return render(request, "wiki/edit.html", context, status=status)


def _history(request, page, status=200):
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
            "project": request.project,
            "page": page,
            "revisions": listing,
            "may_edit": policies.can_edit_page(request.access, page),
        },
        status=status,
    )


@require_GET
@project_view()
def history(request, project_id, page_id):
    return _history(request, _page(request, page_id))


@require_GET
@project_view()
def revision(request, project_id, page_id, number):
    page = _page(request, page_id)
    rev = get_object_or_404(Revision.objects.select_related("author"), page=page, number=number)
    return render(
        request,
        "wiki/revision.html",
        {
            "project": request.project,
            "page": page,
            "revision": rev,
            "may_edit": policies.can_edit_page(request.access, page),
        },
    )


@require_GET
@project_view()
def diff(request, project_id, page_id):
    page = _page(request, page_id)
    form = DiffForm(request.GET)
    if not form.is_valid():
        # Not a revision number (or far beyond any): say so on the history, never a 500.
        messages.error(request, _("Please choose two revisions of this page to compare."))
        return _history(request, page, status=400)
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
            "project": request.project,
            "page": page,
            "old": old,
            "new": new,
            "diff": diff_revisions(old, new),
        },
    )


@require_POST
@project_view()
def restore(request, project_id, page_id, number):
    page = _page(request, page_id)
    forbid_unless(policies.can_edit_page(request.access, page))
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
        return redirect("wiki:history", project_id=project_id, page_id=page.pk)
    try:
        result = services.restore_revision(
            page, request.user, rev, form.cleaned_data["version"], access=request.access
        )
    except services.EditConflict:
        messages.error(
            request,
            _(
                "Someone saved this page while you were reading its history; nothing was "
                "restored. Look at the latest version, then restore again if you still want to."
            ),
        )
        return redirect("wiki:history", project_id=project_id, page_id=page.pk)
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
@project_view()
def delete(request, project_id, page_id):
    page = _page(request, page_id)
    forbid_unless(policies.can_delete_page(request.access))
    services.delete_page(request.user, page)
    messages.success(request, _("The page “%(title)s” is deleted.") % {"title": page.title})
    return redirect("wiki:index", project_id=project_id)


@require_http_methods(["GET", "POST"])
@project_view()
def rights(request, project_id, page_id):
    """Who views and edits this page, by role; teachers also open it to visitors, archive it."""
    page = _page(request, page_id)
    forbid_unless(policies.can_set_rights(request.access, page))
    return rights_page(
        request,
        page,
        title=page.title,
        back_url=page.get_absolute_url(),
        save=services.set_rights,
        saved=_("Who may view and edit this page is saved."),
        archive=True,
    )
