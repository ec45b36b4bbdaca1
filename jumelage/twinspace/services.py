"""Moderation shared by every TwinSpace content type: one transaction each, audited.

The service contract: the view resolved the visitor's access once (project_view);
these functions receive that `access` (projects.access.ProjectAccess), take the
actor and the project from it, and check the state of things (the project is
still active: `access.can_moderate`), raising `jumelage.core.errors.Refused`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.projects.models import Visibility

from . import content
from .content import content_url  # noqa: F401 - used by views and other apps
from .models import BulletinNote, ModeratedContent, Report
from .registry import ACTIVITIES, SEARCHES, SETTINGS


def initial_visibility(access, *, also: bool = False) -> str:
    """Where a new contribution starts, by the one approval rule (access.needs_approval)."""
    if access.needs_approval(also=also):
        return Visibility.PENDING
    return Visibility.PUBLISHED


def ask_teachers_to_approve(author, project, url: str, title) -> None:
    """Tell the pupil's own teacher (else every teacher of the project) that something waits.

    `title()` is called in each teacher's language, so it returns their translation.
    """
    from django.utils import translation

    from jumelage.notifications.models import Notification
    from jumelage.notifications.services import notify_many
    from jumelage.projects.models import Membership

    memberships = Membership.objects.filter(project=project)
    own = memberships.filter(user=author).values_list("teacher_id", flat=True).first()
    teachers = memberships.filter(role__in=[Membership.Role.ADMIN, Membership.Role.TEACHER])
    if own:
        teachers = teachers.filter(user_id=own)

    def title_for(user):
        with translation.override(user.reading_language):
            return str(title())

    users = [m.user for m in teachers.select_related("user")]
    notify_many(users, Notification.Kind.APPROVAL, title_for, url)


def tell_teachers_something_waits(project, obj, *, reported_by=None) -> None:
    """Tell the project's teachers that `obj` waits in the moderation queue (in-app, digest).

    A teacher who still has an unread notice pointing at the queue gets no second
    one: the badge already says so, and a busy chat would otherwise ring for every
    message. Runs after commit, so a rolled-back contribution tells no one.
    """

    def tell():
        from django.urls import reverse
        from django.utils import translation

        from jumelage.notifications.models import Notification
        from jumelage.notifications.services import notify_many
        from jumelage.projects.models import Membership

        from .reporting import kind_label

        url = reverse("twinspace:moderation", kwargs={"project_id": project.pk})
        waiting = set(
            Notification.objects.filter(
                url=url, read_at__isnull=True, user__memberships__project=project
            ).values_list("user_id", flat=True)
        )
        teachers = (
            Membership.objects.filter(
                project=project, role__in=[Membership.Role.ADMIN, Membership.Role.TEACHER]
            )
            .exclude(user_id__in=waiting)
            .select_related("user")
        )

        def title_for(user):
            with translation.override(user.reading_language):
                values = {"kind": kind_label(type(obj)), "project": project.title}
                if reported_by is not None:
                    return _("Reported in %(project)s: %(kind)s") % values
                return _("Waiting for moderation in %(project)s: %(kind)s") % values

        users = [m.user for m in teachers if reported_by is None or m.user_id != reported_by.pk]
        notify_many(users, Notification.Kind.APPROVAL, title_for, url)

    transaction.on_commit(tell)


class ModerationRefused(Refused):
    """A moderation decision that cannot be applied as asked (e.g. a stale page edit)."""


@transaction.atomic
def set_visibility(access, content, visibility: str, note: str = "") -> None:
    """Hide, restore or approve a piece of content of `access.project`.

    The view resolved `access`; this checks the state: the project's teachers
    moderate while it is active (`access.can_moderate`); a pupil administrator hides
    another pupil's published content (`access.can_hide_pupil_content`); else Refused.
    A model may define `on_moderated(actor, previous)`, run in the same transaction
    (a wiki page edit proposal is applied to its page when approved). It may raise
    ModerationRefused, which undoes the whole decision.
    """
    helps = visibility == Visibility.HIDDEN and access.can_hide_pupil_content(content)
    if not (access.can_moderate or helps):
        raise Refused(_("Only the project's teachers moderate, while the project is active."))
    actor, project = access.user, access.project
    previous = content.visibility
    content.visibility = visibility
    content.moderated_by = actor
    content.moderated_at = timezone.now()
    content.save(update_fields=["visibility", "moderated_by", "moderated_at"])
    hook = getattr(content, "on_moderated", None)
    if hook is not None and previous != visibility:
        hook(actor, previous)
    record(
        actor,
        f"moderation.{visibility}",
        content,
        project=project,
        note=note,
        previous=previous,
        content_type=content._meta.label,
        **_space_data(access),
    )


def find_reportable(access, type_key: str, object_id):
    """The content the visitor may report: a registered reportable type, in the project,
    that they may see right now by that type's own visibility policy; otherwise None."""
    from .reporting import can_see_reportable, is_reportable

    if not is_reportable(type_key):
        return None
    found = find_content(access.project, type_key, object_id)
    if found is None or not can_see_reportable(access, found):
        return None
    return found


