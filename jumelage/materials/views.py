"""The library of a project's TwinSpace: thin views over policies and services.

Every view is a `project_view`: the project and the user's access are resolved
once (`request.project`, `request.access`); the library's own rules about one
file or folder are functions of that access in policies.py.
"""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.accounts.models import name_columns
from jumelage.core.errors import Refused
from jumelage.core.files import send_file
from jumelage.core.policies import forbid_unless, require
from jumelage.core.prepared import PreparedPages, PreparedShapes
from jumelage.core.reversing import ROW, row_url
from jumelage.projects.access import project_view
from jumelage.twinspace.rights import rights_page

from . import policies, services
from .forms import FolderForm, UploadForm
from .models import Folder, Item

PICKER_LIMIT = 200
ITEMS_PER_PAGE = 50


def _folder(request, folder_id) -> Folder | None:
    """The folder the reader may view (its rights by role), or None for the top; else 404."""
    folder = None
    if folder_id is not None:
        folder = get_object_or_404(
            Folder.objects.select_related("parent"), pk=folder_id, project=request.project
        )
    require(policies.can_view_folder(request.access, folder))
    return folder


def _item(request, item_id, **filters) -> Item:
    item = get_object_or_404(
        Item.objects.select_related("folder"), pk=item_id, project=request.project, **filters
    )
    require(policies.can_view_item(request.access, item))
    return item


def _folder_url(project, folder) -> str:
    if folder is None:
        return reverse("materials:index", kwargs={"project_id": project.pk})
    return reverse("materials:folder", kwargs={"project_id": project.pk, "folder_id": folder.pk})


def _files(project_id, **folder):
    """A folder's files (or the root's), as the columns the rows show (file_rows, the
    album), not every field of the files and their uploaders: on every library visit."""
    return (
        Item.objects.filter(project_id=project_id, **folder)
        .select_related("uploaded_by")
        .only(
            "project_id", "folder_id", "name", "kind", "size", "uploaded_by_id",
            *name_columns("uploaded_by__"), "uploaded_by__kind",
        )
        .order_by("name", "pk")
    )  # fmt: skip


_ROOT_FILES = PreparedPages(lambda project_id: _files(project_id, folder=None), project_id=int)
_FOLDER_FILES = PreparedPages(
    lambda project_id, folder_id: _files(project_id, folder_id=folder_id),
    project_id=int,
    folder_id=int,
)


