from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KitsConfig(AppConfig):
    name = "jumelage.kits"
    label = "kits"

    def ready(self):
        from jumelage.core import registry

        registry.register_nav(_("Kits"), "kits:list", registry.anyone, order=25)
