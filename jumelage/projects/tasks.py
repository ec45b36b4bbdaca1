from celery import shared_task


@shared_task(name="projects.remove_expired_pupils")
def remove_expired_pupils() -> int:
    """Daily: delete pupil accounts no project has held for the retention period."""
    from . import services

    return services.remove_expired_pupils()
