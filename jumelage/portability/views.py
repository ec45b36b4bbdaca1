"""Export a project (its admins), download the archive, import one (thin views)."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jumelage.core.errors import Refused
from jumelage.projects.access import project_view

from . import policies, services
from .forms import ImportForm
from .models import ProjectExport

RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


@require_http_methods(["GET", "POST"])
@project_view(policies.can_export)
def project_export(request, project_id):
    """The exports of a project; while one is being prepared the page polls (htmx)."""
    project = request.project
    if request.method == "POST":
        services.request_export(request.access)
        messages.success(
            request, _("The archive is being prepared. You will be told when it is ready.")
        )
        return redirect("portability:project_export", project_id=project.pk)
    exports = ProjectExport.objects.filter(project=project)[:10]
    context = {
        "project": project,
        "exports": exports,
        "in_progress": any(e.in_progress for e in exports),
    }
    template = "portability/_exports.html" if request.htmx else "portability/export.html"
    return render(request, template, context)


@require_GET
@project_view(policies.can_export)
def export_download(request, project_id, export_id):
    """The archive, resumable: a `Range: bytes=N-` request gets the rest from byte N (206)."""
    export = get_object_or_404(
        ProjectExport, pk=export_id, project=request.project, status=ProjectExport.Status.READY
    )
    try:
        handle = default_storage.open(export.archive, "rb")
    except OSError as exc:
        raise Http404 from exc
    filename = f"project-{project_id}-{export.created_at:%Y%m%d}.zip"
    size = export.size
    match = RANGE.match(request.headers.get("Range", ""))
    if match:
        start = int(match.group(1))
        end = int(match.group(2)) if match.group(2) else size - 1
        if start >= size or end < start:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        end = min(end, size - 1)
        handle.seek(start)
        response = FileResponse(
            _limited(handle, end - start + 1), status=206, content_type="application/zip"
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type="application/zip"
        )
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    return response


def _limited(handle, length: int, chunk: int = 1024 * 1024):
    """Yield `length` bytes from the current position, then close the file."""
    try:
        while length > 0:
            data = handle.read(min(chunk, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()


@login_required
@require_http_methods(["GET", "POST"])
def import_project(request):
    """Platform admins and verified teachers upload an archive; a new project is made."""
    if not policies.can_open_import(request.user):
        raise Http404
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = services.import_archive(request.user, form.cleaned_data["archive"])
            except Refused as exc:
                form.add_error("archive", exc.message)
            else:
                _report(request, result)
                return redirect("projects:detail", result.project.pk)
        status = 400
    else:
        form = ImportForm()
    return render(
        request,
        "portability/import.html",
        {"form": form, "superuser": request.user.is_superuser},
        status=status,
    )


def _report(request, result) -> None:
    messages.success(
        request, _("The project “%(title)s” was imported.") % {"title": result.project.title}
    )
    if result.invited:
        messages.info(
            request,
            _("Invited by email: %(emails)s.") % {"emails": ", ".join(result.invited)},
        )
    if result.to_invite:
        messages.warning(
            request,
            _(
                "No account here has these addresses; invite them once the project is active: %(emails)s."
            )
            % {"emails": ", ".join(email for email, _role in result.to_invite)},
        )
