"""The request id across Celery: published with each task, restored around its run.

Connected in jumelage/celery.py (the worker imports it first). A task published
while a request (or another task) is handled carries that id in its message
headers; the worker sets it for the task's run, so its log lines carry it too.
Eager tasks (make run, tests) run in the publishing context and keep its id.
"""

import logging.config

from . import context

_RESET_ATTR = "_jumelage_request_id_reset"


def on_before_task_publish(sender=None, headers=None, **kwargs):
    request_id = context.get()
    if request_id and headers is not None and context.CELERY_HEADER not in headers:
        headers[context.CELERY_HEADER] = request_id


def on_task_prerun(sender=None, task=None, **kwargs):
    if task is None:
        return
    request_id = getattr(task.request, context.CELERY_HEADER, None)
    if not context.acceptable(request_id):
        return  # eager run (the caller's id stays) or published outside a request
    setattr(task.request, _RESET_ATTR, context.set_current(request_id))


def on_task_postrun(sender=None, task=None, **kwargs):
    token = getattr(getattr(task, "request", None), _RESET_ATTR, None)
    if token is not None:
        try:
            context.reset(token)
        except ValueError:
            context.set_current(None)  # ended in another context: just forget the id
        setattr(task.request, _RESET_ATTR, None)


def on_setup_logging(loglevel=None, **kwargs):
    """The worker logs as the web processes do (settings.LOGGING), not in Celery's format;
    its `-l` level, when given, wins over LOG_LEVEL."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)


def connect(app) -> None:
    from celery import signals

    uid = "jumelage.observability"
    signals.before_task_publish.connect(
        on_before_task_publish, weak=False, dispatch_uid=f"{uid}.pub"
    )
    signals.task_prerun.connect(on_task_prerun, weak=False, dispatch_uid=f"{uid}.prerun")
    signals.task_postrun.connect(on_task_postrun, weak=False, dispatch_uid=f"{uid}.postrun")
    signals.setup_logging.connect(on_setup_logging, weak=False, dispatch_uid=f"{uid}.logging")
