"""Exporting a project to an archive and importing one (each write one transaction)."""

import logging
import secrets
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.accounts.models import User
from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.mail.sending import send_templated_mail
from jumelage.notifications.models import Notification
from jumelage.notifications.services import notify
from jumelage.projects import services as project_services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation, Membership, Project

from . import archive, policies, registry
from .models import ProjectExport

log = logging.getLogger(__name__)


# --- Export ------------------------------------------------------------------------


def build_document(project) -> tuple[dict, dict[str, str]]:
    """The archive's document and the files it names ({archive path: storage name})."""
    ctx = archive.ExportContext(project)
    parts = {part.key: part.export(ctx) for part in registry.parts()}
    document = {
        "format": archive.FORMAT,
        "version": archive.VERSION,
        "exported_at": archive.now_iso(),
        "source": {"instance": settings.SITE_URL},
        "people": list(ctx.people.values()),
        "parts": parts,
        # Quality labels do not exist yet (another issue): always empty in version 1.
        "labels": [],
    }
    return document, ctx.files


@transaction.atomic
def request_export(access) -> ProjectExport:
    """Queue an export, or give back the one already on its way (one at a time per project)."""
    project = Project.objects.select_for_update().get(pk=access.project.pk)
    running = ProjectExport.objects.filter(
        project=project, status__in=[ProjectExport.Status.PENDING, ProjectExport.Status.RUNNING]
    ).first()
    if running is not None:
        return running
    export = ProjectExport.objects.create(
        project=project,
        requested_by=access.user,
        expires_at=timezone.now() + timedelta(days=settings.PORTABILITY_EXPORT_DAYS),
    )
    record(access.user, "project.export_requested", export, project=project)
    from .tasks import build_export

    transaction.on_commit(lambda: build_export.delay(export.pk))
    return export


def run_export(export_id: int) -> ProjectExport:
    """Build the archive of a queued export (the Celery task); the requester is told."""
    export = ProjectExport.objects.select_related("project", "requested_by").get(pk=export_id)
    if export.status != ProjectExport.Status.PENDING:
        return export
    ProjectExport.objects.filter(pk=export.pk).update(status=ProjectExport.Status.RUNNING)
    try:
        document, files = build_document(export.project)
        total = len(files) + 1
        ProjectExport.objects.filter(pk=export.pk).update(total=total)

        def progress(done: int) -> None:
            ProjectExport.objects.filter(pk=export.pk).update(done=done)

        name = f"portability/exports/{export.project_id}/{secrets.token_hex(16)}.zip"
        with tempfile.TemporaryFile(dir=settings.PORTABILITY_WORK_DIR or None) as work:
            archive.write_archive(work, document, files, default_storage, progress)
            size = work.tell()
            work.seek(0)
            name = default_storage.save(name, File(work, name=name))
    except Exception:
        log.exception("export %s of project %s failed", export.pk, export.project_id)
        ProjectExport.objects.filter(pk=export.pk).update(
            status=ProjectExport.Status.FAILED, finished_at=timezone.now()
        )
        export.refresh_from_db()
        return export
    with transaction.atomic():
        ProjectExport.objects.filter(pk=export.pk).update(
            status=ProjectExport.Status.READY,
            archive=name,
            size=size,
            done=total,
            finished_at=timezone.now(),
        )
        export.refresh_from_db()
        _tell_ready(export)
    return export


def _tell_ready(export: ProjectExport) -> None:
    user = export.requested_by
    if user is None or not user.is_active:
        return
    url = reverse("portability:project_export", kwargs={"project_id": export.project_id})
    with translation.override(user.language):
        title = _("The archive of “%(project)s” is ready to download") % {
            "project": export.project.title
        }
    notify(user, Notification.Kind.ACTIVITY, title, url)
    if user.email:
        send_templated_mail(
            user.email,
            "portability/email/export_ready",
            {
                "user": user,
                "export": export,
                "project": export.project,
                "url": settings.SITE_URL + url,
            },
            language=user.language,
        )


def expire_exports(now) -> int:
    """Delete the archives of exports past their date (the retention rule)."""
    count = 0
    stale = ProjectExport.objects.filter(expires_at__lte=now).exclude(
        status=ProjectExport.Status.EXPIRED
    )
    for export in stale:
        if export.archive:
            default_storage.delete(export.archive)
        ProjectExport.objects.filter(pk=export.pk).update(
            status=ProjectExport.Status.EXPIRED, archive=""
        )
        count += 1
    return count


# --- Import ------------------------------------------------------------------------


@dataclass
class ImportResult:
    project: Project
    to_invite: list[tuple[str, str]] = field(default_factory=list)  # (email, role) not invited
    invited: list[str] = field(default_factory=list)


