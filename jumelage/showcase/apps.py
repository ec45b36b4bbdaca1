"""The static site of a project's final production (issue 20)."""

from django.apps import AppConfig


class ShowcaseConfig(AppConfig):
    name = "jumelage.showcase"
    label = "showcase"

    def ready(self):
        from jumelage.twinspace.registry import register_space_panel

        from . import signals  # noqa: F401
        from .panels import space_panel

        register_space_panel("showcase/_space_panel.html", space_panel, order=90)
