from django.apps import AppConfig


class ShowcaseConfig(AppConfig):
    name = "jumelage.showcase"
    label = "showcase"