def _space_data(access) -> dict:
    """What the audit trail keeps of a space that is not a project: {"group": id}."""
    owner = getattr(access, "owner", None) or {}
    return {name: space.pk for name, space in owner.items() if name != "project"}


def open_reports(access):
    """The open reports of the access's space (a project's or a group's), newest first."""
    return Report.objects.filter(**access.owner, resolved_at__isnull=True)


@transaction.atomic
def report(access, content, reason: str = "") -> Report:
    """A member reports content to the space's moderators, while the space is open.

    The space is the access's (`access.owner`: a project, or a group). A project's
    teachers are told here; a group's moderators by the groups app, which calls this."""
    if not access.is_open:
        raise Refused(_("This project is closed: nothing can be reported any more."))
    reporter, project = access.user, access.project
    entry = Report.objects.create(
        **access.owner,
        reporter=reporter,
        target_type=ContentType.objects.get_for_model(content),
        target_id=content.pk,
        reason=reason,
    )
    record(
        reporter, "moderation.report", content, project=project, note=reason, **_space_data(access)
    )
    if project is not None:
        tell_teachers_something_waits(project, content, reported_by=reporter)
    return entry


# --- The teachers' bulletin -------------------------------------------------


def post_bulletin_note(access, body: str) -> BulletinNote:
    return BulletinNote.objects.create(project=access.project, author=access.user, body=body)


def delete_bulletin_note(note) -> None:
    note.delete()


# --- TwinSpace settings -----------------------------------------------------

SETTINGS_FIELDS = (
    "blog_public",
    "pupils_need_approval",
    "pupils_may_edit_pages",
    "pupils_may_start_topics",
    "open_to_visitors",
)


@transaction.atomic
def change_settings(access, **values) -> list[str]:
    """Save the admins' choices; the audit trail says who changed what."""
    actor, project = access.user, access.project
    changed = {}
    for name in SETTINGS_FIELDS:
        if name in values and getattr(project, name) != values[name]:
            changed[name] = values[name]
            setattr(project, name, values[name])
    if changed:
        project.save(update_fields=list(changed))
        record(actor, "twinspace.settings", project, project=project, **changed)
    for setting in SETTINGS:  # kept by other apps (registry.register_space_setting)
        if setting.name in values:
            setting.save(actor, project, values[setting.name])
    return list(changed)


# --- Rights by role on a page or section (projects.models.RoleRights) ---------


