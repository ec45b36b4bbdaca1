from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "jumelage.backups"
    label = "backups"
