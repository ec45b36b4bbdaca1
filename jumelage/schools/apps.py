from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "jumelage.schools"
    label = "schools"

    def ready(self):
        from jumelage.core import registry

        from . import panels

        registry.register_nav(_("Verification queue"), "schools:queue", _staff, order=70)
        registry.register_panel("schools/panel_queue.html", panels.staff_queue, order=6)
        registry.register_panel("schools/panel_join_requests.html", panels.join_requests, order=7)


def _staff(user) -> bool:
    return user.is_authenticated and user.kind == "staff"
