from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jumelage.core"
    label = "core"
