from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jumelage.accounts"
    label = "accounts"