def set_section_rights(access, section, data, *, also=()) -> None:
    """Save who views and edits `section` (a page, a folder), as the form chose.

    "Follow the project's settings" clears the section's own rights. Fields the form
    did not offer (a pupil administrator's has no "visitors") keep their value;
    `also` names more fields the caller changed. The decision is in the audit trail.
    The caller holds the row (select_for_update) in its transaction.
    """
    rights = section.rights(access.project)
    own = not data.get("follow_defaults")
    if own:
        rights.update({name: data[name] for name in section.RIGHTS if name in data})
    for name, value in rights.items():
        setattr(section, name, value)
    section.own_rights = own
    section.save(update_fields=["own_rights", *section.RIGHTS, *also])
    record(
        access.user,
        "twinspace.rights",
        section,
        project=access.project,
        content_type=section._meta.label,
        own=own,
        **rights,
    )


# --- Moderation, generic over every ModeratedContent -------------------------


def moderated_models() -> list[type]:
    """Every concrete model that mixes in ModeratedContent (forum posts, pages...)."""
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if issubclass(m, ModeratedContent) and not m._meta.abstract and not m._meta.proxy
    ]


def find_content(project, type_key: str, object_id) -> ModeratedContent | None:
    """The ModeratedContent `type_key` ("app_label.model") #object_id of `project`, or None."""
    try:
        app_label, model_name = str(type_key).split(".", 1)
        ct = ContentType.objects.get_by_natural_key(app_label, model_name)
        pk = int(object_id)
    except (ValueError, ContentType.DoesNotExist):
        return None
    model = ct.model_class()
    if model is None or not issubclass(model, ModeratedContent):
        return None
    path = content.project_path(model)
    if path is None:
        return None
    return model._default_manager.filter(**{path: project, "pk": pk}).first()


def pending_content(project, limit: int = 50) -> list:
    """Pupils' contributions waiting for a teacher: one query per content type."""
    items = []
    for model in moderated_models():
        path = content.project_path(model)
        if path is None:
            continue
        qs = model._default_manager.filter(**{path: project, "visibility": Visibility.PENDING})
        parent = content.parent_field(model)
        related = [parent] if parent else []
        if any(f.name == "author" and f.many_to_one for f in model._meta.get_fields()):
            related.append("author")  # the queue says who wrote it
        if related:
            qs = qs.select_related(*related)
        items += list(qs[:limit])
    return items


@transaction.atomic
def resolve_report(access, report_entry: Report) -> None:
    if not access.can_moderate:
        raise Refused(_("Only the project's teachers moderate, while the project is active."))
    actor = access.user
    report_entry.resolved_at = timezone.now()
    report_entry.resolved_by = actor
    report_entry.save(update_fields=["resolved_at", "resolved_by"])
    record(
        actor,
        "moderation.report_resolved",
        report_entry.target,
        project=report_entry.project,
        report=report_entry.pk,
        **_space_data(access),
    )


ACTIONS = {
    "hide": Visibility.HIDDEN,
    "restore": Visibility.PUBLISHED,
    "approve": Visibility.PUBLISHED,
}


@transaction.atomic
def moderate(access, content, action: str, note: str = "") -> None:
    """Hide, restore or approve; hiding or restoring also closes the open reports on it."""
    set_visibility(access, content, ACTIONS[action], note=note)
    Report.objects.filter(
        **access.owner,
        target_type=ContentType.objects.get_for_model(content),
        target_id=content.pk,
        resolved_at__isnull=True,
    ).update(resolved_at=timezone.now(), resolved_by=access.user)


# --- Search within the space -----------------------------------------------

MAX_QUERY_LENGTH = 100


def search_space(access, query: str) -> list[tuple[str, list]]:
    """(label, results) for each app that registered a search, for the visitor's access."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if len(query) < 2:
        return []
    return [(entry.label, list(entry.search(access, query))) for entry in SEARCHES]


def latest_activity(access, limit: int = 10) -> list:
    """The newest of what each registered app says happened, as the visitor may see it."""
    items = []
    for entry in ACTIVITIES:
        items += entry.latest(access, limit)
    items.sort(key=lambda a: a.when, reverse=True)
    return items[:limit]
