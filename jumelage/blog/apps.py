from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "jumelage.blog"
    label = "blog"
