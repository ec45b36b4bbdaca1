from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "jumelage.chat"
    label = "chat"

    def ready(self):
        from django.conf import settings

        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "chat-sweep-follow-ups",
            {"task": "jumelage.chat.tasks.sweep_follow_ups", "schedule": 60.0},
        )
        from jumelage.twinspace.registry import register_space_section

        register_space_section(_("Chat"), "chat:index", order=60)

        from jumelage.twinspace.reporting import register_reportable

        from .policies import can_see_reported_message

        register_reportable("chat.message", can_see_reported_message, _("chat message"))
        from jumelage.projects.signals import project_activated

        from . import realtime, services

        realtime.register()
        project_activated.connect(services.on_project_activated, dispatch_uid="chat.rooms")
