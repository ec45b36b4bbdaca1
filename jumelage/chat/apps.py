from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "jumelage.chat"
    label = "chat"

    def ready(self):
        from . import realtime

        realtime.register()
