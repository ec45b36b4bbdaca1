"""Statistics for support offices and the platform (issue 21)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "jumelage.statistics"
    label = "statistics"

    def ready(self):
        from celery.schedules import crontab
        from django.conf import settings

        from jumelage.core import registry

        registry.register_nav(_("Statistics"), "statistics:index", registry.staff, order=24)
        # Yesterday's figures, computed at night by `celery -A jumelage beat`.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "statistics.materialise_daily",
            {
                "task": "statistics.materialise_daily",
                "schedule": crontab(hour=settings.STATISTICS_HOUR, minute=15),
            },
        )
