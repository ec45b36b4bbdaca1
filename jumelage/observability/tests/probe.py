"""Test-only URLs and a task: a view that logs, one that enqueues a task, one that fails."""

import logging

from celery import shared_task
from django.http import HttpResponse, JsonResponse
from django.urls import include, path

from jumelage.observability import context

log = logging.getLogger("jumelage.observability.tests.probe")


@shared_task(name="observability.tests.log_request_id")
def log_request_id(marker: str) -> None:
    log.warning("task ran %s", marker, extra={"marker": marker})


def logs(request):
    log.warning("view ran", extra={"marker": "view"})
    return JsonResponse({"request_id": context.get()})


def enqueue(request):
    log_request_id.delay(request.GET.get("marker", "m"))
    return JsonResponse({"request_id": context.get()})


def boom(request):
    raise RuntimeError("probe failure")


def server_error(request):
    return HttpResponse("error", status=500)


handler500 = server_error

urlpatterns = [
    path("_probe/logs", logs),
    path("_probe/enqueue", enqueue),
    path("_probe/boom", boom),
    path("", include("jumelage.urls")),
]


class Records(logging.Handler):
    """Keeps the records of the probe logger, formatted as settings.LOGGING would (JSON)."""

    def __init__(self):
        super().__init__()
        from jumelage.observability.logs import RequestIdFilter, logging_config

        config = logging_config("json", "INFO")["formatters"]["default"]
        factory = config.pop("()")
        module, _, name = factory.rpartition(".")
        formatter_class = getattr(__import__(module, fromlist=[name]), name)
        self.setFormatter(formatter_class(**config))
        self.addFilter(RequestIdFilter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def capture(logger_name: str = log.name) -> Records:
    handler = Records()
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def release(handler: Records, logger_name: str = log.name) -> None:
    logging.getLogger(logger_name).removeHandler(handler)
