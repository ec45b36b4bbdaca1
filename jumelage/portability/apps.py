"""Project export and import: a TwinSpace is never lost (issue 20)."""

from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "jumelage.portability"
    label = "portability"
