"""Keep search documents current when what they copy changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from jumelage.accounts.models import TeacherProfile, User
from jumelage.schools.models import School, SchoolMembership

from .models import SearchDocument
from .services import index_teachers

ACTIVITY_ONLY = {"last_login", "last_seen_at"}


@receiver(post_save, sender=TeacherProfile)
def profile_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_teachers([instance.user_id])


@receiver(post_delete, sender=TeacherProfile)
def profile_deleted(sender, instance, **kwargs):
    SearchDocument.objects.filter(user_id=instance.user_id).delete()


@receiver(post_save, sender=User)
def user_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.kind != User.Kind.TEACHER:
        return
    if update_fields and set(update_fields) <= ACTIVITY_ONLY:
        active_at = instance.last_seen_at or instance.date_joined
        SearchDocument.objects.filter(user_id=instance.pk).update(active_at=active_at)
        return
    if TeacherProfile.objects.filter(user_id=instance.pk).exists():
        index_teachers([instance.pk])


@receiver(post_save, sender=SchoolMembership)
@receiver(post_delete, sender=SchoolMembership)
def membership_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index_teachers([instance.user_id])


@receiver(post_save, sender=School)
def school_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        index_teachers(instance.memberships.values_list("user_id", flat=True))


def profile_choices_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        index_teachers([instance.user_id])
    elif pk_set:
        index_teachers(
            TeacherProfile.objects.filter(pk__in=pk_set).values_list("user_id", flat=True)
        )


for _through in (
    TeacherProfile.subjects.through,
    TeacherProfile.languages.through,
    TeacherProfile.age_bands.through,
):
    m2m_changed.connect(profile_choices_changed, sender=_through, dispatch_uid=f"search-{_through}")
