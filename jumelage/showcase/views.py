"""The teachers' page for the static site, and the site itself at a stable public address.

Project pages are `project_view(policies.can_manage)`: anyone else gets a 404 (an
anonymous visitor the login page). The public site answers every visitor, but
only once a teacher published it after the project was archived; a 404 otherwise.
Only the files of the last build are served (the record lists them), from storage.
"""

import posixpath

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.errors import Refused
from jumelage.projects.access import project_view

from . import policies, services
from .forms import ChoicesForm
from .models import Showcase

# What the public site may serve inline; anything else is a download.
INLINE_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
}


@project_view(policies.can_manage)
@require_http_methods(["GET", "POST"])
def manage(request, project_id):
    showcase = services.showcase_of(request.project)
    status = 200
    if request.method == "POST":
        form = ChoicesForm(request.POST, project=request.project)
        if form.is_valid():
            services.save_choices(
                request.access,
                include_blog=form.cleaned_data["include_blog"],
                pages=form.cleaned_data["pages"],
            )
            messages.success(request, _("Your choices are saved. Generate the site to apply them."))
            return redirect("showcase:manage", project_id=project_id)
        status = 400
    else:
        form = ChoicesForm(
            project=request.project,
            initial={"include_blog": showcase.include_blog, "pages": list(showcase.pages.all())},
        )
    public_url = None
    if policies.is_public(showcase):
        public_url = request.build_absolute_uri(reverse("showcase:public", args=[project_id]))
    return render(
        request,
        "showcase/manage.html",
        {
            "project": request.project,
            "showcase": showcase,
            "form": form,
            "publish_refusal": policies.publish_refusal(showcase),
            "public_url": public_url,
        },
        status=status,
    )


@project_view(policies.can_manage)
@require_POST
def generate(request, project_id):
    showcase = services.request_generation(request.access)
    showcase.refresh_from_db()
    if showcase.state == Showcase.State.READY:
        messages.success(request, _("The site is ready."))
    elif showcase.state == Showcase.State.FAILED:
        messages.error(request, _("The site could not be generated. Please try again later."))
    else:
        messages.success(
            request, _("The site is being generated; this page will show when it is ready.")
        )
    return redirect("showcase:manage", project_id=project_id)


@project_view(policies.can_manage)
@require_GET
def download(request, project_id):
    showcase = services.showcase_of(request.project)
    if not showcase.build or not default_storage.exists(showcase.zip_path):
        messages.error(request, _("Generate the site before downloading it."))
        return redirect("showcase:manage", project_id=project_id)
    return FileResponse(
        default_storage.open(showcase.zip_path, "rb"),
        as_attachment=True,
        filename=f"{services.zip_name(request.project)}.zip",
        content_type="application/zip",
    )


@project_view(policies.can_manage)
@require_POST
def publish(request, project_id):
    try:
        services.publish(request.access)
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The site is published at its public address."))
    return redirect("showcase:manage", project_id=project_id)


@project_view(policies.can_manage)
@require_POST
def unpublish(request, project_id):
    services.unpublish(request.access)
    messages.success(request, _("The site is no longer public."))
    return redirect("showcase:manage", project_id=project_id)


@require_GET
def public(request, project_id, path=""):
    """A file of the published site; the path must be one the last build wrote."""
    showcase = Showcase.objects.select_related("project").filter(project_id=project_id).first()
    if showcase is None or not policies.is_public(showcase):
        raise Http404
    if path == "" or path.endswith("/"):
        path += "index.html"
    if path != posixpath.normpath(path) or path not in set(showcase.files):
        raise Http404
    extension = posixpath.splitext(path)[1].lower()
    content_type = INLINE_TYPES.get(extension)
    try:
        source = default_storage.open(showcase.site_path(path), "rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(
        source,
        content_type=content_type or "application/octet-stream",
        as_attachment=content_type is None,
        filename=posixpath.basename(path),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300"
    return response
