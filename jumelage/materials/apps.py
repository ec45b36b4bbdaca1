from django.apps import AppConfig


class MaterialsConfig(AppConfig):
    name = "jumelage.materials"
    label = "materials"
