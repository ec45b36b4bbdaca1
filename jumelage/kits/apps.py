from django.apps import AppConfig


class KitsConfig(AppConfig):
    name = "jumelage.kits"
    label = "kits"
