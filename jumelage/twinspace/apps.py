from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwinspaceConfig(AppConfig):
    name = "jumelage.twinspace"
    label = "twinspace"
    verbose_name = _("TwinSpace")

    def ready(self):
        from jumelage.core.registry import register_panel

        from . import panels
        from .registry import register_space_section

        register_panel("twinspace/_panel.html", panels.my_spaces, order=20)

        # URL names tried in order: apps landing later are linked once one exists.
        sections = [
            (_("Home"), ["twinspace:home"]),
            (_("Pages"), ["wiki:index"]),
            (_("Materials"), ["materials:index", "materials:folder_list", "materials:list"]),
            (_("Forum"), ["forum:topic_list", "forum:index"]),
            (_("Blog"), ["blog:post_list", "blog:index", "blog:list"]),
            (_("Calendar"), ["calendar:month", "calendar:index", "calendar:event_list"]),
            (_("Chat"), ["chat:index", "chat:room_list", "chat:rooms"]),
            (_("Meetings"), ["meetings:index", "meetings:room_list", "meetings:list"]),
        ]
        for order, (label, names) in enumerate(sections):
            register_space_section(label, names, order=order * 10)
