from celery import shared_task

from . import uploads


@shared_task(name="core.sweep_upload_temp")
def sweep_upload_temp() -> int:
    """Hourly: remove stale files from the upload temporary directory."""
    return uploads.sweep()
