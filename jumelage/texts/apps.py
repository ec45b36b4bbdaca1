from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _home_section(request):
    """The home page shows the three latest published texts."""
    from .models import OfficialText

    texts = list(OfficialText.objects.filter(published=True).select_related("country")[:3])
    return {"texts": texts} if texts else None


class TextsConfig(AppConfig):
    name = "jumelage.texts"
    label = "texts"
    verbose_name = _("Official texts and news")

    def ready(self):
        from jumelage.core.registry import anyone, register_home_section, register_nav

        register_nav(_("Official texts"), "texts:list", anyone, order=80)
        register_home_section("texts/home_section.html", _home_section, order=50)
