from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def register_space_search(label, fn) -> bool:
    """Hand a search function to the TwinSpace search, when that registry exists."""
    from importlib import import_module

    for module_name in ("jumelage.twinspace", "jumelage.twinspace.registry"):
        try:
            register = getattr(import_module(module_name), "register_space_search", None)
        except ImportError:
            continue
        if register is not None:
            register(label, fn)
            return True
    return False


class MaterialsConfig(AppConfig):
    name = "jumelage.materials"
    label = "materials"

    def ready(self):
        from .search import search_files

        register_space_search(_("Files"), search_files)
