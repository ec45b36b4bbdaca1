from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "jumelage.calendar"
    label = "calendar"
