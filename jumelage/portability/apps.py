from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "jumelage.portability"
    label = "portability"
