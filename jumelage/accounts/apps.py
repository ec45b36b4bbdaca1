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
        registry.register_nav(
            _("My profile"), "accounts:profile", _teacher, order=80, area="account"
        )
        registry.register_nav(
            _("Account security"), "accounts:security", _email_login, order=85, area="account"
        )
        registry.register_panel("accounts/panel_registration.html", panels.registration, order=5)

        # /admin/ needs an admin whose session passed the second factor, and logs in
        # through the platform's own login page.
        plain_has_permission = admin.site.has_permission

        def has_permission(request):
            return plain_has_permission(request) and policies.may_use_admin(request.user)

        admin.site.has_permission = has_permission
        admin.site.login = views.admin_login

        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_delete, post_save

        from jumelage.network.models import SupportRole

        from . import throttling

        user_login_failed.connect(throttling.on_login_failed, dispatch_uid="jw-login-ip")
        user_logged_in.connect(throttling.on_logged_in, dispatch_uid="jw-login-known")
        user_logged_in.connect(_warm_support_role, dispatch_uid="jw-2fa-warm")
        for signal in (post_save, post_delete):
            signal.connect(
                _support_role_changed, sender=SupportRole, dispatch_uid=f"jw-2fa-{signal}"
            )


def _warm_support_role(sender, user, **kwargs):
    """Read once at login, so the gate adds no query to the pages that follow."""
    from . import policies

    policies.forget_support_role(user.pk)
    user.__dict__.pop("_has_support_role", None)
    policies.has_support_role(user)


def _support_role_changed(sender, instance, **kwargs):
    """Appointed or removed: the second-factor gate must know at the next request."""
    from . import policies

    policies.forget_support_role(instance.user_id)


def _anonymous(user) -> bool:
    return not user.is_authenticated


def _teacher(user) -> bool:
    return user.is_authenticated and user.kind == "teacher"


def _email_login(user) -> bool:
    return user.is_authenticated and user.kind in ("teacher", "staff")
