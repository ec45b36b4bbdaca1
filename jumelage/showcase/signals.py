"""A deleted project's site leaves nothing behind in storage."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Showcase


@receiver(post_delete, sender=Showcase)
def remove_files(sender, instance, **kwargs):
    if not instance.build:
        return
    from .services import delete_build

    project_id, build, files = instance.project_id, instance.build, list(instance.files)
    transaction.on_commit(lambda: delete_build(project_id, build, files))
