from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "jumelage.projects"
    label = "projects"
