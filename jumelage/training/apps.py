from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "jumelage.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from jumelage.core import registry

        from . import live, panels

        registry.register_nav(_("Training"), "training:list", registry.teachers, order=75)
        registry.register_panel("training/panel.html", panels.coming_events, order=75)
        live.install()

        from jumelage.accounts.signals import account_deleting

        def free_places(sender, user, **kwargs):
            from .services import free_places_of

            free_places_of(user)

        account_deleting.connect(free_places, weak=False, dispatch_uid="training-free-on-delete")
