from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "jumelage.retention"
    label = "retention"

    def ready(self):
        from django.conf import settings

        # Every app's retention rules, once a day (`celery -A jumelage beat`).
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "retention.enforce", {"task": "retention.enforce", "schedule": 60 * 60 * 24}
        )
