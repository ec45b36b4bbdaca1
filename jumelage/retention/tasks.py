from celery import shared_task


@shared_task(name="retention.enforce")
def enforce() -> dict:
    """Daily: every app's retention rules (retention.registry)."""
    from django.utils import timezone

    from .registry import enforce as enforce_rules

    return enforce_rules(timezone.now())
