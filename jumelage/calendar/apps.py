from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "jumelage.calendar"
    label = "calendar"

    def ready(self):
        from jumelage.twinspace.registry import register_space_section

        register_space_section(_("Calendar"), "calendar:month", order=50)
        from jumelage.core.registry import register_nav, register_panel, signed_in

        from .panels import coming_events

        register_nav(_("My calendar"), "mycalendar:settings", signed_in, order=70)
        register_panel("calendar/panel.html", coming_events, order=40)
