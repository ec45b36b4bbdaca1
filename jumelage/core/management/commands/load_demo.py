"""A small demo data set for `make run`: safe to run twice.

Every app seeds its own part in `<app>/demo.py:load(stdout)` (schools and their
teachers, the support network, the project and its pupils...), so this command
knows no app. Demos run by their module's ORDER (default 50), then in
INSTALLED_APPS order: a demo that needs another's rows declares a larger ORDER.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from jumelage.core.demo import PASSWORD


def demo_modules() -> list:
    modules = [
        import_module(f"{config.name}.demo")
        for config in apps.get_app_configs()
        if config.name.startswith("jumelage.") and module_has_submodule(config.module, "demo")
    ]
    modules = [module for module in modules if hasattr(module, "load")]  # core.demo: helpers
    return sorted(modules, key=lambda module: getattr(module, "ORDER", 50))


class Command(BaseCommand):
    help = "Load the demo teachers, schools, support staff and one active project."

    @transaction.atomic
    def handle(self, *args, **options):
        self.stdout.write(f"Demo logins (password for all: {PASSWORD}):")
        for module in demo_modules():
            module.load(self.stdout)
