from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwinspaceConfig(AppConfig):
    name = "jumelage.twinspace"
    label = "twinspace"
    verbose_name = _("TwinSpace")

    def ready(self):
        from jumelage.core.registry import register_panel

        from . import panels
        from .registry import register_space_section

        register_panel("twinspace/_panel.html", panels.my_spaces, order=20)

        register_space_section(_("Home"), "twinspace:home", order=0)
