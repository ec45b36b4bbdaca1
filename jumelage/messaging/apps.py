from django import forms
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "jumelage.messaging"
    label = "messaging"

    def ready(self):
        from jumelage.core.registry import register_nav, signed_in

        from . import realtime

        realtime.register()
        register_nav(
            _("Messages"), "messaging:inbox", signed_in, order=3, primary=True, icon="mail"
        )

        from jumelage.twinspace.registry import register_space_setting

        from .policies import pupils_may_message_pupils
        from .services import set_pupils_may_message_pupils

        register_space_setting(
            "pupils_may_message_pupils",
            _pupils_may_message_pupils_field,
            pupils_may_message_pupils,
            set_pupils_may_message_pupils,
        )


def _pupils_may_message_pupils_field():
    return forms.BooleanField(
        label=_("Pupils may write private messages to other pupils"),
        required=False,
        help_text=_(
            "Otherwise pupils write only to the project's teachers. Never to guests or to "
            "anyone outside the project; the project's teachers can read pupils' conversations."
        ),
    )
