from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jumelage.audit"
    label = "audit"
