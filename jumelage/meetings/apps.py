from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "jumelage.meetings"
    label = "meetings"
    verbose_name = _("Video meetings")

    def ready(self):
        from jumelage.twinspace.registry import register_space_section

        register_space_section(_("Meetings"), "meetings:room_list", order=70)
        from . import signalling

        signalling.install()
