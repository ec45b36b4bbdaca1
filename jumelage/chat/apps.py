from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "jumelage.chat"
    label = "chat"
