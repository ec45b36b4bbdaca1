from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "jumelage.search"
    label = "search"

    def ready(self):
        from . import signals  # noqa: F401
