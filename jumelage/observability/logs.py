"""Logging: the request id on every record, JSON or readable text (LOG_FORMAT)."""

import logging

from pythonjsonlogger.core import RESERVED_ATTRS

from . import context

TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
JSON_FIELDS = "%(levelname)s %(name)s %(message)s %(request_id)s"


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (the current request's or task's, "-" outside one) to each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # Django logs a 4xx/5xx response after the middleware returned: the
            # request it passes along still knows its id.
            request = getattr(record, "request", None)
            record.request_id = context.get() or getattr(request, "request_id", None) or "-"
        return True


def logging_config(log_format: str, level: str) -> dict:
    """settings.LOGGING: one console handler, with the request id, as JSON or text."""
    if log_format == "json":
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "reserved_attrs": [*RESERVED_ATTRS, "request"],
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
        }
    else:
        formatter = {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "jumelage.observability.logs.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "default",
            }
        },
        "root": {"handlers": ["console"], "level": level},
    }
