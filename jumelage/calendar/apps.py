from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "jumelage.calendar"
    label = "calendar"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from jumelage.core.registry import register_nav, register_panel, signed_in
        from jumelage.twinspace.registry import register_space_panel, register_space_section

        from .middleware import _on_login
        from .panels import coming_events, space_events

        user_logged_in.connect(_on_login, dispatch_uid="calendar.reader_zone")

        register_space_section(_("Calendar"), "calendar:month", order=50)
        register_nav(_("My calendar"), "mycalendar:settings", signed_in, order=70)
        register_panel("calendar/panel.html", coming_events, order=40)
        register_space_panel("calendar/_space_panel.html", space_events, order=50)
