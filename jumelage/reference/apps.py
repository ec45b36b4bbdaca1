from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "jumelage.reference"
    label = "reference"
