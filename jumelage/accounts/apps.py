from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jumelage.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib import admin

        from jumelage.core import registry

        from . import policies, views
        from .models import User

        registry.register_nav(
            _("Sign up"),
            "accounts:signup",
            registry.anonymous,
            order=91,
            primary=True,
            icon="user-plus",
        )
        registry.register_nav(
            _("My profile"),
            "accounts:profile",
            registry.of_kind(User.Kind.TEACHER),
            order=80,
            area="account",
        )
        registry.register_nav(
            _("Account security"), "accounts:security", registry.teachers, order=85, area="account"
        )

        # /admin/ needs an admin whose session passed the second factor, and logs in
        # through the platform's own login page.
        plain_has_permission = admin.site.has_permission

        def has_permission(request):
            return plain_has_permission(request) and policies.can_use_admin(request.user)

        admin.site.has_permission = has_permission
        admin.site.login = views.admin_login

        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import throttling

        user_login_failed.connect(throttling.on_login_failed, dispatch_uid="jw-login-ip")
        user_logged_in.connect(throttling.on_logged_in, dispatch_uid="jw-login-known")
        user_logged_in.connect(_warm_support_role, dispatch_uid="jw-2fa-warm")


def _warm_support_role(sender, user, **kwargs):
    """Read once at login, so the gate adds no query to the pages that follow."""
    from . import policies

    policies.forget_support_role(user.pk)
    user.__dict__.pop("_has_support_role", None)
    policies.has_support_role(user)
