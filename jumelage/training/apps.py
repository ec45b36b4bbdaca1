from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "jumelage.training"
    label = "training"
