"""Sending a stored file once a view has checked the user may have it.

Behind the production nginx (`make prod`, deploy/nginx-site.conf.template), the view
answers with an empty response carrying `X-Accel-Redirect: /media/<name>`: nginx then
sends the file itself from its `internal` location (sendfile, ranges, no Python
thread held for a 100 MB video). Everywhere else (`make run`, tests, S3 storage) the
file is streamed by Django's FileResponse. Either way the policy check came first:
the internal location is unreachable by a client.
"""

import re

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

# Storage names nginx can map to a path as they are (no escaping, no `?`, no `..`).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._/-]*")


def _accel_prefix(field) -> str | None:
    prefix = getattr(settings, "MEDIA_ACCEL_REDIRECT", "")
    if not prefix or settings.MEDIA_STORAGE != "filesystem":
        return None
    name = field.name
    if not _PLAIN_NAME.fullmatch(name) or ".." in name or "//" in name:
        return None
    return prefix.rstrip("/") + "/"


def send_file(field, *, filename: str, content_type: str, inline: bool) -> HttpResponse:
    """The response for a stored file (404 if it is gone), nginx sending it when it can."""
    if not field:
        raise Http404
    prefix = _accel_prefix(field)
    if prefix is not None:
        if not field.storage.exists(field.name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix + field.name
        response["Content-Disposition"] = content_disposition_header(not inline, filename)
        return response
    try:
        handle = field.open("rb")
    except OSError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
