"""Drop a teacher's cached partner suggestions when what they look for changes.

Their suggestions come from their profile (subjects, languages, ages), their schools'
countries (never suggested at home) and their projects (co-members are never
suggested): a change to any of these shows on their next dashboard, not after the
cache's five minutes. Writes on partner requests bump every teacher's list
(services._pool_changed).
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import suggestions


def _forget_later(user_id) -> None:
    if user_id:
        transaction.on_commit(lambda: suggestions.forget_for_teacher(user_id))


def _user_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _forget_later(instance.user_id)


def _profile_choices_changed(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        _forget_later(instance.user_id)


def connect() -> None:
    from jumelage.accounts.models import TeacherProfile

    senders = [
        TeacherProfile,
        apps.get_model("schools", "SchoolMembership"),
        apps.get_model("projects", "Membership"),
    ]
    for sender in senders:
        uid = f"partners-suggestions-{sender._meta.label}"
        post_save.connect(_user_row_changed, sender=sender, dispatch_uid=uid)
        post_delete.connect(_user_row_changed, sender=sender, dispatch_uid=uid)
    for field in ("subjects", "languages", "age_bands"):
        through = getattr(TeacherProfile, field).through
        m2m_changed.connect(
            _profile_choices_changed, sender=through, dispatch_uid=f"partners-suggestions-{field}"
        )
