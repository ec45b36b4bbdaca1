from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "jumelage.notifications"
    label = "notifications"

    def ready(self):
        from celery.schedules import crontab
        from django.conf import settings

        from . import realtime

        realtime.register()
        # Additive: the beat schedule lives in settings; each app adds its entries.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "notifications-daily-digest",
            {
                "task": "jumelage.notifications.tasks.send_daily_digests",
                "schedule": crontab(hour=17, minute=0),
            },
        )
