from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "jumelage.realtime"
    label = "realtime"

    def ready(self):
        from . import signals

        signals.connect()
