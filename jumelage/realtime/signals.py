"""Revocation: open WebSockets lose their rights as soon as the user does.

Every connection joins registry.sockets_group(user id). When a right ends, a
"realtime.revoke" event goes there and the consumers concerned close at once
(consumers.BaseConsumer.realtime_revoke):
- logout: the sockets of that session, 4401;
- password changed or reset, account deleted or deactivated: every socket of
  the user, 4401 (credentials_changed, or the stored hash / is_active changing,
  whichever code path saved it);
- removal from a project: that project's sockets, 4403; a changed membership
  (role): that project's sockets reconnect (1012) and get their new access.
  These two are sent by the app that owns memberships (projects/realtime.py
  calls `revoke`): realtime knows no domain app.
Consumers also re-check the session and access at most every 30 seconds (on the
next frame or heartbeat after that), so a lost event leaves a socket working
for that long at most.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete, post_init, post_save

from jumelage.accounts.signals import credentials_changed

from . import policies
from .consumers import CLOSE_RECONNECT
from .publish import send_on_commit
from .registry import sockets_group


def revoke(user_id: int, code: int, *, project_id=None, session_key=None) -> None:
    event = {"type": "realtime.revoke", "code": code, "project": project_id}
    if session_key is not None:
        event["session"] = policies.session_fingerprint(session_key)
    send_on_commit(sockets_group(user_id), event)


def on_logout(sender, request, user, **kwargs):
    if user is not None and getattr(user, "pk", None):
        session = getattr(request, "session", None)
        revoke(user.pk, policies.CLOSE_UNAUTHENTICATED, session_key=session and session.session_key)


def on_credentials_changed(sender, user, **kwargs):
    revoke(user.pk, policies.CLOSE_UNAUTHENTICATED)


def _credentials(user) -> tuple:
    # __dict__, not attributes: reading a deferred field would cost a query per instance.
    return user.__dict__.get("password"), user.__dict__.get("is_active")


def remember_credentials(sender, instance, **kwargs):
    instance._realtime_credentials = _credentials(instance)


def on_user_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_realtime_credentials", (None, None))
    after = _credentials(instance)
    instance._realtime_credentials = after
    if created:
        return
    if before[0] != after[0] or (before[1] is not False and after[1] is False):
        revoke(instance.pk, policies.CLOSE_UNAUTHENTICATED)


def on_user_deleted(sender, instance, **kwargs):
    revoke(instance.pk, policies.CLOSE_UNAUTHENTICATED)


def access_ended(user_id: int, project_id: int) -> None:
    """The user may no longer use the project: its sockets close with 4403."""
    revoke(user_id, policies.CLOSE_FORBIDDEN, project_id=project_id)


def access_changed(user_id: int, project_id: int) -> None:
    """The user's rights in the project changed: its sockets reconnect (1012), new access."""
    revoke(user_id, CLOSE_RECONNECT, project_id=project_id)


def connect() -> None:
    user_model = get_user_model()
    uid = "jumelage.realtime"
    user_logged_out.connect(on_logout, dispatch_uid=f"{uid}.logout")
    credentials_changed.connect(on_credentials_changed, dispatch_uid=f"{uid}.credentials")
    post_init.connect(remember_credentials, sender=user_model, dispatch_uid=f"{uid}.user_init")
    post_save.connect(on_user_saved, sender=user_model, dispatch_uid=f"{uid}.user_saved")
    post_delete.connect(on_user_deleted, sender=user_model, dispatch_uid=f"{uid}.user_deleted")
