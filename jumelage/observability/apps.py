"""Metrics, structured logs and error reporting for operators (issue 21)."""

from django.apps import AppConfig


class ObservabilityConfig(AppConfig):
    name = "jumelage.observability"
    label = "observability"

    def ready(self):
        from . import signals

        signals.connect()
