from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "jumelage.sso"
    label = "sso"
