from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "jumelage.messaging"
    label = "messaging"

    def ready(self):
        from jumelage.core.registry import register_nav, signed_in

        from . import realtime

        realtime.register()
        register_nav(_("Messages"), "messaging:inbox", signed_in, order=85)
