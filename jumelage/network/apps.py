from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "jumelage.network"
    label = "network"
