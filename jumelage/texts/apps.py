from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextsConfig(AppConfig):
    name = "jumelage.texts"
    label = "texts"
    verbose_name = _("Official texts and news")

    def ready(self):
        from jumelage.core import registry

        from . import panels

        registry.register_nav(_("Official texts"), "texts:list", registry.anyone, order=80)
        registry.register_home_section("texts/home_section.html", panels.latest_texts, order=50)
