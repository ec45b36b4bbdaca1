from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "jumelage.statistics"
    label = "statistics"
