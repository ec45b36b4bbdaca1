from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "jumelage.partners"
    label = "partners"

    def ready(self):
        from django.conf import settings

        from jumelage.accounts.models import User
        from jumelage.core import registry
        from jumelage.search.services import register_contributor

        from . import signals
        from .services import contribute_to_search
        from .views import dashboard_panel

        signals.connect()
        register_contributor(contribute_to_search)
        teachers_only = registry.of_kind(User.Kind.TEACHER)
        registry.register_nav(_("Find partners"), "partners:search", teachers_only, order=20)
        registry.register_nav(
            _("Partner requests"), "partners:request_list", teachers_only, order=21
        )
        registry.register_panel("partners/panel.html", dashboard_panel, order=30)
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "partners-expire-requests",
            {"task": "jumelage.partners.tasks.expire_partner_requests", "schedule": 3600.0},
        )
