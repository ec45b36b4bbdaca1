"""Single sign-on through OpenID Connect providers (issue 21)."""

from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "jumelage.sso"
    label = "sso"

    def ready(self):
        from jumelage.accounts.signals import account_deleting

        from . import services

        account_deleting.connect(services.forget_links, dispatch_uid="sso-forget-links")
