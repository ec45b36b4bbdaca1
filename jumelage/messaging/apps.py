from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "jumelage.messaging"
    label = "messaging"
