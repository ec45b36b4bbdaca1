from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "jumelage.materials"
    label = "materials"

    def ready(self):
        from jumelage.twinspace.registry import (
            register_space_activity,
            register_space_search,
            register_space_section,
        )

        from .search import search_files
        from .space import latest_files

        register_space_section(_("Materials"), "materials:index", order=20, visitors=True)
        register_space_search(_("Files"), search_files, order=40)
        register_space_activity(latest_files, order=40)
