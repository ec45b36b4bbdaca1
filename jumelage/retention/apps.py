from django.apps import AppConfig


def _login_resets_inactivity(sender, user, **kwargs):
    """A login at any stage ends the inactive-account schedule (docs/retention.md)."""
    from .models import InactivityNotice

    InactivityNotice.objects.filter(user=user).exclude(
        stage=InactivityNotice.Stage.DELETED
    ).delete()


class RetentionConfig(AppConfig):
    name = "jumelage.retention"
    label = "retention"

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in

        # Every app's retention rules, once a day (`celery -A jumelage beat`).
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "retention.enforce", {"task": "retention.enforce", "schedule": 60 * 60 * 24}
        )
        user_logged_in.connect(_login_resets_inactivity, dispatch_uid="retention.login_resets")
