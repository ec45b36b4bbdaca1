from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "jumelage.wiki"
    label = "wiki"
