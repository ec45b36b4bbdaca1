from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "jumelage.mail"
    label = "mail"

    def ready(self):
        from django.conf import settings

        # Additive: the beat schedule lives in settings; each app adds its entries.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "mail-sweep-outbox",
            {"task": "jumelage.mail.tasks.sweep_outbox", "schedule": 60.0},
        )