def _render_folder(request, folder, folder_form=None, status=200):
    project, access = request.project, request.access
    if folder is None:
        listing = _ROOT_FILES.rows(project_id=project.pk)
    else:
        listing = _FOLDER_FILES.rows(project_id=project.pk, folder_id=folder.pk)
    # A page of files at a time: a library of thousands renders in bounded time.
    page = Paginator(listing, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    urls = {
        name: row_url(f"materials:{name}", project.pk, ROW)
        for name in ("download", "thumbnail", "item_delete")
    }
    for item in items:
        item.may_delete = policies.can_delete_item(access, item)
        item.download_url = urls["download"].format(item.pk)
        item.thumbnail_url = urls["thumbnail"].format(item.pk)
        item.delete_url = urls["item_delete"].format(item.pk)
    context = {
        "project": project,
        "folder": folder,
        "parent": folder.parent if folder else None,
        "folders": _SUB_FOLDERS.list(
            {
                "viewable": access.viewable_sections(Folder),
                "parent": Q(parent_id=folder.pk if folder else None),
            },
            project_id=project.pk,
        ),
        "items": items,
        "page": page,
        "can_upload": policies.can_upload(access, folder),
        "may_set_rights": folder is not None and policies.can_set_rights(access, folder),
        "may_delete_folder": folder is not None and policies.can_delete_folder(access, folder),
        "upload_form": UploadForm(initial={"upload_key": uuid.uuid4()}),
        "folder_form": folder_form or FolderForm(),
        "usage": services.project_usage(project),
        "quota": services.settings.JUMELAGE_PROJECT_QUOTA,
        "max_file_size": services.settings.JUMELAGE_MAX_FILE_SIZE,
    }
    return render(request, "materials/index.html", context, status=status)


_SUB_FOLDERS = PreparedShapes(
    lambda viewable, parent, project_id: (
        Folder.objects.filter(project_id=project_id)
        .filter(parent)
        .filter(viewable)
        .order_by("name")
    ),
    project_id=int,
)


@require_GET
@project_view("can_visit")
def index(request, project_id, folder_id=None):
    if request.access.is_visitor and folder_id is None:
        return _visitor_index(request)
    return _render_folder(request, _folder(request, folder_id))


def _visitor_index(request):
    """A visitor's library: the folders opened to visitors, wherever they are."""
    project, access = request.project, request.access
    folders = Folder.objects.filter(project=project).filter(access.viewable_sections(Folder))
    context = {"project": project, "folders": folders.order_by("name")}
    return render(request, "materials/visitor_index.html", context)


@require_http_methods(["GET", "POST"])
@project_view()
def folder_rights(request, project_id, folder_id):
    """Who views this folder and who adds to it, by role."""
    folder = _folder(request, folder_id)
    forbid_unless(policies.can_set_rights(request.access, folder))
    return rights_page(
        request,
        folder,
        title=folder.name,
        back_url=_folder_url(request.project, folder),
        save=services.set_rights,
        saved=_("Who may view and add to this folder is saved."),
    )


@require_POST
@project_view()
def folder_create(request, project_id, folder_id=None):
    project, access = request.project, request.access
    parent = _folder(request, folder_id)
    forbid_unless(policies.can_upload(access, parent))
    form = FolderForm(request.POST)
    if not form.is_valid():
        return _render_folder(request, parent, folder_form=form, status=400)
    try:
        folder = services.create_folder(
            project, request.user, form.cleaned_data["name"], parent, form.cleaned_data["is_album"]
        )
    except Refused as exc:
        form.add_error(None, exc.message)
        return _render_folder(request, parent, folder_form=form, status=400)
    messages.success(request, _("Folder “%(name)s” created.") % {"name": folder.name})
    return redirect(_folder_url(project, folder))


@require_POST
@project_view()
def folder_delete(request, project_id, folder_id):
    project, access = request.project, request.access
    folder = _folder(request, folder_id)
    forbid_unless(policies.can_delete_folder(access, folder))
    try:
        services.delete_folder(request.user, folder)
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect(_folder_url(project, folder))
    messages.success(request, _("Folder “%(name)s” deleted.") % {"name": folder.name})
    return redirect(_folder_url(project, folder.parent))


@require_POST
@project_view()
def upload(request, project_id, folder_id=None):
    """Several files at once; each is accepted or refused on its own, with its reason."""
    project, access = request.project, request.access
    folder = _folder(request, folder_id)
    forbid_unless(policies.can_upload(access, folder))
    wants_json = request.headers.get("X-Requested-With") == "XMLHttpRequest"
    form = UploadForm(request.POST, request.FILES)
    results = []
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        results.append({"name": "", "ok": False, "message": " ".join(errors)})
    else:
        for uploaded, key in form.file_keys():
            try:
                item = services.store_upload(project, request.user, uploaded, folder, key)
            except Refused as exc:
                results.append({"name": uploaded.name, "ok": False, "message": str(exc.message)})
            else:
                done = (
                    _("“%(name)s” was already added.")
                    if item.was_already_stored
                    else _("“%(name)s” added.")
                )
                results.append(
                    {
                        "name": item.name,
                        "ok": True,
                        "message": done % {"name": item.name},
                        "url": reverse(
                            "materials:download",
                            kwargs={"project_id": project.pk, "item_id": item.pk},
                        ),
                    }
                )
    accepted = any(r["ok"] for r in results)
    if wants_json:
        return JsonResponse({"results": results}, status=200 if accepted else 400)
    for result in results:
        (messages.success if result["ok"] else messages.error)(request, result["message"])
    return redirect(_folder_url(project, folder))


@require_POST
@project_view()
def item_delete(request, project_id, item_id):
    project, access = request.project, request.access
    item = _item(request, item_id)
    forbid_unless(policies.can_delete_item(access, item))
    folder_id = item.folder_id
    services.delete_item(request.user, item)
    messages.success(request, _("“%(name)s” deleted.") % {"name": item.name})
    if folder_id:
        return redirect("materials:folder", project_id=project.pk, folder_id=folder_id)
    return redirect("materials:index", project_id=project.pk)


def _serve(item: Item, field, inline: bool) -> HttpResponse:
    """After the policy check: nginx sends the file when it can (core.files)."""
    content_type = item.content_type
    if field is item.thumbnail:
        content_type = "image/png" if field.name.endswith(".png") else "image/jpeg"
    response = send_file(field, filename=item.name, content_type=content_type, inline=inline)
    # Even if a browser tried to render it as a document, nothing in it could run.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@project_view("can_visit")
def download(request, project_id, item_id):
    """Files only reach users through here: policy first, safe type, attachment.

    Re-encoded raster images may be shown inline (pages and blog posts embed them);
    everything else is a download.
    """
    item = _item(request, item_id)
    return _serve(item, item.file, inline=item.is_image)


@require_GET
@project_view("can_visit")
def thumbnail(request, project_id, item_id):
    item = _item(request, item_id, kind=Item.Kind.IMAGE)
    return _serve(item, item.thumbnail, inline=True)


@require_GET
@project_view()
def picker(request, project_id):
    """An HTML fragment of the project's images, for the page editor's image button."""
    project = request.project
    query = request.GET.get("q", "").strip()[:100]
    images = (
        Item.objects.filter(project=project, kind=Item.Kind.IMAGE)
        .filter(Q(folder=None) | request.access.viewable_sections(Folder, "folder__"))
        .order_by("-created_at")
    )
    if query:
        images = images.filter(name__icontains=query)
    return render(
        request,
        "materials/picker.html",
        {"project": project, "images": images[:PICKER_LIMIT], "query": query},
    )
