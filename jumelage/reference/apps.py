from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "jumelage.reference"
    label = "reference"

    def ready(self):
        from . import choices

        choices.connect(self.get_models())
