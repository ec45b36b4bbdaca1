from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KitsConfig(AppConfig):
    name = "jumelage.kits"
    label = "kits"

    def ready(self):
        from jumelage.accounts.forms import SignUpForm
        from jumelage.core import registry

        from .forms import add_kit_choice

        add_kit_choice(SignUpForm)

        registry.register_nav(_("Kits"), "kits:list", registry.anyone, order=25)
