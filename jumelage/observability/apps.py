from django.apps import AppConfig


class ObservabilityConfig(AppConfig):
    name = "jumelage.observability"
    label = "observability"
