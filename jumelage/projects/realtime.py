"""The project WebSocket's connect policy and membership revocations.

realtime knows no domain app: projects tells it who may open
/ws/projects/<id>/ (the same rule as every TwinSpace page: access.can_view_space)
and which membership changes end or change a connection's rights. Imported once
from ProjectsConfig.ready().
"""

from django.db.models.signals import post_delete, post_save

from jumelage.realtime import registry
from jumelage.realtime import signals as realtime_signals

from .access import ProjectAccess, load_access, load_accesses
from .models import Membership


def connect_policy(user, project_id: int) -> ProjectAccess | None:
    """The connection's access (one query for a member), or None: refused with 4403."""
    return _allowed(load_access(user, project_id))


def connect_policy_many(pairs) -> list:
    """connect_policy() of each (user, project_id) pair: the re-checks of a server's sockets."""
    return [_allowed(access) for access in load_accesses(pairs)]


def _allowed(access: ProjectAccess | None) -> ProjectAccess | None:
    if access is None or not access.can_view_space:
        return None
    return access


def on_membership_deleted(sender, instance, **kwargs):
    realtime_signals.access_ended(instance.user_id, instance.project_id)


def on_membership_saved(sender, instance, created, **kwargs):
    if not created:
        realtime_signals.access_changed(instance.user_id, instance.project_id)


registry.register_connect_policy(connect_policy, many=connect_policy_many)
post_delete.connect(
    on_membership_deleted, sender=Membership, dispatch_uid="projects.realtime.membership_deleted"
)
post_save.connect(
    on_membership_saved, sender=Membership, dispatch_uid="projects.realtime.membership_saved"
)
