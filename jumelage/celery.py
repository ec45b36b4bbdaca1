"""Celery application: eager (in-process) by default, Redis-backed when REDIS_URL is set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")

app = Celery("jumelage")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The request id travels with each task; the worker logs through settings.LOGGING.
from jumelage.observability import tasks_context  # noqa: E402

tasks_context.connect(app)
