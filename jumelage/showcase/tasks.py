from celery import shared_task


@shared_task(name="showcase.generate_site")
def generate_site(project_id: int) -> bool:
    """Render the project's static site (eager in the embedded default, a worker otherwise)."""
    from .services import generate

    return generate(project_id) is not None
