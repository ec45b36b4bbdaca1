from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _directory_visible(user) -> bool:
    return user.is_authenticated and getattr(user, "kind", "") in ("teacher", "staff")


def _help_panel(request):
    """Dashboard: the open questions this person handles, or their own open questions."""
    from . import policies
    from .models import HelpRequest

    user = request.user
    scope = policies.help_scope(user)
    if scope is not None:
        pending = HelpRequest.objects.filter(scope, status=HelpRequest.Status.OPEN)
        return {
            "handler": True,
            "count": pending.count(),
            "manager": policies.may_manage_directory(user),
        }
    if policies.may_ask_for_help(user):
        mine = HelpRequest.objects.filter(teacher=user).exclude(status=HelpRequest.Status.CLOSED)
        return {"handler": False, "count": mine.count()}
    return None


class NetworkConfig(AppConfig):
    name = "jumelage.network"
    label = "network"
    verbose_name = _("Support network")

    def ready(self):
        from jumelage.core.registry import register_nav, register_panel

        register_nav(_("Who can help me?"), "network:directory", _directory_visible, order=70)
        register_panel("network/panel.html", _help_panel, order=70)
