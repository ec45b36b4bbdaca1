from celery import shared_task


@shared_task(name="portability.build_export")
def build_export(export_id: int) -> str:
    """Build one project archive in the background (eager in the embedded default)."""
    from . import services

    return services.run_export(export_id).status