def _placeholder(person: dict) -> User:
    """An inactive account that keeps a departed person's name on their contributions.

    It has no password and cannot log in; a pupil's shows the first name only.
    """
    token = secrets.token_hex(8)
    name = str(person.get("name") or "?")[:150]
    if person.get("kind") == User.Kind.PUPIL:
        return User.objects.create_user(
            None,
            None,
            kind=User.Kind.PUPIL,
            username=f"imported-{token}",
            display_name=archive.first_name(name),
            is_active=False,
        )
    # .invalid never delivers (RFC 2606): the real address stays free for its owner.
    return User.objects.create_user(
        f"imported-{token}@placeholder.invalid",
        None,
        kind=User.Kind.STAFF if person.get("kind") == User.Kind.STAFF else User.Kind.TEACHER,
        display_name=name,
        is_active=False,
    )


def _map_people(ctx: archive.ImportContext, document: dict, *, trusted: bool):
    """Every person of the archive gets an account here; returns teachers to invite.

    A teacher member whose address an active, confirmed teacher account holds is
    that account. Pupils become placeholder pupils, members again. A teacher nobody
    here holds gets a placeholder (their contributions keep their name) and an
    invitation to the address. Only a platform admin's restore (`trusted`) adds
    other people's accounts directly: a teacher's archive could name anyone, so
    there the other teachers are invited and join only if they accept.
    """
    to_invite = []
    for person in document["people"]:
        ref, email = person["ref"], person.get("email")
        user = None
        mappable = trusted or (
            ctx.importer.email and str(email or "").lower() == ctx.importer.email.lower()
        )
        if email and mappable and person.get("kind") == User.Kind.TEACHER:
            user = User.objects.filter(
                email__iexact=email,
                kind=User.Kind.TEACHER,
                is_active=True,
                email_confirmed_at__isnull=False,
            ).first()
        if user is not None:
            ctx.users[ref] = user
            ctx.members.add(ref)
            continue
        ctx.users[ref] = _placeholder(person)
        if person.get("role") == Membership.Role.PUPIL:
            ctx.members.add(ref)
        elif person.get("role") and email:
            # Read-only people come back read-only: a visitor never returns as a teacher.
            readers = {Membership.Role.GUEST: Invitation.Role.GUEST}
            readers[Membership.Role.VISITOR] = Invitation.Role.VISITOR
            role = readers.get(person["role"], Invitation.Role.TEACHER)
            to_invite.append((email, role))
    return to_invite


def _invite(project, to_invite) -> tuple[list[str], list[tuple[str, str]]]:
    """Invite through the projects app, as one of the project's admins, when it is active."""
    admin = (
        Membership.objects.filter(project=project, role=Membership.Role.ADMIN, user__is_active=True)
        .select_related("user")
        .order_by("id")
        .first()
    )
    if admin is None or not project.is_active:
        return [], list(to_invite)
    access = access_for(admin.user, project)
    invited, left = [], []
    for email, role in to_invite:
        try:
            project_services.invite_member(access, role, email=email)
            invited.append(email)
        except Refused:
            left.append((email, role))
    return invited, left


def import_archive(user, upload) -> ImportResult:
    """Create a new project from an archive (`upload`: a seekable binary file).

    Raises Refused with a message for anything wrong with the archive or the
    person; nothing is created then (one transaction).
    """
    try:
        zf = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Refused(
            _("This file is not a project archive (a .zip exported by Jumelage).")
        ) from exc
    with zf:
        try:
            document = archive.read_document(zf, max_bytes=settings.PORTABILITY_IMPORT_MAX_BYTES)
        except (archive.ArchiveError, zipfile.BadZipFile, OSError) as exc:
            raise Refused(
                _("This file is not a project archive this site can read (%(why)s).") % {"why": exc}
            ) from exc
        try:
            reason = policies.import_refusal(user, document)
        except (AttributeError, TypeError, ValueError) as exc:
            raise Refused(_("The archive is damaged or incomplete: nothing was imported.")) from exc
        if reason:
            raise Refused(reason)
        # A platform admin restores the project as it was; a teacher's import is a new
        # draft that goes through the founding rules (a support office approves it).
        status = None if user.is_superuser else Project.Status.DRAFT
        ctx = archive.ImportContext(zf, user, status=status)
        try:
            with transaction.atomic():
                to_invite = _map_people(ctx, document, trusted=user.is_superuser)
                for part in registry.parts():
                    if part.key in document["parts"]:
                        part.import_(ctx, document["parts"][part.key])
                if ctx.project is None:
                    raise archive.ArchiveError("no project")
                invited, left = _invite(ctx.project, to_invite)
                record(
                    user,
                    "project.imported",
                    ctx.project,
                    project=ctx.project,
                    source=str(document.get("source", {}).get("instance", ""))[:200],
                    version=document["version"],
                )
        except Refused:
            raise
        except (
            archive.ArchiveError,
            KeyError,
            TypeError,
            ValueError,
            AttributeError,
            IntegrityError,
            DatabaseError,
            zipfile.BadZipFile,
        ) as exc:
            log.warning("import refused: %r", exc)
            raise Refused(_("The archive is damaged or incomplete: nothing was imported.")) from exc
    return ImportResult(ctx.project, to_invite=left, invited=invited)
