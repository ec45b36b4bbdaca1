from django.apps import AppConfig


class TextsConfig(AppConfig):
    name = "jumelage.texts"
    label = "texts"
