"""Writes on a project's static site; views check access, these check the state of things.

A build is rendered in a temporary folder, then copied to default storage under a
new folder (`showcase/<project>/<build>/`); the record switches to it in one
transaction and the previous build's files are removed after that, so a visitor
never sees half a site.
"""

import logging
import tempfile
import uuid
import zipfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.projects.models import Visibility

from . import policies
from .generator import SiteBuilder
from .models import Showcase

log = logging.getLogger(__name__)


def showcase_of(project) -> Showcase:
    showcase, _created = Showcase.objects.get_or_create(project=project)
    showcase.project = project
    return showcase


@transaction.atomic
def save_choices(access, *, include_blog: bool, pages) -> Showcase:
    """Only the project's own published pages can be chosen (the form offers no other)."""
    showcase = showcase_of(access.project)
    showcase.include_blog = include_blog
    showcase.save(update_fields=["include_blog", "updated_at"])
    allowed = [
        p
        for p in pages
        if p.project_id == access.project.pk and p.visibility == Visibility.PUBLISHED
    ]
    showcase.pages.set(allowed)
    return showcase


def request_generation(access) -> Showcase:
    """Mark the site as being generated and start the task once this is committed."""
    from .tasks import generate_site

    with transaction.atomic():
        showcase = showcase_of(access.project)
        Showcase.objects.filter(pk=showcase.pk).update(state=Showcase.State.QUEUED)
        showcase.state = Showcase.State.QUEUED
        project_id = access.project.pk
        transaction.on_commit(lambda: generate_site.delay(project_id), robust=True)
    return showcase


def zip_name(project) -> str:
    return f"{slugify(project.title)[:60] or 'project'}-{project.pk}-site"


def generate(project_id: int) -> Showcase | None:
    """Build the site now (the Celery task's body); None when it failed or the project is gone."""
    showcase = Showcase.objects.select_related("project").filter(project_id=project_id).first()
    if showcase is None:
        return None
    build = uuid.uuid4().hex
    try:
        with tempfile.TemporaryDirectory(prefix="showcase-") as tmp:
            out = Path(tmp) / "site"
            out.mkdir()
            files = SiteBuilder(showcase, out).build()
            _store(project_id, build, out, files, zip_name(showcase.project))
    except Exception:
        # Whatever broke (a storage error, a template bug), the teacher sees "failed" and
        # may try again; the operator finds the traceback in the log.
        log.exception("showcase: generation failed for project %s", project_id)
        delete_build(project_id, build, [])
        Showcase.objects.filter(pk=project_id).update(state=Showcase.State.FAILED)
        return None
    with transaction.atomic():
        # The build replaced is the one current now: two generations at once leave no orphan.
        current = Showcase.objects.select_for_update().filter(pk=project_id).first()
        if current is None:  # the project was deleted meanwhile
            transaction.on_commit(lambda: delete_build(project_id, build, files))
            return None
        old_build, old_files = current.build, list(current.files)
        Showcase.objects.filter(pk=project_id).update(
            build=build, files=files, generated_at=timezone.now(), state=Showcase.State.READY
        )
    if old_build:
        delete_build(project_id, old_build, old_files)
    showcase.refresh_from_db()
    return showcase


def _store(project_id, build, out: Path, files: list[str], top: str) -> None:
    prefix = f"showcase/{project_id}/{build}"
    for relative in files:
        name = f"{prefix}/site/{relative}"
        with open(out / relative, "rb") as source:
            saved = default_storage.save(name, File(source))
        if saved != name:  # the storage renamed it: the site's links would break
            raise RuntimeError(f"storage renamed {name} to {saved}")
    with tempfile.TemporaryFile() as archive:
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for relative in files:
                zf.write(out / relative, f"{top}/{relative}")
        archive.seek(0)
        default_storage.save(f"{prefix}/site.zip", File(archive))


def delete_build(project_id, build, files) -> None:
    prefix = f"showcase/{project_id}/{build}"
    for name in [*(f"{prefix}/site/{f}" for f in files), f"{prefix}/site.zip"]:
        try:
            default_storage.delete(name)
        except OSError:
            log.warning("showcase: could not delete %s", name)


@transaction.atomic
def publish(access) -> Showcase:
    showcase = showcase_of(access.project)
    refusal = policies.publish_refusal(showcase)
    if refusal:
        raise Refused(refusal)
    showcase.published = True
    showcase.published_at = timezone.now()
    showcase.save(update_fields=["published", "published_at", "updated_at"])
    record(access.user, "showcase.published", showcase, project=access.project)
    return showcase


@transaction.atomic
def unpublish(access) -> Showcase:
    showcase = showcase_of(access.project)
    showcase.published = False
    showcase.save(update_fields=["published", "updated_at"])
    record(access.user, "showcase.unpublished", showcase, project=access.project)
    return showcase
