from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "jumelage.forum"
    label = "forum"
