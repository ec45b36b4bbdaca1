"""Writes on pages: each save is a revision; a stale edit is refused, never lost silently."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.core.prepared import PreparedShapes
from jumelage.core.sanitising import sanitise_html
from jumelage.projects.access import access_for
from jumelage.projects.models import Visibility
from jumelage.twinspace.services import (
    ModerationRefused,
    ask_teachers_to_approve,
    set_section_rights,
)

from .models import Page, PageEdit, Revision


class EditConflict(Refused):
    """Someone saved the page after the editor opened it; `page` is the page as saved now."""

    def __init__(self, page):
        super().__init__(
            _("Someone else saved this page while you were editing; your text was not saved.")
        )
        self.page = page


def _access(access, user, project):
    """The actor's access: the view's (resolved once), or built here for callers without one."""
    if access is not None:
        return access
    return access_for(user, project)


@transaction.atomic
def create_page(
    project, author, title, body, parent=None, position=0, kit_step=None, *, access=None
) -> Page:
    """A new page and its first revision; a pupil's waits for approval when the rule says so.

    `author` None is the platform itself (kit pages): published at once.
    """
    visibility = Visibility.PUBLISHED
    if author is not None and _access(access, author, project).needs_approval():
        visibility = Visibility.PENDING
    page = Page.objects.create(
        project=project,
        parent=parent,
        position=position or 0,
        title=title,
        body=sanitise_html(body),
        author=author,
        updated_by=author,
        kit_step=kit_step,
        visibility=visibility,
    )
    Revision.objects.create(page=page, number=1, title=page.title, body=page.body, author=author)
    return page


def _needs_approval(access, page) -> bool:
    """A published page changes only with a teacher's approval when the one rule says so.

    A page that is not published yet (waiting, or hidden) is edited in place: nobody but
    teachers and its author sees it, and it stays unpublished.
    """
    return page.visibility == Visibility.PUBLISHED and access.needs_approval()


@transaction.atomic
def save_page(
    page,
    editor,
    *,
    title,
    body,
    base_version,
    parent=None,
    position=0,
    restored_from=None,
    access=None,
) -> Revision | PageEdit | None:
    """Save a new revision made from `base_version`; EditConflict if the page moved on since.

    The compare-and-set UPDATE is atomic on SQLite and PostgreSQL alike: of two
    editors who opened the same version, only the first save wins. When the editor's
    contributions wait for approval, the change is kept as a PageEdit and the page
    does not change until a teacher approves it.
    """
    body = sanitise_html(body)
    unchanged = (
        title == page.title
        and body == page.body
        and (parent.pk if parent else None) == page.parent_id
        and (position or 0) == page.position
    )
    if unchanged and base_version == page.version and restored_from is None:
        return None
    if _needs_approval(_access(access, editor, page.project), page):
        current = Page.objects.filter(pk=page.pk).values_list("version", flat=True).first()
        if current != base_version:
            page.refresh_from_db()
            raise EditConflict(page)
        proposal = PageEdit.objects.create(
            page=page,
            base_version=base_version,
            title=title,
            body=body,
            parent=parent,
            position=position or 0,
            restored_from=restored_from,
            author=editor,
            visibility=Visibility.PENDING,
        )
        ask_teachers_to_approve(
            editor,
            page.project,
            proposal.get_absolute_url(),
            lambda: (
                _("A change to the page “%(title)s” waits for your approval")
                % {"title": page.title}
            ),
        )
        return proposal
    return _apply(page, editor, title, body, base_version, parent, position, restored_from)


def _apply(page, author, title, body, base_version, parent, position, restored_from) -> Revision:
    updated = Page.objects.filter(pk=page.pk, version=base_version).update(
        version=F("version") + 1,
        title=title,
        body=body,
        parent=parent,
        position=position or 0,
        updated_by=author,
        updated_at=timezone.now(),
    )
    if not updated:
        page.refresh_from_db()
        raise EditConflict(page)
    page.refresh_from_db()
    return Revision.objects.create(
        page=page,
        number=page.version,
        title=title,
        body=body,
        author=author,
        restored_from=restored_from,
    )


def _is_under(candidate, page) -> bool:
    """Whether `candidate` is `page` or one of its sub-pages (it cannot become its parent)."""
    seen = set()
    while candidate is not None and candidate.pk not in seen:
        if candidate.pk == page.pk:
            return True
        seen.add(candidate.pk)
        candidate = candidate.parent
    return False


def apply_page_edit(edit, actor) -> Revision:
    """A teacher approved `edit`: it becomes the page's next revision, credited to its author.

    Runs inside the moderation transaction. If the page changed after the edit was
    proposed, approving would silently undo that change: refused, nothing is applied.
    """
    page = Page.objects.select_related("project").get(pk=edit.page_id)
    if page.version != edit.base_version:
        raise ModerationRefused(
            _(
                "This page changed after the pupil proposed this edit, so approving it would "
                "undo the newer changes. Nothing was applied: compare both, edit the page "
                "yourself to keep what you want, then hide this proposal."
            )
        )
    parent = edit.parent
    if parent is not None and (parent.project_id != page.project_id or _is_under(parent, page)):
        parent = page.parent
    revision = _apply(
        page,
        edit.author,
        edit.title,
        edit.body,
        edit.base_version,
        parent,
        edit.position,
        edit.restored_from,
    )
    record(actor, "wiki.page_edit_approved", page, project=page.project, revision=revision.number)
    return revision


def pending_edits(page, access):
    """The edits of `page` waiting for approval that this reader may see (the platform rule)."""
    return _PENDING_EDITS.list({"visible": access.visible()}, page_id=page.pk)


_PENDING_EDITS = PreparedShapes(
    lambda visible, page_id: (
        PageEdit.objects.filter(page_id=page_id, visibility=Visibility.PENDING)
        .filter(visible)
        .select_related("author")
    ),
    page_id=int,
)


def restore_revision(
    page, editor, revision, base_version, *, access=None
) -> Revision | PageEdit | None:
    """Bring an old revision back as a new one: history is never rewritten."""
    return save_page(
        page,
        editor,
        title=revision.title,
        body=revision.body,
        base_version=base_version,
        parent=page.parent,
        position=page.position,
        restored_from=revision.number,
        access=access,
    )


@transaction.atomic
def set_rights(access, page, data) -> None:
    """Save who views and edits `page`; a teacher also archives it or brings it back."""
    page = Page.objects.select_for_update().get(pk=page.pk)
    fields = []
    if "archived" in data and data["archived"] != page.is_archived:
        page.archived_at = timezone.now() if data["archived"] else None
        fields.append("archived_at")
    set_section_rights(access, page, data, also=fields)


@transaction.atomic
def delete_page(actor, page) -> None:
    """Its sub-pages move up one level; the decision is in the audit trail."""
    Page.objects.filter(parent=page).update(parent=page.parent)
    record(actor, "wiki.page_deleted", page, project=page.project, title=page.title)
    page.delete()


def _founders_languages(project) -> list[str]:
    """The site languages (en, fr) of the founders, French first; both when they differ."""
    languages = {
        (m.user.language or "en")[:2]
        for m in project.memberships.filter(is_founder=True).select_related("user")
    }
    chosen = [code for code in ("fr", "en") if code in languages]
    return chosen or ["en"]


@transaction.atomic
def create_kit_pages(project) -> list[Page]:
    """One page per step of the project's kit, in the founders' language(s). Idempotent."""
    if project.kit_id is None:
        return []
    languages = _founders_languages(project)
    existing = set(
        Page.objects.filter(project=project, kit_step__isnull=False).values_list(
            "kit_step_id", flat=True
        )
    )
    created = []
    for step in project.kit.steps.order_by("position"):
        if step.pk in existing:
            continue
        titles = [getattr(step, f"title_{code}") for code in languages]
        title = " / ".join(dict.fromkeys(t for t in titles if t))[:200]
        if len(languages) == 1:
            body = _step_body(getattr(step, f"body_{languages[0]}"))
        else:
            # Each language under its own name, written in that language.
            names = {"fr": "Français", "en": "English"}
            parts = [
                f"<h2>{names[code]}</h2>" + _step_body(getattr(step, f"body_{code}"))
                for code in languages
            ]
            body = "".join(parts)
        created.append(
            create_page(project, None, title, body, position=step.position, kit_step=step)
        )
    return created


def _step_body(text: str) -> str:
    """Kit steps are plain text or simple HTML; plain text becomes paragraphs."""
    if "<" in text:
        return sanitise_html(text)
    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def on_project_activated(sender, project, **kwargs):
    create_kit_pages(project)
