from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "jumelage.meetings"
    label = "meetings"
