from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "jumelage.notifications"
    label = "notifications"

    def ready(self):
        from celery.schedules import crontab
        from django.conf import settings

        from jumelage.core import registry

        from . import realtime

        realtime.register()
        registry.register_header_tool("notifications/badge.html", _badge, order=10)
        # Additive: the beat schedule lives in settings; each app adds its entries.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "notifications-daily-digest",
            {
                "task": "jumelage.notifications.tasks.send_daily_digests",
                "schedule": crontab(hour=17, minute=0),
            },
        )


def _badge(request) -> dict:
    """The badge shows for every signed-in user; its count arrives over /ws/me/."""
    return {}
