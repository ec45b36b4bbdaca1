from django.apps import AppConfig


class TwinspaceConfig(AppConfig):
    name = "jumelage.twinspace"
    label = "twinspace"
