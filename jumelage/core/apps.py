from django.apps import AppConfig

# Imported before any model class is built: every jumelage date field gets its range constraint.
from . import fields  # noqa: F401


class CoreConfig(AppConfig):
    name = "jumelage.core"
    label = "core"
