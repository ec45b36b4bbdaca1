from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "jumelage.schools"
    label = "schools"
