from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "jumelage.corrections"
    label = "corrections"
