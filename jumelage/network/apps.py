from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "jumelage.network"
    label = "network"
    verbose_name = _("Support network")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from jumelage.accounts import policies as account_policies
        from jumelage.core import registry

        from . import panels, policies
        from .models import SupportRole

        registry.register_nav(
            _("Who can help me?"), "network:directory", registry.teachers, order=70
        )
        registry.register_panel("network/panel.html", panels.help_panel, order=70)

        # A support role demands a second factor: accounts asks, network answers,
        # and tells it when a role is granted or removed.
        account_policies.register_support_role_check(policies.is_support_staff)

        def support_role_changed(sender, instance, **kwargs):
            account_policies.forget_support_role(instance.user_id)

        for signal in (post_save, post_delete):
            signal.connect(
                support_role_changed,
                sender=SupportRole,
                weak=False,
                dispatch_uid=f"jw-2fa-{signal}",
            )
