from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jumelage.core"
    label = "core"

    def ready(self):
        # Pillow's pixel limit and its warning-as-error hold for every decode in the process.
        from . import images  # noqa: F401
