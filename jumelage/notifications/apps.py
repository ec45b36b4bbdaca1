from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "jumelage.notifications"
    label = "notifications"
