from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "jumelage.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from jumelage.core import registry

        from . import panels

        registry.register_nav(_("Training"), "training:list", registry.teachers, order=75)
        registry.register_panel("training/panel.html", panels.coming_events, order=75)
