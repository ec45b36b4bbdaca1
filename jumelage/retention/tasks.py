from celery import shared_task


@shared_task(name="retention.enforce")
def enforce() -> dict:
    """Daily: every app's retention rules (retention.registry), then the audit summary."""
    from django.utils import timezone

    from .services import run

    return run(timezone.now()).counts
