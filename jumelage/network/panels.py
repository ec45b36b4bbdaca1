"""The dashboard panel: the open questions this person handles, or their own open questions."""

from . import policies
from .models import HelpRequest


def help_panel(request):
    user = request.user
    scope = policies.help_scope(user)
    if scope is not None:
        pending = HelpRequest.objects.filter(scope, status=HelpRequest.Status.OPEN)
        return {
            "handler": True,
            "count": pending.count(),
            "manager": policies.can_manage_directory(user),
        }
    if policies.can_ask_for_help(user):
        mine = HelpRequest.objects.filter(teacher=user).exclude(status=HelpRequest.Status.CLOSED)
        return {"handler": False, "count": mine.count()}
    return None
