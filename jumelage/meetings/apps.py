from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "jumelage.meetings"
    label = "meetings"
    verbose_name = _("Video meetings")

    def ready(self):
        from . import signalling

        signalling.install()
