from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "jumelage.search"
    label = "search"
