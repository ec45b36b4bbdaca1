from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "jumelage.partners"
    label = "partners"
