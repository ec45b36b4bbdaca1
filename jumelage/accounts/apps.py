from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jumelage.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib import admin

        from jumelage.core import registry

        from . import panels, policies, views

        registry.register_nav(_("Sign up"), "accounts:signup", _anonymous, order=90)
        registry.register_nav(_("My profile"), "accounts:profile", _teacher, order=80)
        registry.register_nav(_("Account security"), "accounts:security", _email_login, order=85)
        registry.register_panel("accounts/panel_registration.html", panels.registration, order=5)

        # /admin/ needs an admin whose session passed the second factor, and logs in
        # through the platform's own login page.
        plain_has_permission = admin.site.has_permission

        def has_permission(request):
            return plain_has_permission(request) and policies.may_use_admin(request.user)

        admin.site.has_permission = has_permission
        admin.site.login = views.admin_login


def _anonymous(user) -> bool:
    return not user.is_authenticated


def _teacher(user) -> bool:
    return user.is_authenticated and user.kind == "teacher"


def _email_login(user) -> bool:
    return user.is_authenticated and user.kind in ("teacher", "staff")
